import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtimeStatus } from "@/lib/analysis/runtimes/status";
import { GET as findingsGet } from "@/app/api/v1/findings/route";
import type { Finding, FindingsResponse } from "@/lib/schemas/findings";
import { getFunctionDetail } from "../functions/get-function";
import { listFunctions } from "../functions/list-functions";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { listFindings } from "./list-findings";
import { decodeFunctionList } from "@/lib/schemas/function-list";

/**
 * Findings against the demo account (sim/scenarios/demo.json), which plants every problem Headroom
 * detects somewhere. Both directions: each planted problem is found with its severity, and the
 * healthy functions carry no warning or critical finding.
 */

let h: Harness;
let all: FindingsResponse;
const scenario = demoScenario();

beforeAll(async () => {
  h = await startHarness(demoScenario());
  all = await listFindings({ range: "3h" }, { waitMs: 170_000 });
}, 200_000);
afterAll(async () => h.close());

const about = (name: string) => all.findings.filter((f) => f.functions.some((fn) => fn.name === name));
const find = (kind: string, name?: string): Finding[] =>
  all.findings.filter((f) => f.kind === kind && (!name || f.functions.some((fn) => fn.name === name)));

/** [kind, function (or region for account-wide findings), severity, what the scenario plants]. */
/** "warning+": warning or critical. */
const PLANTED: Array<[string, string, "critical" | "warning" | "warning+" | "info", string]> = [
  ["runtime-deprecation", "payments-card-tokenizer", "critical", "python3.9, deprecated 2025-12-15"],
  ["runtime-deprecation", "legacy-report-generator", "critical", "python3.8"],
  ["runtime-deprecation", "old-cron-job", "critical", "go1.x"],
  ["runtime-deprecation", "payments-refunds", "critical", "nodejs18.x"],
  ["secret-environment", "payments-card-tokenizer", "warning", "STRIPE_SECRET_KEY, DB_PASSWORD"],
  ["secret-environment", "tmp-test-function", "warning", "a GitHub token"],
  ["secret-environment", "eu-inventory-sync", "warning", "an AWS access key id"],
  ["secret-environment", "legacy-report-generator", "warning", "a database URL with a password"],
  ["log-retention-never-expires", "search-sitemap", "warning", "logRetentionDays null"],
  ["log-retention-never-expires", "legacy-report-generator", "warning", "logRetentionDays null"],
  ["async-without-failure-destination", "payments-webhook", "warning", "async, no DLQ or destination"],
  ["default-timeout", "tmp-test-function", "info", "timeout 3 s"],
  ["vpc-cold-start", "search-crawler", "info", "VPC function"],
  ["cross-account-layer", "search-ml-ranker", "warning", "layer of account 580247275435"],
  ["layer-count", "search-ml-ranker", "critical", "5 of 5 layers"],
  ["environment-size", "search-feed-sync", "critical", "40 long flags"],
  ["code-size-zipped", "search-crawler", "warning", "48 MB of 50 MB"],
  ["reserved-concurrency", "payments-settlement-batch", "critical", "reserved 5, saturated"],
  ["throttles", "payments-settlement-batch", "critical", "throttled by its reservation"],
  ["provisioned-underused", "platform-canary", "warning", "50 provisioned for 2 rpm"],
  // p99 57 s of a 60 s timeout sits on the 95 % line: its severity moves with the sample.
  ["duration-near-timeout", "payments-reconcile", "warning+", "p99 57 s of 60 s"],
  ["duration-near-timeout", "payments-notify", "warning", "p99 2.6 s of 3 s"],
  ["timeouts", "payments-notify", "warning", "tail hits the 3 s timeout"],
  ["memory-exhausted", "payments-pdf-render", "critical", "max memory used = memory size"],
  ["memory-near-limit", "payments-receipts-pdf", "warning", "480 of 512 MB"],
  ["memory-over-provisioned", "payments-fraud-score", "info", "420 of 3008 MB"],
  ["iterator-age", "search-indexer", "critical", "incident: 3 h iterator age"],
  ["error-rate", "search-indexer", "critical", "incident: 8 % bulk index errors"],
  ["error-rate", "search-query-api", "warning", "bad deploy 47 min ago: 18 % errors"],
  ["public-invoke", "search-thumbnailer", "critical", "Principal * without conditions"],
  ["function-url-public", "search-public-preview", "critical", "AuthType NONE"],
  ["function-url-cors-any", "search-public-preview", "warning", "AllowOrigins *"],
  ["cross-account-invoke", "misc-webhook-relay", "info", "partner account 210987654321"],
  ["iam-full-admin", "platform-admin-tasks", "critical", "AdministratorAccess"],
  ["iam-not-action", "platform-cost-reporter", "critical", "PowerUserAccess"],
  ["iam-privilege-escalation", "platform-deployer", "critical", "iam:PassRole on *"],
  ["iam-name-wildcard", "platform-deployer", "warning", "iam:*Policy*"],
  ["iam-service-wildcard", "platform-s3-inventory", "warning", "AmazonS3FullAccess: s3:*"],
  ["iam-resource-star-data", "eu-gdpr-export", "warning", "secretsmanager:GetSecretValue on *"],
  ["account-concurrency", "eu-west-1", "warning", "long-running functions against a 500 limit"],
];

