import type { DurationSample } from "../model/duration";

/**
 * CloudWatch statistics over the samples of one period: Sum, Average, Minimum, Maximum,
 * SampleCount and percentiles (pNN, pNN.N), computed the way CloudWatch defines them
 * ("CloudWatch statistics definitions", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html).
 *
 * A period's samples come in one of four shapes, so that no per-sample array is ever built:
 * - `ones`: every sample is 1 (Invocations: one sample per invocation);
 * - `binary`: samples are 0 or 1 (Errors, Throttles: one 0/1 indicator per invocation or request);
 * - `gauge`: one sample per minute with its value (ConcurrentExecutions, IteratorAge, ...);
 * - `duration`: the model's DurationSample of each minute (Duration).
 */

export type BasicStatistic = "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount";
export type Statistic =
  { readonly kind: BasicStatistic } | { readonly kind: "percentile"; readonly p: number };
export type SampleShape = "ones" | "binary" | "gauge" | "duration";

export const BASIC_STATISTICS: readonly BasicStatistic[] = [
  "SampleCount",
  "Average",
  "Sum",
  "Minimum",
  "Maximum",
];

const BASIC: Readonly<Record<BasicStatistic, Statistic>> = {
  Sum: { kind: "Sum" },
  Average: { kind: "Average" },
  Minimum: { kind: "Minimum" },
  Maximum: { kind: "Maximum" },
  SampleCount: { kind: "SampleCount" },
};

/** p0 .. p100 with up to ten decimals (p99, p99.9, p50). */
const PERCENTILE = /^p(\d{1,3}(?:\.\d{1,10})?)$/;

export function isBasicStatistic(name: string): name is BasicStatistic {
  return Object.hasOwn(BASIC, name);
}

/** A statistic by its CloudWatch name, or undefined when the sim does not know it. */
export function parseStatistic(name: string): Statistic | undefined {
  if (isBasicStatistic(name)) return BASIC[name];
  const m = PERCENTILE.exec(name);
  if (!m) return undefined;
  const p = Number(m[1]);
  return p >= 0 && p <= 100 ? { kind: "percentile", p } : undefined;
}

/** 1-based nearest rank of percentile p among n samples (as DurationSample.percentile computes it). */
export function percentileRank(p: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
}

// ---------------------------------------------------------------------------------------------
// merging the durations of several minutes

/** Duration of a rank in hundredths of a millisecond: the model rounds every duration to 0.01 ms. */
function key(s: DurationSample, rank: number): number {
  return Math.round(s.at(rank) * 100);
}

/** Number of a sample's durations at or below `c` hundredths of a ms (durations ascend with rank). */
function countAtMost(s: DurationSample, c: number, minKey: number, maxKey: number): number {
  if (c < minKey) return 0;
  if (c >= maxKey) return s.n;
  // Largest rank whose key is <= c: ranks [0, lo) are <= c.
  let lo = 1;
  let hi = s.n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(s, mid) <= c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let minKeys = new Float64Array(256);
let maxKeys = new Float64Array(256);
let heap = new Int32Array(256);
let heapKeys = new Float64Array(256);
let heapRanks = new Float64Array(256);

/**
 * Percentile p of the union of several minutes' durations: the duration of nearest rank
 * `percentileRank(p, total)` among them all (the smallest duration v such that the number of
 * durations <= v reaches that rank). No sample is materialized: when the rank is near either end
 * (p99 of a day's minutes) it is reached by walking the minutes' durations from that end, merged
 * through a heap; otherwise by a binary search over values (integers in 0.01 ms) with, per minute,
 * a binary search over its ranks.
 */
export function mergedDurationPercentile(samples: readonly DurationSample[], p: number): number {
  let total = 0;
  let active = 0;
  for (const s of samples) {
    total += s.n;
    if (s.n > 0) active++;
  }
  if (total === 0) return NaN;
  if (samples.length === 1 && samples[0]) return samples[0].percentile(p);
  const target = percentileRank(p, total);
  const fromTop = total - target + 1;
  const steps = Math.min(target, fromTop);
  const walkCost = active + steps * (1 + Math.log2(active + 1));
  const searchCost = 25 * active * (1 + Math.log2(total / active + 1));
  if (walkCost < searchCost)
    return fromTop <= target ? walkFromEnd(samples, fromTop, true) : walkFromEnd(samples, target, false);
  return searchPercentile(samples, target);
}

/**
 * The k-th largest (`top`) or k-th smallest duration of the union, in ms: a heap holds each minute's
 * next duration from that end, and k durations are taken off it in order.
 */
function walkFromEnd(samples: readonly DurationSample[], k: number, top: boolean): number {
  if (heap.length < samples.length) {
    heap = new Int32Array(samples.length * 2);
    heapKeys = new Float64Array(samples.length * 2);
    heapRanks = new Float64Array(samples.length * 2);
  }
  // Keys are negated from the top, so the heap is a min-heap either way.
  const sign = top ? -1 : 1;
  let size = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (!s || s.n === 0) continue;
    const rank = top ? s.n - 1 : 0;
    heapRanks[i] = rank;
    heapKeys[i] = sign * key(s, rank);
    heap[size++] = i;
  }
  const less = (a: number, b: number) => (heapKeys[a] ?? 0) < (heapKeys[b] ?? 0);
  const down = (at: number) => {
    const item = heap[at] ?? 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = heap[child + 1] ?? 0;
      if (child + 1 < size && less(right, heap[child] ?? 0)) child++;
      const c = heap[child] ?? 0;
      if (!less(c, item)) break;
      heap[at] = c;
      at = child;
    }
    heap[at] = item;
  };
  for (let at = (size >> 1) - 1; at >= 0; at--) down(at);
  for (let taken = 1; ; taken++) {
    const i = heap[0] ?? 0;
    const value = sign * (heapKeys[i] ?? 0);
    if (taken === k) return value / 100;
    const s = samples[i];
    const rank = (heapRanks[i] ?? 0) + sign;
    if (s && rank >= 0 && rank < s.n) {
      heapRanks[i] = rank;
      heapKeys[i] = sign * key(s, rank);
    } else heap[0] = heap[--size] ?? 0;
    down(0);
  }
}

