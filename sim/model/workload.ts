import type { IndexedFunction, Scenario } from "../scenario/schema";
import { functionStreamId } from "../scenario/load";
import { normal, normalQuantile, stochasticRound, uniform } from "./rng";

/**
 * The workload model: what every function did in every minute, computed on demand from the
 * scenario's seed and the minute's index. Metrics (sim/services/cloudwatch) aggregate these
 * minutes; logs (./logs) expand the very same minutes into one REPORT per invocation, so the
 * two always describe the same invocations.
 *
 * Durations within a minute are stratified samples of a log-normal: invocation rank r gets
 * Q((r + v) / n) where v is the minute's own offset, so the n durations of a minute are fixed by
 * (n, median, sigma, v) and every percentile is a closed-form lookup rather than a sort.
 */

export const MINUTE_MS = 60_000;

/** Streams of the random generator, so each quantity draws independent numbers. */
const S = {
  traffic: 1,
  trafficRound: 2,
  strata: 3,
  errors: 4,
  burst: 5,
  recycle: 6,
  oom: 7,
  iterator: 8,
  asyncAge: 9,
  throttleRound: 10,
} as const;

export interface MinuteStats {
  /** Invocations Lambda ran (Invocations metric); throttled requests are not in it. */
  invocations: number;
  /** Function errors, including timeouts and out-of-memory kills. */
  errors: number;
  timeouts: number;
  outOfMemory: number;
  throttles: number;
  coldStarts: number;
  /** Peak concurrent executions in the minute (ConcurrentExecutions, Maximum). */
  concurrencyMax: number;
  /** Invocations served by provisioned concurrency, and those that spilled over to on-demand. */
  provisionedInvocations: number;
  spilloverInvocations: number;
  /** Peak of provisioned environments in use (ProvisionedConcurrentExecutions). */
  provisionedConcurrencyMax: number;
  /** Iterator age maximum, ms (stream sources only, else undefined). */
  iteratorAgeMax: number | undefined;
  /** Async event age maximum, ms (async sources only, else undefined). */
  asyncEventAgeMax: number | undefined;
  deadLetterErrors: number;
  /** Duration distribution of the minute's invocations. */
  duration: DurationSample;
}

/**
 * The n durations of one minute: rank r (ascending) has duration
 * min(timeout, median * exp(sigma * z((r + v) / n))), and the top `timeouts` ranks equal the timeout.
 */
export class DurationSample {
  constructor(
    readonly n: number,
    readonly medianMs: number,
    readonly sigma: number,
    /** The minute's stratification offset in [0, 1). */
    readonly v: number,
    readonly timeoutMs: number,
  ) {}

  /** Number of invocations that hit the timeout. */
  get timeouts(): number {
    if (this.n === 0) return 0;
    // Ranks whose quantile is at or beyond the timeout: (r + v)/n >= F(T).
    const f = cdf(this.timeoutMs, this.medianMs, this.sigma);
    const first = Math.max(0, Math.ceil(this.n * f - this.v));
    return Math.max(0, this.n - first);
  }

  /** Duration of rank r (0 = fastest), ms, rounded to 0.01 ms as the REPORT line prints it. */
  at(rank: number): number {
    if (rank >= this.n - this.timeouts) return this.timeoutMs;
    const z = normalQuantile((rank + this.v) / this.n);
    return Math.min(this.timeoutMs, Math.round(this.medianMs * Math.exp(this.sigma * z) * 100) / 100);
  }

  get min(): number {
    return this.at(0);
  }

  get max(): number {
    return this.at(this.n - 1);
  }

  /** CloudWatch-style percentile (nearest rank), p in (0, 100]. */
  percentile(p: number): number {
    const rank = Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1));
    return this.at(rank);
  }

  /** Sum of durations: exact up to 512 invocations, closed-form above (error well under 1%). */
  get sum(): number {
    if (this.n <= 512) {
      let s = 0;
      for (let r = 0; r < this.n; r++) s += this.at(r);
      return s;
    }
    const t = this.timeouts;
    const mean = this.medianMs * Math.exp((this.sigma * this.sigma) / 2);
    // Truncated mean of the non-timeout part: E[X | X < T] for a log-normal.
    const zt = (Math.log(this.timeoutMs / this.medianMs) - this.sigma * this.sigma) / this.sigma;
    const ft = cdf(this.timeoutMs, this.medianMs, this.sigma);
    const truncMean = ft > 0 ? (mean * normalCdf(zt)) / ft : this.timeoutMs;
    return (this.n - t) * Math.min(truncMean, this.timeoutMs) + t * this.timeoutMs;
  }
}

