import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findAccount } from "@/lib/config";
import { resolveRange } from "../range";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { regionFacts, type RegionFacts } from "./index";

/** RegionFacts against the demo account, checked against the scenario and the sim's own model. */

let h: Harness;
const MINUTE = 60_000;

/** One read per region, shared by the tests that only look (a cold read takes the rate buckets' time). */
let us: RegionFacts;
let eu: RegionFacts;
let range: ReturnType<typeof closedRange>;
/** AWS calls of those two cold reads. */
let coldCalls: Record<string, number>;

beforeAll(async () => {
  h = await startHarness(demoScenario());
  range = closedRange();
  [us, eu] = await Promise.all([
    regionFacts(scope(), range, { waitMs: 120_000 }),
    regionFacts(scope("eu-west-1"), range, { waitMs: 120_000 }),
  ]);
  coldCalls = await h.calls();
}, 180_000);
afterAll(async () => h.close());

function scope(region = "us-east-1") {
  const account = findAccount("default");
  if (!account) throw new Error("no default account");
  return { account, region };
}

/** A closed two-hour window ending a few minutes ago, on minute boundaries. */
function closedRange() {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
  const start = end - 120 * MINUTE;
  return resolveRange({ from: new Date(start).toISOString(), to: new Date(end).toISOString() });
}