/** The target-th smallest duration of the union, in ms, by a binary search over values. */
function searchPercentile(samples: readonly DurationSample[], target: number): number {
  if (minKeys.length < samples.length) {
    minKeys = new Float64Array(samples.length * 2);
    maxKeys = new Float64Array(samples.length * 2);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (!s || s.n === 0) {
      minKeys[i] = Infinity;
      maxKeys[i] = -Infinity;
      continue;
    }
    const a = key(s, 0);
    const b = key(s, s.n - 1);
    minKeys[i] = a;
    maxKeys[i] = b;
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let count = 0;
    for (let i = 0; i < samples.length && count < target; i++) {
      const s = samples[i];
      if (s && s.n > 0) count += countAtMost(s, mid, minKeys[i] ?? Infinity, maxKeys[i] ?? -Infinity);
    }
    if (count >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo / 100;
}

// ---------------------------------------------------------------------------------------------
// one period's samples

/** What a caller will ask of an accumulator, so that costly parts (duration sums, samples) are skipped. */
export interface StatisticNeeds {
  sum: boolean;
  min: boolean;
  max: boolean;
  samples: boolean;
}

export function needsOf(stats: readonly Statistic[]): StatisticNeeds {
  const needs: StatisticNeeds = { sum: false, min: false, max: false, samples: false };
  for (const s of stats) {
    if (s.kind === "Sum" || s.kind === "Average") needs.sum = true;
    else if (s.kind === "Minimum") needs.min = true;
    else if (s.kind === "Maximum") needs.max = true;
    else if (s.kind === "percentile") needs.samples = true;
  }
  return needs;
}

/**
 * The samples of one period, accumulated minute by minute. Reused across periods (reset) so a
 * long series allocates nothing per datapoint.
 */
export class PeriodAccumulator {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private readonly gaugeValues: number[] = [];
  private readonly durations: DurationSample[] = [];

  constructor(
    readonly shape: SampleShape,
    readonly needs: StatisticNeeds,
  ) {}

  reset(): void {
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.gaugeValues.length = 0;
    this.durations.length = 0;
  }

  /** `n` samples that are all 1. */
  addOnes(n: number): void {
    if (n <= 0) return;
    this.count += n;
    this.sum += n;
    this.min = 1;
    if (this.max < 1) this.max = 1;
  }

  /** `n` samples of which `ones` are 1 and the rest 0. */
  addBinary(n: number, ones: number): void {
    if (n <= 0) return;
    this.count += n;
    this.sum += ones;
    const lo = ones >= n ? 1 : 0;
    const hi = ones > 0 ? 1 : 0;
    if (lo < this.min) this.min = lo;
    if (hi > this.max) this.max = hi;
  }

  /** One sample with a value. */
  addGauge(value: number): void {
    this.count += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (this.needs.samples) this.gaugeValues.push(value);
  }

  /** A minute's durations. */
  addDuration(s: DurationSample): void {
    if (s.n <= 0) return;
    this.count += s.n;
    if (this.needs.sum) this.sum += s.sum;
    if (this.needs.min) {
      const v = s.min;
      if (v < this.min) this.min = v;
    }
    if (this.needs.max) {
      const v = s.max;
      if (v > this.max) this.max = v;
    }
    if (this.needs.samples) this.durations.push(s);
  }

  /** The statistic's value; NaN when the period has no samples ("no data", not zero). */
  value(stat: Statistic): number {
    if (this.count === 0) return NaN;
    switch (stat.kind) {
      case "SampleCount":
        return this.count;
      case "Sum":
        return this.sum;
      case "Average":
        return this.sum / this.count;
      case "Minimum":
        return this.min;
      case "Maximum":
        return this.max;
      case "percentile":
        return this.percentile(stat.p);
    }
  }

  private percentile(p: number): number {
    switch (this.shape) {
      case "ones":
        return 1;
      case "binary": {
        const zeros = this.count - this.sum;
        return percentileRank(p, this.count) <= zeros ? 0 : 1;
      }
      case "gauge": {
        const values = this.gaugeValues.sort((a, b) => a - b);
        return values[percentileRank(p, values.length) - 1] ?? NaN;
      }
      case "duration":
        return mergedDurationPercentile(this.durations, p);
    }
  }
}
