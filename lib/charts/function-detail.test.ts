import { describe, expect, it } from "vitest";
import type { ColdStartsResponse, FunctionMetrics, Series } from "@/lib/schemas/functions";
import { coldStartChart, concurrencyChart, durationChart, trafficChart } from "./function-detail";

const T = Date.UTC(2026, 10, 22, 12, 0);
const M = 60_000;
const s = (...values: Array<number | null>): Series =>
  values.map((v, i): [number, number | null] => [T + i * M, v]);
const range = { start: new Date(T).toISOString(), end: new Date(T + 3 * M).toISOString(), periodSeconds: 60 };

function metrics(
  over: Partial<FunctionMetrics["series"]> = {},
  limits: Partial<FunctionMetrics["limits"]> = {},
) {
  const empty = s(null, null, null);
  return {
    range,
    series: {
      invocations: empty,
      errors: empty,
      throttles: empty,
      durationP50: empty,
      durationP99: empty,
      durationMax: empty,
      concurrency: empty,
      iteratorAge: empty,
      provisionedSpillover: empty,
      ...over,
    },
    limits: { timeoutMs: 3000, reservedConcurrency: null, accountConcurrency: 1000, ...limits },
    asOf: range.end,
  } satisfies FunctionMetrics;
}

describe("trafficChart", () => {
  it("keeps gaps, counts zero as data and derives the error rate in percent", () => {
    const c = trafficChart(
      metrics({ invocations: s(200, 0, null), errors: s(5, 0, null), throttles: s(0, 0, null) }),
    );
    expect(c.rows.map((r) => r.invocations)).toEqual([200, 0, null]);
    expect(c.rows.map((r) => r.errorRate)).toEqual([2.5, null, null]);
    expect(c.hasData).toBe(true);
  });

  it("says there is nothing to draw when every point is a gap", () => {
    expect(trafficChart(metrics()).hasData).toBe(false);
  });
});

describe("durationChart", () => {
  it("draws the timeout when durations come near it", () => {
    const c = durationChart(metrics({ durationP50: s(900, 1000, null), durationMax: s(2800, 2950, null) }));
    expect(c.rows[2]).toEqual({ t: T + 2 * M, p50: null, p99: null, max: null });
    expect(c.limits).toEqual([{ label: "Timeout", value: 3000, drawn: true }]);
  });

  it("captions a timeout far above the durations instead of drawing it", () => {
    const c = durationChart(metrics({ durationMax: s(120, 80, 95) }, { timeoutMs: 900_000 }));
    expect(c.limits[0]?.drawn).toBe(false);
  });
});

describe("concurrencyChart", () => {
  it("draws reserved concurrency and leaves a distant account limit to the caption", () => {
    const c = concurrencyChart(metrics({ concurrency: s(4, null, 9) }, { reservedConcurrency: 10 }));
    expect(c.limits).toEqual([
      { label: "Reserved", value: 10, drawn: true },
      { label: "Account limit", value: 1000, drawn: false },
    ]);
  });

  it("omits unknown limits", () => {
    const c = concurrencyChart(
      metrics({ concurrency: s(4) }, { reservedConcurrency: null, accountConcurrency: null }),
    );
    expect(c.limits).toEqual([]);
  });
});

describe("coldStartChart", () => {
  it("aligns cold starts and init p99", () => {
    const response: ColdStartsResponse = {
      range,
      summary: { status: "error", error: { code: "timeout", message: "still reading" } },
      series: { coldStarts: s(2, 0, null), initP99: s(350.5, null, null), invocations: s(100, 90, null) },
      asOf: range.end,
    };
    const c = coldStartChart(response);
    expect(c.rows.map((r) => [r.coldStarts, r.initP99])).toEqual([
      [2, 350.5],
      [0, null],
      [null, null],
    ]);
    expect(c.hasData).toBe(true);
  });
});
