import { functionStreamId } from "../scenario/load";
import type { IndexedFunction } from "../scenario/schema";
import { DurationSample, timeoutQuantile, timeoutsAt } from "./duration";
import { HASH_START, hashStep, stochasticRound } from "./rng";

/**
 * What one function did minute by minute, computed a block of minutes at a time: each minute's
 * traffic is drawn once and shared by the minutes after it that look back at it (cold starts
 * compare with the last five minutes' peak and the last ten minutes' idleness), and the random
 * draws share their (seed, function, minute) hash prefix. The figures are those of the model's
 * definition (see WorkloadModel), number for number.
 */

/** Minutes per block: four hours, so a day is six blocks and an hour never straddles two. */
export const BLOCK_MINUTES = 240;
/** Minutes before a block its cold starts look back to: five for the recent peak, ten for idleness. */
const LOOKBACK = 10;
const TWO_32 = 4294967296;

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

/** Uniform in [0, 1) of a minute's random stream: uniform(seed, function, minute, stream). */
function draw(state: number, stream: number): number {
  return hashStep(state, stream) / TWO_32;
}

/** z of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;

/** cos of the daily shape's phase per minute of the day (peak at 15:00 UTC, trough at 03:00 UTC). */
const DAILY_COS = Float64Array.from({ length: 1440 }, (_, m) => Math.cos(((m / 60 - 15) / 24) * 2 * Math.PI));

interface ResolvedIncident {
  /** Minutes (absolute), the incident covering [start, end). */
  start: number;
  end: number;
  trafficMultiplier: number | undefined;
  durationMultiplier: number | undefined;
  errorRate: number | undefined;
  iteratorAgeMs: number | undefined;
}

/** A function's constants for the model: its workload, incidents resolved and hash prefix. */
export class FunctionModel {
  /** The hash state after (seed, stream id): every draw of the function starts from it. */
  readonly prefix: number;
  readonly sigma: number;
  /** exp(sigma² / 2): mean over median of the duration's log-normal. */
  readonly meanOverMedian: number;
  readonly timeoutMs: number;
  readonly incidents: readonly ResolvedIncident[];
  /** Whether an incident changes the median duration (else every minute's median is the workload's). */
  readonly medianVaries: boolean;
  /** F(T) of the workload's median, for the minutes that keep it. */
  readonly timeoutQuantile: number;
  readonly stream: boolean;
  readonly async: boolean;
  readonly provisioned: number;
  private readonly rpm: number;
  private readonly dailyAmplitude: number;
  private readonly noise: number;
  private readonly noiseHalfVariance: number;
  /** Mean duration of the minutes that keep the workload's median, capped by the timeout. */
  private readonly meanMs: number;

  constructor(
    readonly fn: IndexedFunction,
    seed: number,
    anchorMinute: number,
  ) {
    const w = fn.workload;
    this.prefix = hashStep(hashStep(HASH_START, seed), functionStreamId(fn));
    this.sigma = Math.max(0.05, Math.log(w.durationP99Ms / w.durationMedianMs) / Z99);
    this.meanOverMedian = Math.exp(this.sigma ** 2 / 2);
    this.timeoutMs = fn.timeoutS * 1000;
    this.incidents = w.incidents.map((i) => ({
      start: anchorMinute - i.startMinutesAgo,
      end: i.endMinutesAgo ? anchorMinute - i.endMinutesAgo : Infinity,
      trafficMultiplier: i.trafficMultiplier,
      durationMultiplier: i.durationMultiplier,
      errorRate: i.errorRate,
      iteratorAgeMs: i.iteratorAgeMs,
    }));
    this.medianVaries = this.incidents.some((i) => i.durationMultiplier !== undefined);
    this.timeoutQuantile = timeoutQuantile(w.durationMedianMs, this.sigma, this.timeoutMs);
    this.stream = w.invocationType === "stream" && fn.eventSources.length > 0;
    this.async = w.invocationType === "async";
    this.provisioned = fn.provisionedConcurrency?.allocated ?? 0;
    this.rpm = w.rpm;
    this.dailyAmplitude = w.dailyAmplitude;
    this.noise = w.noise;
    this.noiseHalfVariance = (w.noise * w.noise) / 2;
    this.meanMs = Math.min(this.timeoutMs, w.durationMedianMs * this.meanOverMedian);
  }

