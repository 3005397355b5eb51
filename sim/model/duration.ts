import { normalQuantile } from "./rng";

/**
 * The n durations of one minute: rank r (ascending) has duration
 * min(timeout, median * exp(sigma * z((r + v) / n))), and the top `timeouts` ranks equal the timeout.
 * Durations within a minute are stratified samples of a log-normal, so the n durations of a minute
 * are fixed by (n, median, sigma, v) and every percentile is a closed-form lookup rather than a sort.
 */
export class DurationSample {
  private timeoutCount = -1;

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
    if (this.timeoutCount < 0)
      this.timeoutCount = timeoutsOf(this.n, this.medianMs, this.sigma, this.v, this.timeoutMs);
    return this.timeoutCount;
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

/** How many of a minute's n durations reach the timeout: the ranks with (r + v)/n >= F(T). */
export function timeoutsOf(n: number, medianMs: number, sigma: number, v: number, timeoutMs: number): number {
  if (n === 0) return 0;
  return timeoutsAt(n, timeoutQuantile(medianMs, sigma, timeoutMs), v);
}

/** F(T): the quantile of the duration distribution at the timeout. */
export function timeoutQuantile(medianMs: number, sigma: number, timeoutMs: number): number {
  return cdf(timeoutMs, medianMs, sigma);
}

/** timeoutsOf for a known F(T). */
export function timeoutsAt(n: number, quantile: number, v: number): number {
  if (n === 0) return 0;
  const first = Math.max(0, Math.ceil(n * quantile - v));
  return Math.max(0, n - first);
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