function normalCdf(z: number): number {
  // Abramowitz-Stegun 7.1.26 via erf.
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

function cdf(x: number, median: number, sigma: number): number {
  return normalCdf(Math.log(x / median) / sigma);
}

/** z of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;

interface RegionMinute {
  /** Peak concurrency the unreserved functions wanted. */
  unreservedDemand: number;
  /** Fraction of unreserved demand the region could serve (1 when under the limit). */
  serveFraction: number;
  /** Concurrency left for unreserved functions: the limit less reserved, never under AWS's 100 floor. */
  pool: number;
}

export interface RegionMinuteStats {
  invocations: number;
  errors: number;
  throttles: number;
  concurrencyMax: number;
  unreservedConcurrencyMax: number;
  claimedConcurrency: number;
  durationSum: number;
}

export class WorkloadModel {
  /** The minute the scenario's relative times are measured from. */
  readonly anchorMinute: number;
  private readonly byRegion = new Map<string, IndexedFunction[]>();
  private readonly regionCache = new Map<string, RegionMinute>();
  private readonly minuteCache = new Map<string, MinuteStats>();
  private readonly streamIds = new Map<IndexedFunction, number>();

  constructor(
    readonly scenario: Scenario,
    anchorMs: number,
  ) {
    this.anchorMinute = Math.floor(anchorMs / MINUTE_MS);
    for (const fn of scenario.functionIndex.values()) {
      const list = this.byRegion.get(fn.region) ?? [];
      list.push(fn);
      this.byRegion.set(fn.region, list);
      this.streamIds.set(fn, functionStreamId(fn));
    }
  }

  functionsIn(region: string): readonly IndexedFunction[] {
    return this.byRegion.get(region) ?? [];
  }

  private sid(fn: IndexedFunction): number {
    return this.streamIds.get(fn) ?? functionStreamId(fn);
  }

  /** Incidents active in a minute (relative times resolved against the anchor). */
  private incidentsAt(fn: IndexedFunction, minute: number) {
    return fn.workload.incidents.filter((i) => {
      const start = this.anchorMinute - i.startMinutesAgo;
      const end = i.endMinutesAgo ? this.anchorMinute - i.endMinutesAgo : Infinity;
      return minute >= start && minute < end;
    });
  }

  /** Requests that arrive in a minute, before any throttling. */
  demand(fn: IndexedFunction, minute: number): number {
    const w = fn.workload;
    if (w.rpm <= 0) return 0;
    const hourOfDay = (((minute % 1440) + 1440) % 1440) / 60;
    // Peak at 15:00 UTC, trough at 03:00 UTC.
    const shape = 1 + w.dailyAmplitude * Math.cos(((hourOfDay - 15) / 24) * 2 * Math.PI);
    const seed = this.scenario.seed;
    const noise = Math.exp(w.noise * normal(seed, this.sid(fn), minute, S.traffic) - (w.noise * w.noise) / 2);
    let rate = w.rpm * shape * noise;
    for (const inc of this.incidentsAt(fn, minute)) rate *= inc.trafficMultiplier ?? 1;
    return stochasticRound(rate, uniform(seed, this.sid(fn), minute, S.trafficRound));
  }

  private medianAt(fn: IndexedFunction, minute: number): number {
    let m = fn.workload.durationMedianMs;
    for (const inc of this.incidentsAt(fn, minute)) m *= inc.durationMultiplier ?? 1;
    return m;
  }

  private sigma(fn: IndexedFunction): number {
    const w = fn.workload;
    return Math.max(0.05, Math.log(w.durationP99Ms / w.durationMedianMs) / Z99);
  }

  /** Mean concurrency a number of requests in a minute keeps busy. */
  private meanConcurrency(fn: IndexedFunction, requests: number, minute: number): number {
    const meanMs = Math.min(
      fn.timeoutS * 1000,
      this.medianAt(fn, minute) * Math.exp(this.sigma(fn) ** 2 / 2),
    );
    return (requests / 60) * (meanMs / 1000);
  }

  /** Peak concurrency within the minute for a mean (Poisson arrivals: mean + 3 sd, with a burst factor). */
  private peakConcurrency(fn: IndexedFunction, mean: number, minute: number): number {
    if (mean <= 0) return 0;
    const burst = 1 + 0.15 * uniform(this.scenario.seed, this.sid(fn), minute, S.burst);
    return Math.max(1, Math.ceil((mean + 3 * Math.sqrt(mean)) * burst));
  }