  /** The hash state of a minute: uniform(seed, sid, minute, k) is hashStep(state, k) / 2^32. */
  minuteState(minute: number): number {
    return hashStep(this.prefix, minute);
  }

  /** Requests that arrive in a minute, before any throttling. */
  demand(minute: number, state: number): number {
    if (this.rpm <= 0) return 0;
    const shape = 1 + this.dailyAmplitude * (DAILY_COS[((minute % 1440) + 1440) % 1440] ?? 0);
    // A standard normal by Box-Muller over two derived uniforms.
    const t = hashStep(state, S.traffic);
    const u1 = Math.max(hashStep(t, 1) / TWO_32, 1e-12);
    const u2 = hashStep(t, 2) / TWO_32;
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const noise = Math.exp(this.noise * z - this.noiseHalfVariance);
    let rate = this.rpm * shape * noise;
    for (const inc of this.incidents)
      if (minute >= inc.start && minute < inc.end) rate *= inc.trafficMultiplier ?? 1;
    return stochasticRound(rate, draw(state, S.trafficRound));
  }

  medianAt(minute: number): number {
    let m = this.fn.workload.durationMedianMs;
    for (const inc of this.incidents)
      if (minute >= inc.start && minute < inc.end) m *= inc.durationMultiplier ?? 1;
    return m;
  }

  /** Mean concurrency a number of requests in a minute keeps busy. */
  meanConcurrency(requests: number, minute: number): number {
    const meanMs = this.medianVaries
      ? Math.min(this.timeoutMs, this.medianAt(minute) * this.meanOverMedian)
      : this.meanMs;
    return (requests / 60) * (meanMs / 1000);
  }

  /** Peak concurrency within the minute for a mean (Poisson arrivals: mean + 3 sd, with a burst factor). */
  peakConcurrency(mean: number, state: number): number {
    if (mean <= 0) return 0;
    const burst = 1 + 0.15 * draw(state, S.burst);
    return Math.max(1, Math.ceil((mean + 3 * Math.sqrt(mean)) * burst));
  }

  /**
   * An upper bound of the mean concurrency the function can ever keep busy in a minute: the
   * daily peak, the largest noise Box-Muller can draw (|z| <= sqrt(-2 ln 1e-12)), every incident
   * that adds traffic or slows it down, and one request more for the rounding.
   */
  maxMeanConcurrency(): number {
    const w = this.fn.workload;
    if (w.rpm <= 0) return 0;
    let traffic = 1;
    let slowdown = 1;
    for (const inc of this.incidents) {
      traffic *= Math.max(1, inc.trafficMultiplier ?? 1);
      slowdown *= Math.max(1, inc.durationMultiplier ?? 1);
    }
    const rate =
      w.rpm * (1 + w.dailyAmplitude) * Math.exp(w.noise * Math.sqrt(-2 * Math.log(1e-12))) * traffic;
    const meanMs = Math.min(this.timeoutMs, w.durationMedianMs * slowdown * this.meanOverMedian);
    return ((rate + 1) / 60) * (meanMs / 1000);
  }
}

const zeros = new Float64Array(BLOCK_MINUTES);
const absent = new Float64Array(BLOCK_MINUTES).fill(NaN);

/**
 * One function's figures for BLOCK_MINUTES minutes from `first`, one column per figure. Columns a
 * function cannot have (provisioned figures without provisioned concurrency, iterator age without a
 * stream source) share one read-only array; NaN marks an absent age.
 */
export class FunctionBlock {
  readonly invocations: Float64Array;
  readonly errors: Float64Array;
  readonly timeouts: Float64Array;
  readonly outOfMemory: Float64Array;
  readonly throttles: Float64Array;
  readonly coldStarts: Float64Array;
  readonly concurrencyMax: Float64Array;
  /** The duration sample's stratification offset per minute. */
  readonly strata: Float64Array;
  readonly provisionedInvocations: Float64Array;
  readonly spilloverInvocations: Float64Array;
  readonly provisionedConcurrencyMax: Float64Array;
  readonly iteratorAgeMax: Float64Array;
  readonly asyncEventAgeMax: Float64Array;
  /** Median duration per minute, or undefined when it is the workload's all along. */
  readonly medianMs: Float64Array | undefined;
  first = 0;

