/**
 * Change points on the range grid: where a function's behaviour stepped up and stayed up until
 * now. Counts (errors of invocations, throttles of requests) use a binomial split; levels
 * (durations, iterator age) a shift of the mean of their logarithms. Only intervals with data
 * take part: a gap is neither good nor bad.
 */

export interface CountObs {
  t: number;
  /** Trials (invocations, requests, intervals). */
  n: number;
  /** Events among them (errors, throttles, intervals with a timeout). */
  e: number;
}

export interface Tally {
  n: number;
  e: number;
  rate: number;
}

export interface RateShift {
  /** Index in the observations of the first interval of the raised part. */
  start: number;
  before: Tally;
  after: Tally;
  /** Log-likelihood ratio of "two rates, split at start" against "one rate". */
  llr: number;
}

const xlogy = (x: number, y: number): number => (x === 0 ? 0 : x * Math.log(y));

/** Binomial log-likelihood at the maximum-likelihood rate. */
function logLikelihood(e: number, n: number): number {
  if (n <= 0) return 0;
  const p = e / n;
  return xlogy(e, p) + xlogy(n - e, 1 - p);
}

export const tally = (n: number, e: number): Tally => ({ n, e, rate: n > 0 ? e / n : 0 });

export function sumObs(obs: readonly CountObs[], from = 0, to = obs.length): Tally {
  let n = 0;
  let e = 0;
  for (let i = from; i < to; i++) {
    const o = obs[i];
    if (!o) continue;
    n += o.n;
    e += o.e;
  }
  return tally(n, e);
}

/**
 * The split that best explains the observations as "a rate, then a higher rate until the end",
 * with at least `minBeforeIntervals` observations and `minBeforeTrials` trials before it and
 * `minAfterIntervals` after it. Null when no split raises the rate.
 */
export function rateShiftUp(
  obs: readonly CountObs[],
  opts: { minBeforeIntervals: number; minBeforeTrials: number; minAfterIntervals: number },
): RateShift | null {
  const total = sumObs(obs);
  const whole = logLikelihood(total.e, total.n);
  let best: RateShift | null = null;
  let n0 = 0;
  let e0 = 0;
  for (let k = 0; k < obs.length; k++) {
    if (
      k >= opts.minBeforeIntervals &&
      n0 >= opts.minBeforeTrials &&
      obs.length - k >= opts.minAfterIntervals
    ) {
      const n1 = total.n - n0;
      const e1 = total.e - e0;
      if (n1 > 0 && e1 / n1 > e0 / n0) {
        const llr = logLikelihood(e0, n0) + logLikelihood(e1, n1) - whole;
        if (!best || llr > best.llr) best = { start: k, before: tally(n0, e0), after: tally(n1, e1), llr };
      }
    }
    const o = obs[k];
    if (o) {
      n0 += o.n;
      e0 += o.e;
    }
  }
  return best;
}

export interface LevelObs {
  t: number;
  v: number;
}

export interface LevelShift {
  start: number;
  /** Means of the logarithms before and after. */
  beforeLogMean: number;
  afterLogMean: number;
  /** Welch-free pooled t statistic of the difference. */
  t: number;
}

/** Log of a non-negative level; 1 is added so that 0 ms stays finite. */
export const logLevel = (v: number): number => Math.log1p(Math.max(0, v));

/**
 * The split that best explains the values as "a level, then a higher level until the end"
 * (means of log1p values, pooled standard deviation with a small floor so constant series do not
 * divide by zero). Null when no split raises the level.
 */
export function levelShiftUp(
  values: readonly LevelObs[],
  opts: { minBeforeIntervals: number; minAfterIntervals: number },
): LevelShift | null {
  const xs = values.map((o) => logLevel(o.v));
  const n = xs.length;
  let total = 0;
  let totalSq = 0;
  for (const x of xs) {
    total += x;
    totalSq += x * x;
  }
  let best: LevelShift | null = null;
  let s0 = 0;
  let q0 = 0;
  for (let k = 0; k < n; k++) {
    const nb = k;
    const na = n - k;
    if (nb >= opts.minBeforeIntervals && na >= opts.minAfterIntervals) {
      const mb = s0 / nb;
      const ma = (total - s0) / na;
      if (ma > mb) {
        const ssb = q0 - nb * mb * mb;
        const ssa = totalSq - q0 - na * ma * ma;
        const sd = Math.max(Math.sqrt(Math.max(0, ssb + ssa) / Math.max(1, n - 2)), 0.02);
        const t = (ma - mb) / (sd * Math.sqrt(1 / nb + 1 / na));
        if (!best || t > best.t) best = { start: k, beforeLogMean: mb, afterLogMean: ma, t };
      }
    }
    const x = xs[k] ?? 0;
    s0 += x;
    q0 += x * x;
  }
  return best;
}

/**
 * Moves a level shift's start back over the values just before it that are already above the
 * baseline's band (a gradual rise: the best split lands a little after its real start).
 */
export function extendBack(values: readonly LevelObs[], start: number, upper: number): number {
  let k = start;
  while (k > 0 && (values[k - 1]?.v ?? -Infinity) > upper) k--;
  return k;
}

export function median(vs: readonly number[]): number | null {
  if (vs.length === 0) return null;
  const s = [...vs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? 0;
  return s.length % 2 ? hi : ((s[mid - 1] ?? hi) + hi) / 2;
}
