import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as costsGet } from "@/app/api/v1/costs/route";
import { US_EAST_1_PRICES } from "@/lib/analysis/cost/prices";
import { costsResponseSchema, type CostBreakdown, type CostsResponse } from "@/lib/schemas/costs";
import { functionDetailSchema } from "@/lib/schemas/functions";
import { getColdStarts } from "../functions/get-cold-starts";
import { getFunctionDetail } from "../functions/get-function";
import { listFunctions } from "../functions/list-functions";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { getCosts } from "./get-costs";
import { decodeFunctionList } from "@/lib/schemas/function-list";

/**
 * The cost slice against the sim's demo account (45 functions, three teams and untagged ones, two
 * regions), checked against the cost model's prices and the sim's own totals.
 */

let h: Harness;
const MINUTE = 60_000;
const WAIT = { waitMs: 60_000 };
const x86 = US_EAST_1_PRICES.architectures.x86_64;

beforeAll(async () => {
  h = await startHarness(demoScenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  await h.resetCalls();
});

/** A closed two-hour window ending a few minutes ago, on minute boundaries. */
function window() {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
  const start = end - 120 * MINUTE;
  return { start, end, params: { from: new Date(start).toISOString(), to: new Date(end).toISOString() } };
}

const sumParts = (b: CostBreakdown) => b.requests + b.compute + b.provisioned + b.ephemeral + b.logStorage;
const fnOf = (c: CostsResponse, name: string) =>
  [...c.topFunctions, ...c.coldStarts.functions].find((f) => f.name === name);

// A region's first pricing reads every configuration and two periods of metrics and logs (~30 s
// against the sim's rate limits); later tests share the cache, except where a fault needs a cold one.
describe("getCosts (demo)", { timeout: 120_000 }, () => {
  it("prices every function with the model's prices, and the groups add up to the total", async () => {
    const w = window();
    const c = costsResponseSchema.parse(await getCosts({ ...w.params, groupBy: "function" }, WAIT));
    expect(c.status.map((s) => [s.region, s.status, s.partial ?? false]).sort()).toEqual([
      ["eu-west-1", "ok", false],
      ["us-east-1", "ok", false],
    ]);
    expect(c.totals.functions).toBe(45);
    expect(c.groups).toHaveLength(45);
    expect(c.monthFactor).toBeCloseTo(360, 6); // 30 days / 2 hours

    // Requests: invocations × $0.20 per million, the sim's own invocation count.
    const model = await h.model("us-east-1", "payments-webhook", w.start, w.end);
    const webhook = c.groups.find((g) => g.key === "default/us-east-1/payments-webhook");
    expect(webhook?.window.requests).toBeCloseTo((model.invocations * 0.2) / 1e6, 12);
    expect(webhook?.monthly.requests).toBeCloseTo(((model.invocations * 0.2) / 1e6) * 360, 9);

    // Compute: Billed Duration (incl. billed INIT) × 0.5 GB × the x86 tier-1 price.
    const cold = await getColdStarts(
      { account: "default", region: "us-east-1", name: "payments-webhook" },
      w.params,
    );
    const billed = cold.summary.status === "ok" ? cold.summary.data.billedDurationMsSum : null;
    expect(billed).toBeGreaterThan(0);
    expect(webhook?.window.compute).toBeCloseTo(
      ((billed ?? 0) / 1000) * 0.5 * (x86.durationTiers[0]?.pricePerGbS ?? 0),
      9,
    );

    for (const g of c.groups) {
      expect(g.window.total).toBeCloseTo(sumParts(g.window), 9);
      expect(g.monthly.total).toBeCloseTo(sumParts(g.monthly), 9);
      expect(g.monthly.init).toBeLessThanOrEqual(g.monthly.compute + 1e-12);
    }
    const sum = c.groups.reduce((n, g) => n + g.monthly.total, 0);
    expect(sum).toBeCloseTo(c.totals.monthly.total, 6);
    expect(c.totals.monthly.total).toBeGreaterThan(0);
    expect(c.prices).toMatchObject({
      currency: "USD",
      asOf: US_EAST_1_PRICES.asOf,
      initBillingStart: "2025-08-01",
    });
    expect(c.prices.source.some((s) => s.includes("aws.amazon.com/lambda/pricing"))).toBe(true);
  });

  it("groups by the team tag with an untagged bucket, and team totals sum to the total", async () => {
    const c = await getCosts({ range: "3h" }, WAIT);
    expect(c.teamTagKey).toBe("team");
    expect(c.groupBy).toBe("team");
    const teams = Object.fromEntries(c.groups.map((g) => [g.key, g.functions]));
    // legacy-report-generator, tmp-test-function, old-cron-job, misc-webhook-relay, eu-inventory-sync.
    expect(Object.keys(teams).sort()).toEqual(["payments", "platform", "search", "untagged"]);
    expect(teams.untagged).toBe(5);
    expect(c.groups.reduce((n, g) => n + g.functions, 0)).toBe(45);
    expect(c.groups.reduce((n, g) => n + g.monthly.total, 0)).toBeCloseTo(c.totals.monthly.total, 6);
    // The previous three hours were read too: every group has a change.
    expect(c.previousRange.end).toBe(c.range.start);
    expect(c.comparisonExcludes).toEqual([]);
    for (const g of c.groups) expect(g.change).not.toBeNull();
    expect(c.totals.change?.delta).toBeCloseTo(c.totals.monthly.total - (c.totals.change?.previous ?? 0), 9);

    const untagged = await getCosts({ range: "3h", team: "UNTAGGED", groupBy: "runtime" }, WAIT);
    expect(untagged.totals.functions).toBe(5);
    expect(untagged.topFunctions.every((f) => f.team === "untagged")).toBe(true);
    expect(untagged.totals.monthly.total).toBeCloseTo(
      c.groups.find((g) => g.key === "untagged")?.monthly.total ?? Number.NaN,
      9,
    );
  });

  it("counts billed INIT and says what cold starts cost each function per month", async () => {
    const c = await getCosts({ range: "3h" }, WAIT);
    expect(c.coldStarts.functionsWithColdStarts).toBeGreaterThan(5);
    const listed = c.coldStarts.functions.reduce((n, f) => n + (f.coldStartMonthly ?? 0), 0);
    if (c.coldStarts.functionsWithColdStarts <= 20) expect(c.coldStarts.monthly).toBeCloseTo(listed, 9);
    else expect(c.coldStarts.monthly).toBeGreaterThan(listed);
    for (const f of c.coldStarts.functions) {
      expect(f.initBilled).toBe(true);
      expect(f.coldStarts).toBeGreaterThan(0);
      expect(f.coldStartMonthly).toBeCloseTo(f.monthly.init, 9);
      expect(f.assumptions.some((a) => a.startsWith("INIT billed"))).toBe(true);
    }
    // SnapStart restores are not INIT-billed.
    const snap = await getCosts({ range: "3h", groupBy: "function" }, WAIT);
    const ledger = snap.groups.find((g) => g.key.endsWith("/payments-ledger-writer"));
    expect(ledger?.monthly.init).toBe(0);
  });

  it("finds the planted savings, each with a monthly amount and its assumption", async () => {
    const c = await getCosts({ range: "3h" }, WAIT);
    const of = (kind: string) => c.savings.items.filter((s) => s.kind === kind).map((s) => s.name);
    // x86 functions on runtimes that run on arm64.
    expect(of("arm64")).toEqual(expect.arrayContaining(["payments-webhook", "eu-video-transcode"]));
    expect(of("arm64")).not.toContain("payments-api"); // already arm64
    // 3008 MB with 420 MB used at most.
    expect(of("right-size-memory")).toContain("payments-fraud-score");
    // 50 provisioned environments for 2 requests a minute.
    expect(of("release-provisioned-concurrency")).toEqual(["platform-canary"]);
    for (const s of c.savings.items) {
      expect(s.monthlyAmount).toBeGreaterThan(0);
      expect(s.assumption.length).toBeGreaterThan(20);
    }
    const canary = c.savings.items.find((s) => s.kind === "release-provisioned-concurrency");
    // What releasing the idle environments saves is most of what the allocation costs.
    const canaryCost = fnOf(c, "platform-canary");
    if (canaryCost) expect(canary?.monthlyAmount).toBeLessThanOrEqual(canaryCost.monthly.provisioned);
    expect(c.savings.monthly).toBeCloseTo(
      c.savings.items.reduce((n, s) => n + s.monthlyAmount, 0),
      6,
    );
    const sorted = [...c.savings.items].sort((a, b) => b.monthlyAmount - a.monthlyAmount);
    expect(c.savings.items.map((s) => s.id)).toEqual(sorted.map((s) => s.id));
  });

  it("a region that is down degrades only that region", async () => {
    resetConsoleForTests();
    await h.setFaults({ regionsDown: ["eu-west-1"] });
    const c = costsResponseSchema.parse(await getCosts({ range: "1h" }, WAIT));
    const eu = c.status.find((s) => s.region === "eu-west-1");
    const us = c.status.find((s) => s.region === "us-east-1");
    expect(eu).toMatchObject({ status: "error", error: { code: "region_unavailable" } });
    expect(eu?.error?.message).toContain("eu-west-1");
    expect(us).toMatchObject({ status: "ok", functions: 35, priced: 35 });
    expect(c.totals.functions).toBe(35);
    expect(c.topFunctions.every((f) => f.region === "us-east-1")).toBe(true);
    expect(c.comparisonExcludes).toEqual([{ account: "default", region: "eu-west-1" }]);
    expect(c.groups.find((g) => g.key === "payments")?.change).not.toBeNull();
  });

  it("puts the function's cost in its detail and fills the list's monthly cost column", async () => {
    const w = window();
    const c = await getCosts({ ...w.params, groupBy: "function" }, WAIT);
    const expected = c.groups.find((g) => g.key === "default/us-east-1/payments-webhook")?.monthly.total;
    expect(expected).toBeGreaterThan(0);

    const detail = functionDetailSchema.parse(
      await getFunctionDetail(
        { account: "default", region: "us-east-1", name: "payments-webhook" },
        w.params,
      ),
    );
    expect(detail.cost.status).toBe("ok");
    if (detail.cost.status !== "ok") return;
    expect(detail.cost.data.cost.monthly.total).toBeCloseTo(expected ?? 0, 9);
    expect(detail.cost.data.savings.map((s) => s.kind)).toContain("arm64");
    expect(detail.cost.data.cost.coldStartMonthly).toBeGreaterThan(0);

    const list = decodeFunctionList(await listFunctions({ ...w.params, region: "us-east-1" }, WAIT));
    const row = list.functions.find((f) => f.name === "payments-webhook");
    expect(row?.monthlyCost).toBeCloseTo(expected ?? 0, 9);
  });

  it("a list read before any pricing leaves the cost unknown rather than $0", async () => {
    resetConsoleForTests();
    const list = decodeFunctionList(await listFunctions({ range: "1h", region: "eu-west-1" }, WAIT));
    expect(list.functions.every((f) => f.monthlyCost === null)).toBe(true);
  });
});

describe("GET /api/v1/costs", { timeout: 120_000 }, () => {
  const get = (query: string) =>
    costsGet(new Request(`http://127.0.0.1/api/v1/costs${query}`), { params: Promise.resolve({}) });

  it.each([
    ["?groupBy=owner", "groupBy:"],
    ["?range=2d", "range:"],
    ["?range=24h&from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z", "range:"],
    ["?from=2026-11-20T10:00:00Z", "from:"],
    ["?from=yesterday&to=2026-11-20T12:00:00Z", "from:"],
    ["?region=mars-1", "region:"],
    ["?region=ap-south-2", "region:"],
    ["?account=nosuchaccount", "account:"],
    ["?team=", "team:"],
    ["?team=a&team=b", "team:"],
    ["?sort=cost", "sort:"],
  ])("%s is a 400 naming the field, before any AWS call", async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.startsWith(field)).toBe(true);
    expect(await h.calls()).toEqual({});
  });

  it("answers the schema's shape", async () => {
    await getCosts({ range: "1h", region: "eu-west-1" }, WAIT); // the route waits 12 s at most
    const res = await get("?range=1h&groupBy=architecture&region=eu-west-1");
    expect(res.status).toBe(200);
    const body = costsResponseSchema.parse(await res.json());
    expect(body.groups.map((g) => g.key).sort()).toEqual(["arm64", "x86_64"]);
    expect(body.status.map((s) => s.region)).toEqual(["eu-west-1"]);
  });
});
