import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError } from "../errors";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { getColdStarts } from "./get-cold-starts";
import { getFunctionDetail } from "./get-function";
import { getFunctionErrors } from "./get-function-errors";
import { getFunctionMetrics } from "./get-function-metrics";
import { decodeFunctionList } from "@/lib/schemas/function-list";

/** Function detail, metrics, cold starts and errors against the demo account, checked against the sim's model. */

let h: Harness;
const MINUTE = 60_000;

beforeAll(async () => {
  h = await startHarness(demoScenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

const path = (name: string, region = "us-east-1") => ({ account: "default", region, name });

/** A closed two-hour window ending a few minutes ago, on minute boundaries. */
function window() {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
  const start = end - 120 * MINUTE;
  return { start, end, params: { from: new Date(start).toISOString(), to: new Date(end).toISOString() } };
}

describe("getFunctionDetail", () => {
  it("shows configuration, metric summary and cold starts, each ok", async () => {
    const d = await getFunctionDetail(path("payments-card-tokenizer"), { range: "3h" });
    expect(d.config.status).toBe("ok");
    expect(d.metrics.status).toBe("ok");
    expect(d.coldStarts.status).toBe("ok");
    if (d.config.status !== "ok") return;
    const c = d.config.data;
    expect(c).toMatchObject({
      name: "payments-card-tokenizer",
      runtime: "python3.9",
      team: "payments",
      logFormat: "Text",
    });
    expect(c.role.name).toBe("payments-api");
    expect(c.logGroup.name).toBe("/aws/lambda/payments-card-tokenizer");
    expect(c.unavailable).toBeUndefined();
    const vars = Object.fromEntries(c.environment.variables.map((v) => [v.name, v]));
    expect(vars.STRIPE_SECRET_KEY?.secretLooking).toBe(true);
    expect(vars.VAULT_ADDR?.secretLooking).toBe(false);
    expect(JSON.stringify(d)).not.toContain("sk_live_51HeadroomCanary");
  });

  it("reads reserved and provisioned concurrency, URLs and event sources", async () => {
    const api = await getFunctionDetail(path("payments-api"), { range: "1h" });
    expect(api.config.status === "ok" && api.config.data.provisionedConcurrency).toEqual([
      expect.objectContaining({ qualifier: "live", allocated: 4 }),
    ]);
    const batch = await getFunctionDetail(path("payments-settlement-batch"), { range: "1h" });
    expect(batch.config.status === "ok" && batch.config.data.reservedConcurrency).toBe(5);
    const preview = await getFunctionDetail(path("search-public-preview"), { range: "1h" });
    expect(preview.config.status === "ok" && preview.config.data.functionUrl?.authType).toBeTruthy();
    const indexer = await getFunctionDetail(path("search-indexer"), { range: "1h" });
    expect(indexer.config.status === "ok" && indexer.config.data.eventSources.length).toBe(1);
  });

  it("is a 404 for a function that does not exist, and for an unconfigured region", async () => {
    await expect(getFunctionDetail(path("no-such-function"), {})).rejects.toThrow(NotFoundError);
    await expect(getFunctionDetail(path("payments-api", "ap-south-2"), {})).rejects.toThrow(NotFoundError);
  });

  it("degrades one part of the configuration when its read is denied", async () => {
    await h.setFaults({ accessDenied: ["lambda:GetFunctionUrlConfig"] });
    const d = await getFunctionDetail(path("search-public-preview"), { range: "1h" });
    expect(d.config.status).toBe("ok");
    if (d.config.status !== "ok") return;
    expect(d.config.data.functionUrl).toBeNull();
    expect(d.config.data.unavailable).toEqual([
      {
        part: "functionUrl",
        error: {
          code: "access_denied",
          message: "missing permission lambda:GetFunctionUrlConfig on function search-public-preview",
        },
      },
    ]);
    expect(d.metrics.status).toBe("ok");
  });
});

describe("figures agree with the sim's model", () => {
  it("metric totals, cold starts and error counts of a window", async () => {
    const w = window();
    const model = await h.model("us-east-1", "payments-webhook", w.start, w.end);
    expect(model.invocations).toBeGreaterThan(1000);
    expect(model.errors).toBeGreaterThan(0);
    expect(model.coldStarts).toBeGreaterThan(0);

    const detail = await getFunctionDetail(path("payments-webhook"), w.params);
    expect(detail.metrics.status === "ok" && detail.metrics.data).toMatchObject({
      invocations: model.invocations,
      errors: model.errors,
    });
    expect(detail.coldStarts.status === "ok" && detail.coldStarts.data).toMatchObject({
      invocations: model.invocations,
      coldStarts: model.coldStarts,
    });

    const cold = await getColdStarts(path("payments-webhook"), w.params);
    expect(cold.summary.status === "ok" && cold.summary.data.coldStarts).toBe(model.coldStarts);
    const binned = cold.series.coldStarts.reduce((n, [, v]) => n + (v ?? 0), 0);
    expect(binned).toBe(model.coldStarts);

    const errors = await getFunctionErrors(path("payments-webhook"), w.params);
    expect(errors.messages.status).toBe("ok");
    if (errors.messages.status !== "ok") return;
    expect(errors.messages.data.reduce((n, m) => n + m.count, 0)).toBe(model.errors);
    expect(errors.insightsQuery).toContain("filter @message like");
  });

  it("the list's figures match the detail's for the same range", async () => {
    const w = window();
    const { listFunctions } = await import("./list-functions");
    const list = decodeFunctionList(
      await listFunctions({ ...w.params, region: "us-east-1" }, { waitMs: 60_000 }),
    );
    const row = list.functions.find((f) => f.name === "payments-webhook");
    const model = await h.model("us-east-1", "payments-webhook", w.start, w.end);
    expect(row?.invocations).toBe(model.invocations);
    expect(row?.errors).toBe(model.errors);
    expect(row?.coldStartRate).toBeCloseTo(model.coldStarts / model.invocations, 10);
  });
});

describe("getFunctionMetrics", () => {
  it("answers nine series on the range's grid, with the limits to draw", async () => {
    const m = await getFunctionMetrics(path("payments-settlement-batch"), { range: "3h" });
    expect(m.range.periodSeconds).toBe(60);
    for (const s of Object.values(m.series)) expect(s.length).toBe(180);
    expect(m.series.invocations.some(([, v]) => v !== null && v > 0)).toBe(true);
    // A metric the function never emits is all gaps, not zeros.
    expect(m.series.iteratorAge.every(([, v]) => v === null)).toBe(true);
    expect(m.limits).toEqual({
      timeoutMs: expect.any(Number),
      reservedConcurrency: 5,
      accountConcurrency: 1000,
    });
    expect((await h.calls())["cloudwatch:GetMetricData"]).toBe(1);
  });
});
