import { BLOCK_MINUTES, blockOf, MINUTE_MS, type WorkloadModel } from "../model/workload";
import { runNow, type Work } from "../work";
import {
  addFunctionMinutes,
  addRegionMinute,
  LAMBDA_METRICS,
  NAMESPACE,
  publishes,
  resolveTarget,
  type Dimension,
  type LambdaMetric,
  type MetricTarget,
} from "./lambda-metrics";
import { oldestPeriodStartMs, roundStartTime } from "./retention";
import type { Series } from "./series";
import { needsOf, PeriodAccumulator, type Statistic } from "./statistics";

/** Periods at least this long have their values kept by the model (WorkloadModel.periodValues). */
const KEPT_PERIOD_MINUTES = 60;

export interface MetricRequest {
  namespace: string;
  metricName: string;
  dimensions: readonly Dimension[];
  /** Seconds. */
  periodS: number;
  unit: string | undefined;
  startMs: number;
  endMs: number;
}

export interface SeriesContext {
  model: WorkloadModel;
  region: string;
  nowMs: number;
}

/**
 * One metric and statistic over a time range, computed lazily period by period from the model's
 * minutes: a period starting at t covers the minutes of [t, min(t + period, EndTime)), on the
 * lattice of StartTime as CloudWatch rounds it. Only minutes before the current one have data, and
 * only periods the retention rules allow (see retention.ts), so the series' grid is cut to the
 * periods that can hold data: a range reaching years back or ahead costs nothing.
 */
export class MetricStatSeries implements Series {
  readonly start: number;
  readonly period: number;
  readonly n: number;
  readonly lo: number;
  readonly hi: number;
  /** Periods the request spans (before cutting to the ones that can hold data). */
  readonly requestedPeriods: number;
  /** The accumulator of the last period filled; read it after `fill` for several statistics. */
  readonly acc: PeriodAccumulator;
  private readonly metric: LambdaMetric | undefined;
  private readonly target: MetricTarget | undefined;
  private readonly nowMinute: number;
  private cache: Float64Array | undefined;

  constructor(
    private readonly ctx: SeriesContext,
    private readonly req: MetricRequest,
    private readonly stats: readonly Statistic[],
  ) {
    const period = req.periodS * 1000;
    const start = roundStartTime(req.startMs, ctx.nowMs, req.periodS);
    const requested = req.endMs > start ? Math.ceil((req.endMs - start) / period) : 0;
    this.period = period;
    this.requestedPeriods = requested;
    this.nowMinute = Math.floor(ctx.nowMs / MINUTE_MS);
    const metric = req.namespace === NAMESPACE ? LAMBDA_METRICS.get(req.metricName) : undefined;
    const target = metric ? resolveTarget(ctx.model, ctx.region, req.dimensions) : undefined;
    const unitOk = req.unit === undefined || req.unit === metric?.unit;
    const live = metric !== undefined && target !== undefined && unitOk && publishes(metric, target);
    this.metric = live ? metric : undefined;
    this.target = live ? target : undefined;
    this.acc = new PeriodAccumulator(metric?.shape ?? "gauge", needsOf(stats));
    // Periods that can hold data: not older than retention allows for this period length, and
    // starting before the current minute.
    const oldest = oldestPeriodStartMs(req.periodS, ctx.nowMs);
    const first = Number.isFinite(oldest) ? Math.max(0, Math.ceil((oldest - start) / period)) : requested;
    const last = Math.min(requested - 1, Math.floor((this.nowMinute * MINUTE_MS - 1 - start) / period));
    const count = live ? Math.max(0, last - first + 1) : 0;
    this.start = start + (count > 0 ? first : 0) * period;
    this.n = count;
    this.lo = 0;
    this.hi = count - 1;
  }

  /** Minutes [first, last) of period i that can hold data. */
  private minutesOf(i: number): [number, number] {
    const bucketStart = this.start + i * this.period;
    const first = Math.floor(bucketStart / MINUTE_MS);
    const end = Math.min(bucketStart + this.period, this.req.endMs);
    return [first, Math.min(Math.ceil(end / MINUTE_MS), this.nowMinute)];
  }

  /**
   * Work that computes ahead, a slice at a time, the region-wide figures the series reads (or, in
   * a region that can run out of concurrency, the region's demand its function's minutes need).
   */
  *prepare(): Work<void> {
    const target = this.target;
    if (!target || this.n === 0) return;
    const [first] = this.minutesOf(Math.max(0, this.lo));
    const [, last] = this.minutesOf(this.hi);
    const region = target.kind === "region" ? target.region : target.fn.region;
    yield* this.ctx.model.prepare(region, first, last, target.kind === "region");
  }

  /** Accumulates period i; false when it has no datapoint. */
  fill(i: number): boolean {
    const acc = this.acc;
    acc.reset();
    const metric = this.metric;
    const target = this.target;
    if (!metric || !target || i < this.lo || i > this.hi) return false;
    const [first, last] = this.minutesOf(i);
    const model = this.ctx.model;
    if (target.kind === "function") {
      const fn = target.fn;
      // A block of minutes at a time: one cache lookup per block, not per minute.
      for (let m = first; m < last;) {
        const b = blockOf(m);
        const block = model.block(fn, b);
        const base = b * BLOCK_MINUTES;
        const end = Math.min(last, base + BLOCK_MINUTES);
        addFunctionMinutes(acc, metric.name, block, m - base, end - base);
        m = end;
      }
    } else {
      for (let m = first; m < last; m++) addRegionMinute(acc, metric.name, model, target.region, m);
    }
    return acc.count > 0;
  }

  get(i: number): number {
    if (this.cache) return this.cache[i] ?? NaN;
    const stat = this.stats[0];
    if (!stat) return NaN;
    const key = this.valueKey(i, stat);
    const known = key === undefined ? undefined : this.ctx.model.periodValues.get(key);
    if (known !== undefined) return known;
    const value = this.fill(i) ? this.acc.value(stat) : NaN;
    if (key !== undefined) this.ctx.model.periodValues.set(key, value);
    return value;
  }

  /**
   * What period i's value depends on: the target, the metric, the statistic and the minutes it
   * covers (before the current minute, so a period still filling gets a new key each minute).
   * Only long periods are kept: a value of a few minutes costs less to compute than to look up.
   */
  private valueKey(i: number, stat: Statistic): string | undefined {
    const metric = this.metric;
    const target = this.target;
    if (!metric || !target || i < this.lo || i > this.hi) return undefined;
    const [first, last] = this.minutesOf(i);
    if (last - first < KEPT_PERIOD_MINUTES) return undefined;
    const who =
      target.kind === "region"
        ? `r:${target.region}`
        : `f${target.fn.index}${target.resource ? `/${target.qualifier ?? "$fn"}` : ""}`;
    const what = stat.kind === "percentile" ? `p${stat.p}` : stat.kind;
    return `${who}:${metric.name}:${what}:${first}:${last}`;
  }

  /** All values, computed once (for metric math). */
  values(): Float64Array {
    return runNow(this.valuesWork());
  }

  /** Work that computes all values, yielding between datapoints. */
  *valuesWork(): Work<Float64Array> {
    if (this.cache) return this.cache;
    const out = new Float64Array(this.n).fill(NaN);
    for (let i = Math.max(0, this.lo); i <= this.hi; i++) {
      out[i] = this.get(i);
      yield;
    }
    this.cache = out;
    return out;
  }

  get unit(): string | undefined {
    return this.metric?.unit;
  }
}