  /**
   * The columns a function's blocks have, as bits (provisioned, stream, async, varying median):
   * blocks of the same layout can be recycled from one function to another.
   */
  static layoutOf(model: FunctionModel): number {
    return (
      (model.provisioned > 0 ? 1 : 0) |
      (model.stream ? 2 : 0) |
      (model.async ? 4 : 0) |
      (model.medianVaries ? 8 : 0)
    );
  }

  constructor(public model: FunctionModel) {
    const layout = FunctionBlock.layoutOf(model);
    const columns =
      8 + (layout & 1 ? 3 : 0) + (layout & 2 ? 1 : 0) + (layout & 4 ? 1 : 0) + (layout & 8 ? 1 : 0);
    const buffer = new Float64Array(columns * BLOCK_MINUTES);
    let next = 0;
    const column = () => buffer.subarray(next * BLOCK_MINUTES, ++next * BLOCK_MINUTES);
    this.invocations = column();
    this.errors = column();
    this.timeouts = column();
    this.outOfMemory = column();
    this.throttles = column();
    this.coldStarts = column();
    this.concurrencyMax = column();
    this.strata = column();
    const pc = model.provisioned > 0;
    this.provisionedInvocations = pc ? column() : zeros;
    this.spilloverInvocations = pc ? column() : zeros;
    this.provisionedConcurrencyMax = pc ? column() : zeros;
    this.iteratorAgeMax = model.stream ? column() : absent;
    this.asyncEventAgeMax = model.async ? column() : absent;
    this.medianMs = model.medianVaries ? column() : undefined;
  }

  get fn(): IndexedFunction {
    return this.model.fn;
  }

  /** The duration sample of minute `first + i`. */
  duration(i: number): DurationSample {
    const m = this.model;
    const median = this.medianMs ? (this.medianMs[i] ?? 0) : m.fn.workload.durationMedianMs;
    return new DurationSample(this.invocations[i] ?? 0, median, m.sigma, this.strata[i] ?? 0, m.timeoutMs);
  }
}

/** What a region lets its unreserved functions run in a minute. */
export interface RegionServe {
  /** Fraction of unreserved demand the region can serve per minute of the block (undefined: all of it). */
  serveFraction: Float64Array | undefined;
  /** Concurrency left for unreserved functions. */
  pool: number;
}

// Per-block scratch: the traffic of the block's minutes and of the LOOKBACK minutes before it.
const requestedAt = new Float64Array(LOOKBACK + BLOCK_MINUTES);
const demandPeakAt = new Float64Array(LOOKBACK + BLOCK_MINUTES);
const stateAt = new Float64Array(LOOKBACK + BLOCK_MINUTES);