  private regionMinute(region: string, minute: number): RegionMinute {
    const key = `${region}/${minute}`;
    const hit = this.regionCache.get(key);
    if (hit) return hit;
    const fns = this.functionsIn(region);
    let mean = 0;
    let reserved = 0;
    for (const fn of fns) {
      if (fn.reservedConcurrency !== undefined) {
        reserved += fn.reservedConcurrency;
        continue;
      }
      mean += this.meanConcurrency(fn, this.demand(fn, minute), minute);
    }
    const unreservedDemand = mean > 0 ? Math.ceil(mean + 3 * Math.sqrt(mean)) : 0;
    const limit = this.scenario.regions[region]?.concurrencyLimit ?? 1000;
    const pool = Math.max(100, limit - reserved);
    const serveFraction = unreservedDemand > pool ? pool / unreservedDemand : 1;
    const result = { unreservedDemand, serveFraction, pool };
    if (this.regionCache.size > 200_000) this.regionCache.clear();
    this.regionCache.set(key, result);
    return result;
  }

  /** Everything a function did in one minute. Minutes at or after `now` have no data: callers check. */
  minute(fn: IndexedFunction, minute: number): MinuteStats {
    const key = `${fn.index}/${minute}`;
    const hit = this.minuteCache.get(key);
    if (hit) return hit;
    const stats = this.computeMinute(fn, minute);
    if (this.minuteCache.size > 500_000) this.minuteCache.clear();
    this.minuteCache.set(key, stats);
    return stats;
  }

  private computeMinute(fn: IndexedFunction, minute: number): MinuteStats {
    const seed = this.scenario.seed;
    const sid = this.sid(fn);
    const w = fn.workload;
    const requested = this.demand(fn, minute);
    const demandMean = this.meanConcurrency(fn, requested, minute);
    const demandPeak = this.peakConcurrency(fn, demandMean, minute);

    // Throttling: a reserved limit caps the function; otherwise the region's unreserved pool does.
    let served = requested;
    let peak = demandPeak;
    if (fn.reservedConcurrency !== undefined) {
      if (demandPeak > fn.reservedConcurrency) {
        const fraction = fn.reservedConcurrency === 0 ? 0 : fn.reservedConcurrency / demandPeak;
        served = stochasticRound(requested * fraction, uniform(seed, sid, minute, S.throttleRound));
        peak = fn.reservedConcurrency;
      }
    } else {
      const region = this.regionMinute(fn.region, minute);
      if (region.serveFraction < 1) {
        served = stochasticRound(
          requested * region.serveFraction,
          uniform(seed, sid, minute, S.throttleRound),
        );
        peak = Math.max(served > 0 ? 1 : 0, Math.floor(demandPeak * region.serveFraction));
      }
      peak = Math.min(peak, region.pool);
    }
    const throttles = requested - served;

    // Provisioned concurrency serves up to its allocation; the rest spills over to on-demand.
    const pc = fn.provisionedConcurrency?.allocated ?? 0;
    let provisionedInvocations = 0;
    if (pc > 0 && served > 0) {
      provisionedInvocations = peak <= pc ? served : Math.round((served * pc) / peak);
    }
    const spilloverInvocations = pc > 0 ? served - provisionedInvocations : 0;
    const onDemand = served - provisionedInvocations;

    // Cold starts: scale-ups above the previous minute, environment recycling, and idle gaps.
    let coldStarts = 0;
    if (onDemand > 0) {
      const onDemandPeak = pc > 0 ? Math.max(0, peak - pc) : peak;
      // Environments stay warm for minutes after use: scale-ups are measured against the last 5 minutes' peak.
      const prevRequested = this.demand(fn, minute - 1);
      let prevPeak = 0;
      for (let back = 1; back <= 5; back++) {
        const req = back === 1 ? prevRequested : this.demand(fn, minute - back);
        prevPeak = Math.max(
          prevPeak,
          this.peakConcurrency(fn, this.meanConcurrency(fn, req, minute - back), minute - back),
        );
      }
      const prevOnDemandPeak = pc > 0 ? Math.max(0, prevPeak - pc) : prevPeak;
      const scaleUp = Math.max(0, onDemandPeak - prevOnDemandPeak);
      // An environment lives about 2 hours under steady use.
      const recycle = stochasticRound(onDemandPeak / 120, uniform(seed, sid, minute, S.recycle));
      let idle = 0;
      if (prevRequested === 0) {
        // Idle for the last 10 minutes: the environment has been reclaimed.
        idle = 1;
        for (let back = 2; back <= 10; back++) {
          if (this.demand(fn, minute - back) > 0) {
            idle = back >= 6 ? 1 : 0;
            break;
          }
        }
      }
      coldStarts = Math.min(onDemand, scaleUp + recycle + idle);
    }

    // Durations and the invocations that time out.
    const timeoutMs = fn.timeoutS * 1000;
    const v = uniform(seed, sid, minute, S.strata);
    const duration = new DurationSample(served, this.medianAt(fn, minute), this.sigma(fn), v, timeoutMs);
    const timeouts = duration.timeouts;

    // Out of memory: a function whose peak use reaches its memory size loses a few invocations.
    const outOfMemory =
      w.maxMemoryUsedMB >= fn.memoryMB && served - timeouts > 0
        ? Math.min(
            served - timeouts,
            stochasticRound((served - timeouts) * 0.003, uniform(seed, sid, minute, S.oom)),
          )
        : 0;

    let errorRate = w.errorRate;
    for (const inc of this.incidentsAt(fn, minute))
      if (inc.errorRate !== undefined) errorRate = inc.errorRate;
    const functionErrors = stochasticRound(
      (served - timeouts - outOfMemory) * errorRate,
      uniform(seed, sid, minute, S.errors),
    );
    const errors = timeouts + outOfMemory + functionErrors;

    let iteratorAgeMax: number | undefined;
    if (w.invocationType === "stream" && fn.eventSources.length > 0) {
      let age = w.iteratorAgeMs * (1 + 0.5 * uniform(seed, sid, minute, S.iterator));
      for (const inc of fn.workload.incidents) {
        if (inc.iteratorAgeMs === undefined) continue;
        const start = this.anchorMinute - inc.startMinutesAgo;
        const end = inc.endMinutesAgo ? this.anchorMinute - inc.endMinutesAgo : Infinity;
        if (minute < start || minute >= end) continue;
        // The backlog grows linearly from the incident's start to its peak at the anchor (or its end).
        const span = Math.max(1, Math.min(end, this.anchorMinute) - start);
        age = Math.max(age, inc.iteratorAgeMs * Math.min(1, (minute - start + 1) / span));
      }
      if (throttles > 0) age *= 1 + throttles / Math.max(1, served);
      iteratorAgeMax = served > 0 ? Math.round(age) : undefined;
    }

    let asyncEventAgeMax: number | undefined;
    if (w.invocationType === "async" && served > 0) {
      const base = 20 + 80 * uniform(seed, sid, minute, S.asyncAge);
      asyncEventAgeMax = Math.round(base * (1 + (10 * throttles) / Math.max(1, served)));
    }

    return {
      invocations: served,
      errors,
      timeouts,
      outOfMemory,
      throttles,
      coldStarts,
      concurrencyMax: served > 0 ? peak : 0,
      provisionedInvocations,
      spilloverInvocations,
      provisionedConcurrencyMax: pc > 0 && served > 0 ? Math.min(peak, pc) : 0,
      iteratorAgeMax,
      asyncEventAgeMax,
      deadLetterErrors: 0,
      duration,
    };
  }

