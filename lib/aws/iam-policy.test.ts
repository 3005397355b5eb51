import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * docs/iam-policy.json must allow exactly what lib/aws calls: every SDK command (or paginator)
 * imported under lib/aws maps to an IAM action in the policy, and every action in the policy is
 * used by some command. No wildcard actions.
 */

const ROOT = join(__dirname, "..", "..");
const SERVICE_BY_PACKAGE: Record<string, string> = {
  "client-lambda": "lambda",
  "client-cloudwatch": "cloudwatch",
  "client-cloudwatch-logs": "logs",
  "client-iam": "iam",
  "client-sts": "sts",
  "client-resource-groups-tagging-api": "tag",
};

/** API operations whose IAM action has another name, or that need more than their own action. */
const EXTRA_ACTIONS: Record<string, string[]> = {
  // The IAM action of GetLayerVersionByArn is lambda:GetLayerVersion.
  "lambda:GetLayerVersionByArn": ["lambda:GetLayerVersion"],
  // GetFunction returns tags only with lambda:ListTags (otherwise it answers TagsError).
  "lambda:GetFunction": ["lambda:GetFunction", "lambda:ListTags"],
};

function operationsUsed(): Set<string> {
  const ops = new Set<string>();
  const files = readdirSync(join(ROOT, "lib", "aws")).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  const importRe = /import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(client-[a-z-]+)"/g;
  for (const f of files) {
    const text = readFileSync(join(ROOT, "lib", "aws", f), "utf8");
    for (const m of text.matchAll(importRe)) {
      const service = SERVICE_BY_PACKAGE[m[2] ?? ""];
      if (!service) continue;
      for (const raw of (m[1] ?? "").split(",")) {
        const name = raw.trim().replace(/^type\s+/, "");
        if (raw.trim().startsWith("type ")) continue;
        const cmd = /^(\w+)Command$/.exec(name);
        const pag = /^paginate(\w+)$/.exec(name);
        const op = cmd?.[1] ?? pag?.[1];
        if (op) ops.add(`${service}:${op}`);
      }
    }
  }
  return ops;
}

function policyActions(): string[] {
  const doc = JSON.parse(readFileSync(join(ROOT, "docs", "iam-policy.json"), "utf8")) as {
    Statement: Array<{ Effect: string; Action: string | string[] }>;
  };
  return doc.Statement.filter((s) => s.Effect === "Allow").flatMap((s) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );
}

describe("docs/iam-policy.json", () => {
  const ops = operationsUsed();
  const needed = new Set([...ops].flatMap((op) => EXTRA_ACTIONS[op] ?? [op]));
  const allowed = new Set(policyActions());

  it("finds the SDK commands of lib/aws", () => {
    expect(ops.size).toBeGreaterThan(15);
    expect(ops).toContain("lambda:ListFunctions");
    expect(ops).toContain("logs:StartQuery");
  });

  it("allows every action lib/aws uses", () => {
    expect([...needed].filter((a) => !allowed.has(a)).sort()).toEqual([]);
  });

  it("allows nothing lib/aws does not use", () => {
    expect([...allowed].filter((a) => !needed.has(a)).sort()).toEqual([]);
  });

  it("names every action explicitly (no wildcards)", () => {
    expect([...allowed].filter((a) => a.includes("*"))).toEqual([]);
  });
});
