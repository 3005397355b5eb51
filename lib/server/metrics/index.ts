import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import { getMetricData, type LambdaStat, type MetricQuery, type MetricResult } from "@/lib/aws/cloudwatch";
import { alignDown, basePeriodSeconds, summaryPeriodSeconds } from "@/lib/aws/metric-period";
import type { MetricSummary, Series } from "@/lib/schemas/functions";
import { getCache, type CacheResult } from "../cache";
import { rangeFigureTtlMs, type ResolvedRange } from "../range";
import { scopeKey } from "../scope";

/**
 * AWS/Lambda metrics through GetMetricData: range summaries (one period spanning the range, so
 * range-wide percentiles are CloudWatch's own) and chart series (the range's chart period). A
 * missing datapoint is "no data" (null), never zero (facts sheet section 4).
 */

interface MetricSpec {
  key: string;
  metric: string;
  stat: LambdaStat;
}

/** Per-function summary metrics, the function detail's full set. */
const FULL_SUMMARY: Readonly<Record<keyof Omit<MetricSummary, "errorRate">, MetricSpec>> = {
  invocations: { key: "inv", metric: "Invocations", stat: "Sum" },
  errors: { key: "err", metric: "Errors", stat: "Sum" },
  throttles: { key: "thr", metric: "Throttles", stat: "Sum" },
  durationAvgMs: { key: "davg", metric: "Duration", stat: "Average" },
  durationP50Ms: { key: "dp50", metric: "Duration", stat: "p50" },
  durationP95Ms: { key: "dp95", metric: "Duration", stat: "p95" },
  durationP99Ms: { key: "dp99", metric: "Duration", stat: "p99" },
  durationMaxMs: { key: "dmax", metric: "Duration", stat: "Maximum" },
  concurrencyMax: { key: "conc", metric: "ConcurrentExecutions", stat: "Maximum" },
  provisionedSpillover: { key: "spill", metric: "ProvisionedConcurrencySpilloverInvocations", stat: "Sum" },
  iteratorAgeMaxMs: { key: "iter", metric: "IteratorAge", stat: "Maximum" },
  deadLetterErrors: { key: "dlq", metric: "DeadLetterErrors", stat: "Sum" },
  asyncEventAgeMaxMs: { key: "aage", metric: "AsyncEventAge", stat: "Maximum" },
};

/** What the function table shows: four queries per function. */
const TABLE_FIELDS = ["invocations", "errors", "throttles", "durationP99Ms"] as const;

export type SummarySet = "table" | "full";

const emptySummary = (): MetricSummary => ({
  invocations: null,
  errors: null,
  errorRate: null,
  throttles: null,
  durationAvgMs: null,
  durationP50Ms: null,
  durationP95Ms: null,
  durationP99Ms: null,
  durationMaxMs: null,
  concurrencyMax: null,
  provisionedSpillover: null,
  iteratorAgeMaxMs: null,
  deadLetterErrors: null,
  asyncEventAgeMaxMs: null,
});

/** Combines the datapoints of one summary query (normally exactly one). */
function combine(r: MetricResult | undefined, stat: LambdaStat): number | null {
  const vs = r?.values ?? [];
  if (vs.length === 0) return null;
  if (stat === "Sum" || stat === "SampleCount") return vs.reduce((a, b) => a + b, 0);
  if (stat === "Average") return vs.reduce((a, b) => a + b, 0) / vs.length;
  if (stat === "Minimum") return Math.min(...vs);
  // Maximum and percentiles: the highest (exact for one datapoint, conservative otherwise).
  return Math.max(...vs);
}

/** Summary window: one period over the whole range (a multiple of the retention tier's period). */
function summaryWindow(range: ResolvedRange): { startMs: number; endMs: number; periodS: number } {
  const periodS = summaryPeriodSeconds(range.startMs, range.endMs, range.nowMs);
  // CloudWatch rounds StartTime to its retention tier's period, not to the query period; align the
  // same way so the one summary period covers exactly the range.
  const startMs = alignDown(range.startMs, basePeriodSeconds(range.startMs, range.nowMs));
  return { startMs, endMs: startMs + periodS * 1000, periodS };
}

