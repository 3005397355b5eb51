import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAccounts } from "../accounts/get-accounts";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { getOverview } from "./get-overview";

/** Accounts and overview against the demo account. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness(demoScenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

describe("getAccounts", () => {
  it("names the AWS account behind the credentials and each region's limits", async () => {
    const a = await getAccounts();
    expect(a.teamTagKey).toBe("team");
    expect(a.accounts).toHaveLength(1);
    const acct = a.accounts[0];
    expect(acct?.accountId).toMatchObject({ status: "ok", data: "123456789012" });
    const limits = Object.fromEntries(
      (acct?.regions ?? []).map((r) => [
        r.region,
        r.settings.status === "ok" ? r.settings.data.concurrencyLimit : null,
      ]),
    );
    expect(limits).toEqual({ "us-east-1": 1000, "eu-west-1": 500 });
    expect(await h.calls()).toEqual({ "sts:GetCallerIdentity": 1, "lambda:GetAccountSettings": 2 });
  });
});

describe("getOverview", () => {
  it("gives each region its concurrency ledger and totals", async () => {
    const o = await getOverview({ range: "24h" });
    expect(o.regions.map((r) => r.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    const us = o.regions.find((r) => r.region === "us-east-1");
    expect(us?.ledger.status).toBe("ok");
    if (us?.ledger.status !== "ok" || us.totals.status !== "ok") throw new Error("sections not ok");
    expect(us.ledger.partial).toBeUndefined();
    expect(us.ledger.data).toMatchObject({
      limit: 1000,
      reserved: 5,
      unreservedPool: 995,
      unreservedMinimum: 100,
      provisioned: 54,
    });
    expect(us.ledger.data.peak).toBeGreaterThan(0);
    expect(us.totals.data.invocations).toBeGreaterThan(10_000);
    expect(us.totals.data.series.invocations).toHaveLength(1440);
    const eu = o.regions.find((r) => r.region === "eu-west-1");
    expect(eu?.ledger.status === "ok" && eu.ledger.data).toMatchObject({
      limit: 500,
      reserved: 50,
      provisioned: 0,
    });
    const calls = await h.calls();
    expect(calls["cloudwatch:GetMetricData"]).toBe(2);
    expect(calls["lambda:GetAccountSettings"]).toBe(2);
    // Provisioned concurrency comes from the region's own series: no call per function.
    expect(calls["lambda:ListProvisionedConcurrencyConfigs"]).toBeUndefined();
    expect(calls["lambda:ListFunctions"]).toBeUndefined();
  });
});