describe("findings of the demo account", () => {
  it("reads every part of both regions", () => {
    for (const part of Object.values(all.status))
      for (const s of part) expect(s, `${s.region}`).toMatchObject({ status: "ok" });
  });

  it.each(PLANTED)("finds %s on %s (%s: %s)", (kind, target, severity) => {
    const matches =
      target.includes("-west-") || target.includes("-east-")
        ? all.findings.filter((f) => f.kind === kind && f.scope.region === target && f.functions.length === 0)
        : find(kind, target);
    const found = matches.map((f) => f.severity);
    if (severity === "warning+") expect(found.some((s) => s === "warning" || s === "critical")).toBe(true);
    else expect(found).toContain(severity);
  });

  it("flags nothing on healthy functions (beyond a runtime whose date is near)", () => {
    const healthy = [
      "payments-ledger-writer",
      "search-synonyms",
      "eu-stream-consumer",
      "eu-payments-batch",
      "platform-vpc-dns-check",
      "search-autocomplete",
      "eu-catalog-cache",
      "payments-fraud-score",
    ];
    const today = new Date();
    for (const name of healthy) {
      const fn = scenario.functions?.find((f) => f.name === name);
      const runtimeSoon = runtimeStatus(fn?.runtime, today).state === "deprecating-soon";
      const serious = about(name).filter(
        (f) => f.severity !== "info" && !(runtimeSoon && f.kind === "runtime-deprecation"),
      );
      expect(
        serious.map((f) => `${f.kind}: ${f.title}`),
        name,
      ).toEqual([]);
    }
  });

  it("reports an IAM statement once, listing every function that shares the role", () => {
    const admin = find("iam-full-admin");
    expect(admin).toHaveLength(1);
    const f = admin[0];
    expect(f?.role?.name).toBe("legacy-admin");
    expect(f?.functions.map((fn) => fn.name).sort()).toEqual([
      "legacy-report-generator",
      "platform-admin-tasks",
    ]);
    expect(f?.scope.region).toBe("global");
    if (f?.evidence?.source !== "statement") throw new Error("statement evidence expected");
    expect(f.evidence.policyName).toBe("AdministratorAccess");
    const json = f.evidence.statementJson ?? "";
    expect(JSON.parse(json)).toMatchObject({ Effect: "Allow", Action: "*", Resource: "*" });
    const spans = f.evidence.wildcardSpans ?? [];
    expect(spans.length).toBe(2);
    for (const s of spans) expect(json.slice(s.start, s.end)).toBe("*");
  });

  it("shows the offending statement of a customer policy, with the wildcard located", () => {
    const [f] = find("iam-name-wildcard", "platform-deployer");
    if (f?.evidence?.source !== "statement") throw new Error("statement evidence expected");
    expect(f.evidence.sid).toBe("PolicyAdmin");
    const json = f.evidence.statementJson ?? "";
    expect(f.evidence.wildcardSpans?.map((s) => json.slice(s.start, s.end))).toEqual(["*", "*", "*"]);
    expect(json).toContain("iam:*Policy*");
  });

  it("keeps the resource-based policy's statement and the function's role on resource-policy findings", () => {
    const [f] = find("public-invoke", "search-thumbnailer");
    expect(f?.category).toBe("resource-policy");
    expect(f?.role?.name).toBe("search-api");
    if (f?.evidence?.source !== "statement") throw new Error("statement evidence expected");
    expect(JSON.parse(f.evidence.statementJson ?? "{}")).toMatchObject({
      Sid: "AllowAnyone",
      Principal: "*",
    });
    // A statement scoped with aws:SourceArn/SourceAccount is fine.
    expect(find("service-invoke-unscoped", "misc-webhook-relay")).toEqual([]);
    expect(find("public-invoke", "misc-webhook-relay")).toEqual([]);
  });

  it("gives every headroom finding its figure, limit, percent and window", () => {
    const headroom = all.findings.filter((f) => f.category === "headroom");
    expect(headroom.length).toBeGreaterThan(10);
    for (const f of headroom) {
      expect(f.metric, f.id).toBeDefined();
      expect(f.metric?.window.start).toBe(all.range.start);
    }
    const [env] = find("environment-size", "search-feed-sync");
    expect(env?.metric).toMatchObject({ limit: 4096, unit: "bytes" });
    expect(env?.metric?.percent).toBeGreaterThan(95);
  });

  it("has stable ids and counts that match the list", () => {
    const ids = all.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all.counts.critical).toBe(all.findings.filter((f) => f.severity === "critical").length);
    expect(all.roles.find((r) => r.name === "payments-api")?.functions.length).toBeGreaterThan(10);
  });

  it("fills the function list's counts once the region's findings are known", async () => {
    const list = decodeFunctionList(
      await listFunctions({ range: "3h", region: "us-east-1" }, { waitMs: 60_000 }),
    );
    const batch = list.functions.find((f) => f.name === "payments-settlement-batch");
    expect(batch?.findings?.critical).toBeGreaterThanOrEqual(2);
    expect(batch?.worstSeverity).toBe("critical");
    const ledger = list.functions.find((f) => f.name === "payments-ledger-writer");
    expect(ledger?.findings?.critical).toBe(0);
    expect(ledger?.findings?.warning).toBe(0);
  });

  it("adds the function's findings to its detail", async () => {
    const thumb = await getFunctionDetail(
      { account: "default", region: "us-east-1", name: "search-thumbnailer" },
      { range: "3h" },
    );
    expect(thumb.findings?.status).toBe("ok");
    if (thumb.findings?.status !== "ok") return;
    expect(thumb.findings.data.findings.map((f) => f.kind)).toContain("public-invoke");
    expect(thumb.findings.data.counts.critical).toBeGreaterThanOrEqual(1);

    const healthy = await getFunctionDetail(
      { account: "default", region: "us-east-1", name: "payments-ledger-writer" },
      { range: "3h" },
    );
    if (healthy.findings?.status !== "ok") throw new Error("findings expected");
    expect(healthy.findings.data.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
});

const req = (path: string) => new Request(`http://127.0.0.1${path}`);
const none = { params: Promise.resolve({}) };

describe("GET /api/v1/findings", () => {
  it.each([
    ["severity=critical", (f: Finding) => f.severity === "critical"],
    ["kind=public-invoke", (f: Finding) => f.kind === "public-invoke"],
    ["category=iam", (f: Finding) => f.category === "iam"],
    ["function=payments-notify", (f: Finding) => f.functions.some((fn) => fn.name === "payments-notify")],
    ["team=SEARCH", (f: Finding) => f.functions.some((fn) => fn.team === "search")],
  ])("filters by %s", async (query, keep) => {
    const res = await findingsGet(req(`/api/v1/findings?range=3h&${query}`), none);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FindingsResponse;
    expect(body.findings.length).toBeGreaterThan(0);
    expect(body.findings.every(keep)).toBe(true);
    // Configuration-driven findings are deterministic; metric figures move with the clock.
    const stable = (fs: Finding[]) =>
      fs
        .filter((f) => f.category !== "headroom" && f.kind !== "async-without-failure-destination")
        .map((f) => f.id);
    expect(stable(body.findings)).toEqual(stable(all.findings.filter(keep)));
  });

  it("filters by region: that region's findings, and roles with a function there", async () => {
    const res = await findingsGet(req("/api/v1/findings?range=3h&region=eu-west-1"), none);
    const body = (await res.json()) as FindingsResponse;
    expect(body.status.config.map((s) => s.region)).toEqual(["eu-west-1"]);
    expect(body.findings.length).toBeGreaterThan(0);
    for (const f of body.findings)
      expect(f.scope.region === "eu-west-1" || f.functions.some((fn) => fn.region === "eu-west-1")).toBe(
        true,
      );
  });

  it.each([
    ["severity=high", "severity"],
    ["kind=everything", "kind"],
    ["function=bad%20name!", "function"],
    ["region=ap-south-2", "region"],
    ["account=nosuchaccount", "account"],
    ["range=2h", "range"],
    ["colour=red", "colour"],
    ["severity=critical&severity=warning", "severity"],
  ])("?%s is a 400 naming %s, with no AWS call", async (query, field) => {
    await h.resetCalls();
    const res = await findingsGet(req(`/api/v1/findings?${query}`), none);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.split(":")[0]).toBe(field);
    expect(await h.calls()).toEqual({});
  });
});

describe("degraded reads", () => {
  it("an IAM denial degrades the IAM part only; a region that is down degrades that region only", async () => {
    resetConsoleForTests();
    await h.setFaults({ accessDenied: ["iam:ListAttachedRolePolicies"], regionsDown: ["eu-west-1"] });
    try {
      const r = await listFindings({ range: "3h" }, { waitMs: 170_000 });
      const iamUs = r.status.iam.find((s) => s.region === "us-east-1");
      expect(iamUs?.status).toBe("error");
      expect(iamUs?.error?.code).toBe("access_denied");
      expect(iamUs?.error?.message).toMatch(/iam:ListAttachedRolePolicies/);
      expect(r.roles.every((role) => role.status === "error")).toBe(true);
      expect(r.findings.filter((f) => f.category === "iam")).toEqual([]);

      const euConfig = r.status.config.find((s) => s.region === "eu-west-1");
      expect(euConfig?.status).toBe("error");
      expect(euConfig?.error?.code).toBe("region_unavailable");
      expect(r.findings.some((f) => f.scope.region === "eu-west-1")).toBe(false);

      // us-east-1's own findings are all there.
      expect(r.status.config.find((s) => s.region === "us-east-1")?.status).toBe("ok");
      expect(r.findings.map((f) => f.kind)).toEqual(
        expect.arrayContaining(["public-invoke", "memory-exhausted"]),
      );
    } finally {
      await h.clearFaults();
    }
  }, 200_000);
});