  /** Region-wide figures for one minute (metrics without dimensions). */
  regionStats(region: string, minute: number): RegionMinuteStats {
    let invocations = 0;
    let errors = 0;
    let throttles = 0;
    let reservedPeaks = 0;
    let reserved = 0;
    let provisioned = 0;
    let durationSum = 0;
    for (const fn of this.functionsIn(region)) {
      const m = this.minute(fn, minute);
      invocations += m.invocations;
      errors += m.errors;
      throttles += m.throttles;
      durationSum += m.invocations > 0 ? m.duration.sum : 0;
      if (fn.reservedConcurrency !== undefined) {
        reserved += fn.reservedConcurrency;
        reservedPeaks += m.concurrencyMax;
      } else provisioned += fn.provisionedConcurrency?.allocated ?? 0;
    }
    // The unreserved pool's peak is the demand it could serve: it reaches the pool exactly when throttling starts.
    const { unreservedDemand, serveFraction } = this.regionMinute(region, minute);
    const unreservedConcurrencyMax = Math.min(
      this.regionMinute(region, minute).pool,
      Math.round(unreservedDemand * serveFraction),
    );
    const limit = this.scenario.regions[region]?.concurrencyLimit ?? 1000;
    return {
      invocations,
      errors,
      throttles,
      concurrencyMax: Math.min(limit, unreservedConcurrencyMax + reservedPeaks),
      unreservedConcurrencyMax,
      // ClaimedAccountConcurrency = unreserved in use + all reserved + provisioned on unreserved functions (LM-CONC).
      claimedConcurrency: Math.min(limit, unreservedConcurrencyMax + reserved + provisioned),
      durationSum,
    };
  }

  /** Init duration median for a function's cold starts, ms: runtime, package size and VPC. */
  initMedianMs(fn: IndexedFunction): number {
    if (fn.workload.initDurationMs) return fn.workload.initDurationMs;
    const rt = fn.runtime ?? "provided";
    const base = rt.startsWith("java")
      ? 900
      : rt.startsWith("dotnet")
        ? 450
        : rt.startsWith("python")
          ? 260
          : rt.startsWith("nodejs")
            ? 190
            : rt.startsWith("ruby")
              ? 240
              : 60;
    const packageMs = (fn.totalUnzippedBytes / 1_000_000) * 4;
    const vpcMs = fn.vpc ? 650 : 0;
    return base + packageMs + vpcMs;
  }
}
