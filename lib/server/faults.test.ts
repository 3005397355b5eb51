import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAccounts } from "./accounts/get-accounts";
import { listFunctions } from "./functions/list-functions";
import { getOverview } from "./overview/get-overview";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "./testing/harness";
import { decodeFunctionList } from "@/lib/schemas/function-list";

/** Faults: throttling retried through, a region that is down next to one that answers. */

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

describe("faults", () => {
  it("throttling is retried through: the list still comes back complete", async () => {
    await h.setFaults({
      operations: {
        "lambda:*": { throttleRate: 0.1, errorRate: 0, latencyMs: 0 },
        "cloudwatch:GetMetricData": { throttleRate: 0.1, errorRate: 0, latencyMs: 0 },
        "logs:*": { throttleRate: 0.1, errorRate: 0, latencyMs: 0 },
        "tag:*": { throttleRate: 0.1, errorRate: 0, latencyMs: 0 },
      },
    });
    const list = decodeFunctionList(await listFunctions({ range: "1h" }, { waitMs: 60_000 }));
    expect(list.functions).toHaveLength(45);
    expect(
      [...list.status.inventory, ...list.status.metrics, ...list.status.coldStarts].every(
        (s) => s.status === "ok",
      ),
    ).toBe(true);
    const stats = (await (await fetch(`${h.sim.url}/_sim/calls`)).json()) as { total: { throttled: number } };
    expect(stats.total.throttled).toBeGreaterThan(0);
  });

  it("a region that is down fails its own sections only, in plain words", async () => {
    await h.setFaults({ regionsDown: ["eu-west-1"] });
    const list = decodeFunctionList(await listFunctions({ range: "1h" }, { waitMs: 60_000 }));
    expect(list.functions.length).toBe(35);
    expect(list.functions.every((f) => f.region === "us-east-1")).toBe(true);
    const eu = list.status.inventory.find((s) => s.region === "eu-west-1");
    expect(eu).toMatchObject({
      status: "error",
      error: { code: "region_unavailable", message: "region eu-west-1 did not answer" },
    });
    expect(list.status.inventory.find((s) => s.region === "us-east-1")?.status).toBe("ok");

    const overview = await getOverview({ range: "1h" });
    const euOverview = overview.regions.find((r) => r.region === "eu-west-1");
    expect(euOverview?.ledger).toMatchObject({ status: "error", error: { code: "region_unavailable" } });
    expect(euOverview?.totals).toMatchObject({ status: "error", error: { code: "region_unavailable" } });
    expect(overview.regions.find((r) => r.region === "us-east-1")?.ledger.status).toBe("ok");

    const accounts = await getAccounts();
    const regions = accounts.accounts[0]?.regions ?? [];
    expect(regions.find((r) => r.region === "eu-west-1")?.settings.status).toBe("error");
    expect(regions.find((r) => r.region === "us-east-1")?.settings.status).toBe("ok");
  });

  it("after a region comes back, its data is shown again; a failure is not remembered for long", async () => {
    await h.setFaults({ regionsDown: ["eu-west-1"] });
    const down = decodeFunctionList(
      await listFunctions({ region: "eu-west-1", range: "1h" }, { waitMs: 60_000 }),
    );
    expect(down.status.inventory[0]?.status).toBe("error");
    await h.clearFaults();
    resetConsoleForTests();
    const up = decodeFunctionList(
      await listFunctions({ region: "eu-west-1", range: "1h" }, { waitMs: 60_000 }),
    );
    expect(up.functions).toHaveLength(10);
  });

  it("nothing of AWS's own error text reaches a response", async () => {
    await h.setFaults({ accessDenied: ["cloudwatch:GetMetricData", "logs:StartQuery"] });
    const list = decodeFunctionList(await listFunctions({ range: "1h" }, { waitMs: 60_000 }));
    const metrics = list.status.metrics.find((s) => s.region === "us-east-1");
    expect(metrics).toMatchObject({
      status: "error",
      error: {
        code: "access_denied",
        message: "missing permission cloudwatch:GetMetricData on region us-east-1",
      },
    });
    expect(list.status.coldStarts.find((s) => s.region === "us-east-1")).toMatchObject({
      status: "error",
      error: { code: "access_denied" },
    });
    const text = JSON.stringify(list);
    for (const marker of ["is not authorized to perform", "__type", "$metadata", "AccessDeniedException"])
      expect(text).not.toContain(marker);
    // Rows still show, with unknown figures.
    expect(list.functions).toHaveLength(45);
    expect(list.functions.every((f) => f.invocations === null)).toBe(true);
  });
});