export interface SummaryResult {
  byFunction: Record<string, MetricSummary>;
  /** Some query came back PartialData/InternalError. */
  partial: boolean;
}

async function readSummaries(
  scope: AwsScope,
  names: readonly string[],
  range: ResolvedRange,
  set: SummarySet,
): Promise<SummaryResult> {
  const fields =
    set === "full" ? (Object.keys(FULL_SUMMARY) as Array<keyof typeof FULL_SUMMARY>) : [...TABLE_FIELDS];
  const queries: MetricQuery[] = [];
  names.forEach((name, i) => {
    for (const f of fields) {
      const spec = FULL_SUMMARY[f];
      queries.push({ id: `f${i}_${spec.key}`, metric: spec.metric, stat: spec.stat, functionName: name });
    }
  });
  const w = summaryWindow(range);
  const results = queries.length
    ? await getMetricData(scope, queries, w.startMs, w.endMs, w.periodS)
    : new Map<string, MetricResult>();
  let partial = false;
  const byFunction: Record<string, MetricSummary> = {};
  names.forEach((name, i) => {
    const s = emptySummary();
    for (const f of fields) {
      const spec = FULL_SUMMARY[f];
      const r = results.get(`f${i}_${spec.key}`);
      if (r && !r.complete) partial = true;
      s[f] = combine(r, spec.stat);
    }
    s.errorRate = s.invocations && s.errors !== null ? s.errors / s.invocations : null;
    byFunction[name] = s;
  });
  return { byFunction, partial };
}

/**
 * Summaries of every function of a region, for the function table (set "table": 4 queries per
 * function) or for analysis (set "full": 13). ⌈queries / 500⌉ GetMetricData calls.
 */
export function regionMetricSummaries(
  scope: AwsScope,
  names: readonly string[],
  range: ResolvedRange,
  set: SummarySet = "table",
  waitMs?: number,
): Promise<CacheResult<SummaryResult>> {
  return getCache().read(
    "metrics",
    `summary:${set}:${scopeKey(scope)}:${range.key}`,
    () => readSummaries(scope, names, range, set),
    { isPartial: (v) => v.partial, waitMs, ttlMs: rangeFigureTtlMs(range, "metrics") },
  );
}

/** The full summary of one function (13 queries, one call). */
export function functionMetricSummary(
  scope: AwsScope,
  name: string,
  range: ResolvedRange,
  waitMs?: number,
): Promise<CacheResult<MetricSummary>> {
  return getCache().read(
    "metrics",
    `fsummary:${scopeKey(scope)}:${name}:${range.key}`,
    async () => {
      const r = await readSummaries(scope, [name], range, "full");
      return r.byFunction[name] ?? emptySummary();
    },
    { waitMs },
  );
}

// ---------------------------------------------------------------------------------------------
// Series

/** The chart grid of a range: aligned starts of each period. */
export function seriesGrid(range: ResolvedRange): number[] {
  const p = range.periodSeconds * 1000;
  const out: number[] = [];
  for (let t = alignDown(range.startMs, range.periodSeconds); t < range.endMs; t += p) out.push(t);
  return out;
}

/** Datapoints on the grid; a bucket without a datapoint is null (a gap). */
export function toSeries(grid: readonly number[], r: MetricResult | undefined): Series {
  const byTime = new Map<number, number>();
  r?.timestamps.forEach((t, i) => {
    const v = r.values[i];
    if (v !== undefined) byTime.set(t, v);
  });
  return grid.map((t) => [t, byTime.get(t) ?? null]);
}