describe("regionFacts", () => {
  it("maps every function's configuration, with names of secrets and never their values", async () => {
    const f = us;
    expect(f.errors).toEqual([]);
    expect(f.scope).toEqual({ account: "default", region: "us-east-1" });
    const expected = (demoScenario().functions ?? []).filter((fn) => fn.region === "us-east-1").length;
    expect(f.functions).toHaveLength(expected);

    const tokenizer = f.functions.find((fn) => fn.name === "payments-card-tokenizer");
    expect(tokenizer?.runtime).toBe("python3.9");
    expect(tokenizer?.environment.secretLooking.sort()).toEqual(["DB_PASSWORD", "STRIPE_SECRET_KEY"]);
    expect(JSON.stringify(tokenizer)).not.toContain("sk_live_");

    const canary = f.functions.find((fn) => fn.name === "platform-canary");
    expect(canary?.provisionedConcurrency).toEqual({ allocated: 50 });
    const batch = f.functions.find((fn) => fn.name === "payments-settlement-batch");
    expect(batch?.reservedConcurrency).toBe(5);
    const sitemap = f.functions.find((fn) => fn.name === "search-sitemap");
    expect(sitemap?.logGroup.retentionDays).toBeNull();
    expect(f.functions.find((fn) => fn.name === "payments-api")?.logGroup.retentionDays).toBe(30);
    expect(f.functions.find((fn) => fn.name === "search-crawler")?.vpc).toBe(true);
    expect(f.functions.find((fn) => fn.name === "search-ml-ranker")?.layers).toHaveLength(5);
  });

  it("reads provisioned concurrency only where the region's claimed concurrency says it can be", () => {
    // us-east-1: the two functions with provisioned invocations account for ClaimedAccountConcurrency's
    // 54 outside reservations, plus the one reserved function; eu-west-1: its reserved function.
    expect(coldCalls["lambda:ListProvisionedConcurrencyConfigs"]).toBe(4);
    expect(us.account?.provisionedTotal).toBe(54);
    expect(us.functions.find((fn) => fn.name === "payments-api")?.provisionedConcurrency).toEqual({
      allocated: 4,
    });
    expect(
      us.functions.find((fn) => fn.name === "search-autocomplete")?.provisionedConcurrency,
    ).toBeUndefined();
    expect(eu.account?.provisionedTotal).toBe(0);
  });

  it("knows which functions are invoked asynchronously (traffic or pushing services)", async () => {
    const f = us;
    const asyncOf = (name: string) => f.functions.find((fn) => fn.name === name)?.invokedAsync;
    expect(asyncOf("payments-webhook")).toBe(true); // async traffic
    expect(asyncOf("misc-webhook-relay")).toBe(true); // S3 may invoke it
    expect(asyncOf("payments-api")).toBe(false);
    expect(asyncOf("search-autocomplete")).toBe(false);
  });

  it("fills usage from metrics and REPORT lines, matching the sim's model", async () => {
    const f = us;
    expect(f.partial).toBe(false);
    const u = f.usage.get("payments-api");
    const model = await h.model("us-east-1", "payments-api", range.startMs, range.endMs);
    expect(u?.invocations).toBe(model.invocations);
    expect(u?.errors).toBe(model.errors);
    expect(u?.coldStarts).toBe(model.coldStarts);
    expect(u?.windowStart).toBe(new Date(range.startMs).toISOString());
    expect(u?.durationP99Ms).toBeGreaterThan(0);
    expect(u?.maxMemoryUsedMB).toBeGreaterThan(0);
    expect(u?.maxMemoryUsedMB).toBeLessThanOrEqual(1024);
    expect(u?.billedDurationMsSum).toBeGreaterThan(0);
    expect(u?.errorRateBaseline).toBeGreaterThanOrEqual(0);
    expect(u?.errorRateBaseline).toBeLessThan(0.05);
    // payments-api has provisioned concurrency (4 on "live"): its spillover and provisioned invocations are known.
    expect(u?.spilloverInvocations).toBeGreaterThanOrEqual(0);
    expect(u?.provisionedInvocations).toBeGreaterThan(0);

    const pdf = await h.model("us-east-1", "payments-pdf-render", range.startMs, range.endMs);
    expect(f.usage.get("payments-pdf-render")?.timeouts).toBeGreaterThanOrEqual(0);
    expect(f.usage.get("payments-pdf-render")?.invocations).toBe(pdf.invocations);

    // Idle provisioned concurrency: 50 environments for a trickle of traffic.
    expect(f.usage.get("platform-canary")?.provisionedUtilizationMax).toBeLessThan(0.6);
    // Functions without provisioned concurrency have no provisioned figures at all (unknown, not 0).
    expect(f.usage.get("search-autocomplete")?.provisionedUtilizationMax).toBeUndefined();
    expect(f.usage.get("search-autocomplete")?.spilloverInvocations).toBeUndefined();
    expect(f.usage.get("search-autocomplete")?.iteratorAgeMaxMs).toBeUndefined();
    expect(f.usage.get("search-indexer")?.iteratorAgeMaxMs).toBeGreaterThan(0);
  });

  it("builds the account's ledger from GetAccountSettings and the region's peak", async () => {
    const f = eu;
    expect(f.account?.concurrencyLimit).toBe(500);
    // eu-payments-batch reserves 50.
    expect(f.account?.reservedTotal).toBe(50);
    expect(f.account?.functionCount).toBe(f.functions.length);
    expect(f.account?.peakConcurrency).toBeGreaterThan(0);
    expect(f.account?.provisionedTotal).toBe(0);
  });

  describe("with faults", () => {
    beforeEach(async () => {
      await h.clearFaults();
      resetConsoleForTests();
    });

    it("degrades the metrics part only when CloudWatch fails", async () => {
      await h.setFaults({
        operations: { "cloudwatch:GetMetricData": { errorRate: 1, throttleRate: 0, latencyMs: 0 } },
      });
      const f = await regionFacts(scope(), closedRange(), { waitMs: 60_000 });
      expect(f.errors.map((e) => e.part)).toContain("metrics");
      expect(f.errors.every((e) => e.part === "metrics")).toBe(true);
      expect(f.usage.size).toBe(0);
      expect(f.functions.length).toBeGreaterThan(0);
      expect(f.account).not.toBeNull();
      expect(f.account?.peakConcurrency).toBeUndefined();
    }, 120_000);

    it("reports the account part when GetAccountSettings is denied", async () => {
      await h.setFaults({ accessDenied: ["lambda:GetAccountSettings"] });
      const f = await regionFacts(scope(), closedRange(), { waitMs: 60_000 });
      expect(f.account).toBeNull();
      expect(f.errors).toEqual([
        { part: "account", error: expect.objectContaining({ code: "access_denied" }) as unknown },
      ]);
      expect(f.functions.length).toBeGreaterThan(0);
    }, 120_000);

    it("answers partial when the configuration cannot be read in time", async () => {
      await h.setFaults({ latencyMs: 300 });
      const f = await regionFacts(scope(), closedRange(), { waitMs: 50 });
      expect(f.partial).toBe(true);
      expect(f.errors.length).toBeGreaterThan(0);
      expect(f.errors.every((e) => e.error.code === "timeout")).toBe(true);
    });
  });
});
