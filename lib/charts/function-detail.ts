import type { ColdStartsResponse, FunctionMetrics } from "@/lib/schemas/functions";
import {
  hasData,
  limitLines,
  maxOf,
  mergeSeries,
  ratioSeries,
  type ChartRow,
  type LimitLine,
} from "./time-series";

/**
 * Chart data of a function's detail page, from the metrics and cold-start responses. Each returns
 * rows for one chart, its limit lines and whether there is anything to draw. Units: counts per
 * datapoint, durations in milliseconds, rates in percent.
 */

export interface ChartData<K extends string> {
  rows: ChartRow<K>[];
  limits: LimitLine[];
  hasData: boolean;
}

/** Invocations, errors and throttles per datapoint (counts), and the error rate (%) for the right axis. */
export function trafficChart(
  m: FunctionMetrics,
): ChartData<"invocations" | "errors" | "throttles" | "errorRate"> {
  const rows = mergeSeries({
    invocations: m.series.invocations,
    errors: m.series.errors,
    throttles: m.series.throttles,
    errorRate: ratioSeries(m.series.errors, m.series.invocations, 100),
  });
  return { rows, limits: [], hasData: hasData(rows, ["invocations", "errors", "throttles"]) };
}

/** Duration p50, p99 and max (ms), with the timeout as a limit line when it is near the data. */
export function durationChart(m: FunctionMetrics): ChartData<"p50" | "p99" | "max"> {
  const rows = mergeSeries({
    p50: m.series.durationP50,
    p99: m.series.durationP99,
    max: m.series.durationMax,
  });
  const limits = limitLines(maxOf(rows, ["p50", "p99", "max"]), [
    { label: "Timeout", value: m.limits.timeoutMs },
  ]);
  return { rows, limits, hasData: hasData(rows, ["p50", "p99", "max"]) };
}

/** Concurrent executions (count), with reserved concurrency and the account limit as limit lines. */
export function concurrencyChart(m: FunctionMetrics): ChartData<"concurrency"> {
  const rows = mergeSeries({ concurrency: m.series.concurrency });
  const limits = limitLines(maxOf(rows, ["concurrency"]), [
    { label: "Reserved", value: m.limits.reservedConcurrency },
    { label: "Account limit", value: m.limits.accountConcurrency },
  ]);
  return { rows, limits, hasData: hasData(rows, ["concurrency"]) };
}

/** Cold starts per datapoint (count) and init duration p99 (ms, right axis). */
export function coldStartChart(c: ColdStartsResponse): ChartData<"coldStarts" | "initP99"> {
  const rows = mergeSeries({ coldStarts: c.series.coldStarts, initP99: c.series.initP99 });
  return { rows, limits: [], hasData: hasData(rows, ["coldStarts", "initP99"]) };
}
