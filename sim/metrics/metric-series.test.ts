import { describe, expect, it } from "vitest";
import { MINUTE_MS, WorkloadModel } from "../model/workload";
import { parseScenario } from "../scenario/load";
import { baseScenario } from "../testing";
import { MetricStatSeries, type MetricRequest } from "./metric-series";
import { parseStatistic, type Statistic } from "./statistics";

/**
 * Values of long periods are kept by the model (WorkloadModel.periodValues): a kept value must be
 * the one a model that never saw the question computes, and a period still filling must not keep
 * the value it had a few minutes earlier.
 */

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const scenario = parseScenario(baseScenario(), "metric-series test");
const newModel = () => new WorkloadModel(scenario, NOW - 24 * HOUR);

function request(metricName: string, periodS: number, startMs: number, endMs: number): MetricRequest {
  return {
    namespace: "AWS/Lambda",
    metricName,
    dimensions: [{ Name: "FunctionName", Value: "orders-api" }],
    periodS,
    unit: undefined,
    startMs,
    endMs,
  };
}

function valuesOf(model: WorkloadModel, nowMs: number, req: MetricRequest, statName: string): number[] {
  const stat = parseStatistic(statName) as Statistic;
  const series = new MetricStatSeries({ model, region: "us-east-1", nowMs }, req, [stat]);
  const out: number[] = [];
  for (let i = series.lo; i <= series.hi; i++) out.push(series.get(i));
  return out;
}

describe("kept period values", () => {
  it("are the values a fresh model computes, whichever statistic was asked first", () => {
    const kept = newModel();
    const start = NOW - 24 * HOUR;
    const asks = [
      ["Invocations", "Sum"],
      ["Duration", "p99"],
      ["Duration", "Maximum"],
      ["Duration", "p50"],
      ["Errors", "Sum"],
    ] as const;
    const first = asks.map(([m, s]) => valuesOf(kept, NOW, request(m, 3600, start, NOW), s));
    // Asked again, in the other order, of the model that kept them; and of one that never saw them.
    const again = [...asks].reverse().map(([m, s]) => valuesOf(kept, NOW, request(m, 3600, start, NOW), s));
    const fresh = asks.map(([m, s]) => valuesOf(newModel(), NOW, request(m, 3600, start, NOW), s));
    expect(again.reverse()).toEqual(first);
    expect(first).toEqual(fresh);
    expect(first[0]?.length).toBe(24);
    expect(first[1]?.[0]).not.toBe(first[3]?.[0]);
  });

  it("of a period still filling follow the clock", () => {
    const model = newModel();
    const start = Math.floor(NOW / HOUR) * HOUR - HOUR;
    const req = request("Invocations", 7200, start, start + 2 * HOUR);
    const early = valuesOf(model, NOW, req, "Sum");
    const later = NOW + 20 * MINUTE_MS;
    expect(valuesOf(model, later, req, "Sum")).toEqual(valuesOf(newModel(), later, req, "Sum"));
    expect(valuesOf(model, later, req, "Sum")[0]).toBeGreaterThan(early[0] ?? Infinity);
  });
});