async function readSeries<K extends string>(
  scope: AwsScope,
  specs: Readonly<Record<K, Omit<MetricSpec, "key">>>,
  range: ResolvedRange,
  functionName?: string,
): Promise<{ series: Record<K, Series>; partial: boolean }> {
  const keys = Object.keys(specs) as K[];
  const queries: MetricQuery[] = keys.map((k, i) => ({
    id: `s${i}`,
    metric: specs[k].metric,
    stat: specs[k].stat,
    functionName,
  }));
  const grid = seriesGrid(range);
  const start = grid[0] ?? range.startMs;
  const results = await getMetricData(scope, queries, start, range.endMs, range.periodSeconds);
  const series = {} as Record<K, Series>;
  let partial = false;
  keys.forEach((k, i) => {
    const r = results.get(`s${i}`);
    if (r && !r.complete) partial = true;
    series[k] = toSeries(grid, r);
  });
  return { series, partial };
}

const FUNCTION_SERIES = {
  invocations: { metric: "Invocations", stat: "Sum" },
  errors: { metric: "Errors", stat: "Sum" },
  throttles: { metric: "Throttles", stat: "Sum" },
  durationP50: { metric: "Duration", stat: "p50" },
  durationP99: { metric: "Duration", stat: "p99" },
  durationMax: { metric: "Duration", stat: "Maximum" },
  concurrency: { metric: "ConcurrentExecutions", stat: "Maximum" },
  iteratorAge: { metric: "IteratorAge", stat: "Maximum" },
  provisionedSpillover: { metric: "ProvisionedConcurrencySpilloverInvocations", stat: "Sum" },
} as const satisfies Record<string, Omit<MetricSpec, "key">>;

export type FunctionSeries = Record<keyof typeof FUNCTION_SERIES, Series>;

/** Nine series of one function (one GetMetricData call). */
export function functionSeries(
  scope: AwsScope,
  name: string,
  range: ResolvedRange,
): Promise<CacheResult<{ series: FunctionSeries; partial: boolean }>> {
  return getCache().read(
    "metrics",
    `fseries:${scopeKey(scope)}:${name}:${range.key}`,
    () => readSeries(scope, FUNCTION_SERIES, range, name),
    {
      isPartial: (v) => v.partial,
    },
  );
}

const REGION_SERIES = {
  concurrency: { metric: "ConcurrentExecutions", stat: "Maximum" },
  unreserved: { metric: "UnreservedConcurrentExecutions", stat: "Maximum" },
  claimed: { metric: "ClaimedAccountConcurrency", stat: "Maximum" },
  invocations: { metric: "Invocations", stat: "Sum" },
  errors: { metric: "Errors", stat: "Sum" },
  throttles: { metric: "Throttles", stat: "Sum" },
} as const satisfies Record<string, Omit<MetricSpec, "key">>;

export type RegionSeries = Record<keyof typeof REGION_SERIES, Series>;

export interface RegionMetrics {
  series: RegionSeries;
  invocations: number | null;
  errors: number | null;
  throttles: number | null;
  peakConcurrency: number | null;
  peakUnreserved: number | null;
  peakClaimed: number | null;
  partial: boolean;
}

const sumOf = (s: Series): number | null =>
  s.some(([, v]) => v !== null) ? s.reduce((a, [, v]) => a + (v ?? 0), 0) : null;
const maxOf = (s: Series): number | null => {
  const vs = s.map(([, v]) => v).filter((v): v is number => v !== null);
  return vs.length ? Math.max(...vs) : null;
};

/** Region-wide series (no dimension) and their totals and peaks: one GetMetricData call. */
export function regionMetrics(
  scope: AwsScope,
  range: ResolvedRange,
  waitMs?: number,
): Promise<CacheResult<RegionMetrics>> {
  return getCache().read(
    "metrics",
    `region:${scopeKey(scope)}:${range.key}`,
    async () => {
      const { series, partial } = await readSeries(scope, REGION_SERIES, range);
      return {
        series,
        invocations: sumOf(series.invocations),
        errors: sumOf(series.errors),
        throttles: sumOf(series.throttles),
        peakConcurrency: maxOf(series.concurrency),
        peakUnreserved: maxOf(series.unreserved),
        peakClaimed: maxOf(series.claimed),
        partial,
      };
    },
    { isPartial: (v) => v.partial, waitMs },
  );
}