/** Fills `out` with the block of minutes starting at `first`. */
export function computeBlock(
  out: FunctionBlock,
  first: number,
  region: RegionServe,
  anchorMinute: number,
): void {
  const fm = out.model;
  const fn = fm.fn;
  const w = fn.workload;
  out.first = first;
  for (let j = 0; j < LOOKBACK + BLOCK_MINUTES; j++) {
    const minute = first - LOOKBACK + j;
    const state = fm.minuteState(minute);
    const requested = fm.demand(minute, state);
    stateAt[j] = state;
    requestedAt[j] = requested;
    demandPeakAt[j] = fm.peakConcurrency(fm.meanConcurrency(requested, minute), state);
  }
  const reserved = fn.reservedConcurrency;
  const pc = fm.provisioned;
  const timeoutMs = fm.timeoutMs;
  const oomPossible = w.maxMemoryUsedMB >= fn.memoryMB;

  for (let i = 0; i < BLOCK_MINUTES; i++) {
    const j = LOOKBACK + i;
    const minute = first + i;
    const state = stateAt[j] ?? 0;
    const requested = requestedAt[j] ?? 0;
    const demandPeak = demandPeakAt[j] ?? 0;

    // Throttling: a reserved limit caps the function; otherwise the region's unreserved pool does.
    let served = requested;
    let peak = demandPeak;
    if (reserved !== undefined) {
      if (demandPeak > reserved) {
        const fraction = reserved === 0 ? 0 : reserved / demandPeak;
        served = stochasticRound(requested * fraction, draw(state, S.throttleRound));
        peak = reserved;
      }
    } else {
      const serveFraction = region.serveFraction ? (region.serveFraction[i] ?? 1) : 1;
      if (serveFraction < 1) {
        served = stochasticRound(requested * serveFraction, draw(state, S.throttleRound));
        peak = Math.max(served > 0 ? 1 : 0, Math.floor(demandPeak * serveFraction));
      }
      peak = Math.min(peak, region.pool);
    }
    const throttles = requested - served;

    // Provisioned concurrency serves up to its allocation; the rest spills over to on-demand.
    let provisionedInvocations = 0;
    if (pc > 0 && served > 0) provisionedInvocations = peak <= pc ? served : Math.round((served * pc) / peak);
    const onDemand = served - provisionedInvocations;

    // Cold starts: scale-ups above the recent peak, environment recycling, and idle gaps.
    let coldStarts = 0;
    if (onDemand > 0) {
      const onDemandPeak = pc > 0 ? Math.max(0, peak - pc) : peak;
      // Environments stay warm for minutes after use: scale-ups are measured against the last 5 minutes' peak.
      let prevPeak = 0;
      for (let back = 1; back <= 5; back++) prevPeak = Math.max(prevPeak, demandPeakAt[j - back] ?? 0);
      const prevOnDemandPeak = pc > 0 ? Math.max(0, prevPeak - pc) : prevPeak;
      const scaleUp = Math.max(0, onDemandPeak - prevOnDemandPeak);
      // An environment lives about 2 hours under steady use.
      const recycle = stochasticRound(onDemandPeak / 120, draw(state, S.recycle));
      let idle = 0;
      if (requestedAt[j - 1] === 0) {
        // Idle for the last 10 minutes: the environment has been reclaimed.
        idle = 1;
        for (let back = 2; back <= 10; back++) {
          if ((requestedAt[j - back] ?? 0) > 0) {
            idle = back >= 6 ? 1 : 0;
            break;
          }
        }
      }
      coldStarts = Math.min(onDemand, scaleUp + recycle + idle);
    }

    // Durations and the invocations that time out.
    const v = draw(state, S.strata);
    const median = fm.medianVaries ? fm.medianAt(minute) : w.durationMedianMs;
    const quantile = fm.medianVaries ? timeoutQuantile(median, fm.sigma, timeoutMs) : fm.timeoutQuantile;
    const timeouts = timeoutsAt(served, quantile, v);

    // Out of memory: a function whose peak use reaches its memory size loses a few invocations.
    const outOfMemory =
      oomPossible && served - timeouts > 0
        ? Math.min(served - timeouts, stochasticRound((served - timeouts) * 0.003, draw(state, S.oom)))
        : 0;

    let errorRate = w.errorRate;
    for (const inc of fm.incidents)
      if (minute >= inc.start && minute < inc.end && inc.errorRate !== undefined) errorRate = inc.errorRate;
    const functionErrors = stochasticRound(
      (served - timeouts - outOfMemory) * errorRate,
      draw(state, S.errors),
    );

    out.invocations[i] = served;
    out.errors[i] = timeouts + outOfMemory + functionErrors;
    out.timeouts[i] = timeouts;
    out.outOfMemory[i] = outOfMemory;
    out.throttles[i] = throttles;
    out.coldStarts[i] = coldStarts;
    out.concurrencyMax[i] = served > 0 ? peak : 0;
    out.strata[i] = v;
    if (out.medianMs) out.medianMs[i] = median;
    if (pc > 0) {
      out.provisionedInvocations[i] = provisionedInvocations;
      out.spilloverInvocations[i] = served - provisionedInvocations;
      out.provisionedConcurrencyMax[i] = served > 0 ? Math.min(peak, pc) : 0;
    }

    if (fm.stream) {
      let age = w.iteratorAgeMs * (1 + 0.5 * draw(state, S.iterator));
      for (const inc of fm.incidents) {
        if (inc.iteratorAgeMs === undefined) continue;
        if (minute < inc.start || minute >= inc.end) continue;
        // The backlog grows linearly from the incident's start to its peak at the anchor (or its end).
        const span = Math.max(1, Math.min(inc.end, anchorMinute) - inc.start);
        age = Math.max(age, inc.iteratorAgeMs * Math.min(1, (minute - inc.start + 1) / span));
      }
      if (throttles > 0) age *= 1 + throttles / Math.max(1, served);
      out.iteratorAgeMax[i] = served > 0 ? Math.round(age) : NaN;
    }

    if (fm.async) {
      out.asyncEventAgeMax[i] =
        served > 0
          ? Math.round((20 + 80 * draw(state, S.asyncAge)) * (1 + (10 * throttles) / Math.max(1, served)))
          : NaN;
    }
  }
}
