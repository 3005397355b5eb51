import { describe, expect, it } from "vitest";
import type { FunctionFacts } from "@/lib/analysis/function-facts";
import { makeFacts } from "@/lib/analysis/cost/test-fixtures";
import { configRiskFindings } from "./rules";

const today = new Date("2026-11-22T00:00:00Z");
const kinds = (facts: FunctionFacts, trustedLayerAccounts?: string[]) =>
  configRiskFindings(facts, { today, trustedLayerAccounts }).map((f) => [f.kind, f.severity]);

const foreignLayer = { arn: "arn:aws:lambda:us-east-1:999999999999:layer:tools:3", account: "999999999999" };
const ownLayer = { arn: "arn:aws:lambda:us-east-1:111111111111:layer:shared:1", account: "111111111111" };

describe("configRiskFindings", () => {
  it("finds nothing for a healthy function", () => {
    expect(configRiskFindings(makeFacts(), { today })).toEqual([]);
  });

  it.each<[string, Partial<FunctionFacts>, Array<[string, string]>]>([
    // Runtimes, on 2026-11-22.
    ["nodejs22.x, deprecated in 159 days", { runtime: "nodejs22.x" }, [["runtime-deprecation", "warning"]]],
    ["python3.11, 220 days away", { runtime: "python3.11" }, []],
    [
      "provided.al2, deprecated since 2026-07-31",
      { runtime: "provided.al2" },
      [["runtime-deprecation", "critical"]],
    ],
    [
      "nodejs10.x, updates blocked",
      { runtime: "nodejs10.x", architecture: "x86_64" },
      [["runtime-deprecation", "critical"]],
    ],
    ["container image without a runtime", { runtime: undefined, packageType: "Image" }, []],
    // Timeout.
    ["timeout left at 3 s", { timeoutS: 3 }, [["default-timeout", "info"]]],
    ["timeout set to 4 s", { timeoutS: 4 }, []],
    // Async failure handling.
    [
      "async without DLQ or on-failure",
      { invokedAsync: true },
      [["async-without-failure-destination", "warning"]],
    ],
    [
      "async with a DLQ",
      { invokedAsync: true, deadLetterTarget: "arn:aws:sqs:us-east-1:111111111111:dlq" },
      [],
    ],
    [
      "async with an on-failure destination",
      { invokedAsync: true, asyncDestinations: { onFailure: "arn:aws:sqs:us-east-1:111111111111:failed" } },
      [],
    ],
    [
      "async with only an on-success destination",
      { invokedAsync: true, asyncDestinations: { onSuccess: "arn:aws:sqs:us-east-1:111111111111:done" } },
      [["async-without-failure-destination", "warning"]],
    ],
    // Secrets, layers, VPC, tracing, logs, architecture.
    [
      "secret-looking variables",
      { environment: { names: ["DB_PASSWORD", "TABLE"], totalBytes: 60, secretLooking: ["DB_PASSWORD"] } },
      [["secret-environment", "warning"]],
    ],
    [
      "a layer from another account",
      { layers: [ownLayer, foreignLayer] },
      [["cross-account-layer", "warning"]],
    ],
    ["only own layers", { layers: [ownLayer] }, []],
    ["in a VPC", { vpc: true }, [["vpc-cold-start", "info"]]],
    ["tracing off", { tracing: "PassThrough" }, [["tracing-off", "info"]]],
    [
      "log group never expires",
      { logGroup: { name: "/aws/lambda/orders-api", retentionDays: null, storedBytes: 5 * 1024 ** 3 } },
      [["log-retention-never-expires", "warning"]],
    ],
    ["x86 on an arm64-capable runtime", { architecture: "x86_64" }, [["arm64-candidate", "info"]]],
    [
      "x86 on go1.x (no arm64)",
      { architecture: "x86_64", runtime: "go1.x" },
      [["runtime-deprecation", "critical"]],
    ],
  ])("%s", (_label, overrides, expected) => {
    expect(kinds(makeFacts(overrides))).toEqual(expected);
  });

  it("trusts the configured layer accounts", () => {
    expect(kinds(makeFacts({ layers: [foreignLayer] }), ["999999999999"])).toEqual([]);
  });

  it("turns a runtime finding from warning to critical as its date passes", () => {
    const facts = makeFacts({ runtime: "python3.10" }); // deprecated 2026-10-31
    const at = (iso: string) => configRiskFindings(facts, { today: new Date(iso) })[0];
    expect(at("2026-06-01T00:00:00Z")?.severity).toBe("warning");
    const after = at("2026-11-01T00:00:00Z");
    expect(after).toMatchObject({ severity: "critical", since: "2026-10-31" });
    expect(after?.detail).toMatch(/new functions blocked from 2026-11-30/);
    expect(at("2027-03-03T00:00:00Z")?.detail).toMatch(/can no longer be updated/);
  });

  it("names secret-looking variables without any value", () => {
    const facts = makeFacts({
      environment: {
        names: ["API_KEY", "STRIPE_SECRET"],
        totalBytes: 90,
        secretLooking: ["API_KEY", "STRIPE_SECRET"],
      },
    });
    const [finding] = configRiskFindings(facts, { today });
    expect(finding).toMatchObject({
      id: "secret-environment:111111111111/us-east-1/orders-api",
      title: "2 environment variables look like secrets",
    });
    expect(finding?.detail).toMatch(/^API_KEY, STRIPE_SECRET:/);
  });
});
