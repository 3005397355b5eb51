import "server-only";

/**
 * The period GetMetricData needs for a range (facts sheet section 3): CloudWatch keeps 1-minute
 * points for 15 days, 5-minute points for 63 days and 1-hour points for 455 days, and a request
 * whose start is older than a tier must use a multiple of that tier's period or it gets no
 * datapoints. On top of that, charts get at most MAX_POINTS points.
 */

export const MINUTE_S = 60;
const DAY_MS = 86_400_000;

/** CloudWatch retention tiers. */
export const ONE_MINUTE_TIER_DAYS = 15;
export const FIVE_MINUTE_TIER_DAYS = 63;
export const RETENTION_DAYS = 455;

export const MAX_POINTS = 1440;

/** Periods a chart may use, seconds; each tier keeps those that are multiples of its base. */
const NICE_PERIODS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The smallest period CloudWatch accepts for data starting at `startMs`, seen at `nowMs`. */
export function basePeriodSeconds(startMs: number, nowMs: number): number {
  const ageDays = (nowMs - startMs) / DAY_MS;
  if (ageDays < ONE_MINUTE_TIER_DAYS) return 60;
  if (ageDays < FIVE_MINUTE_TIER_DAYS) return 300;
  return 3600;
}

/** The chart period for [startMs, endMs): allowed for the start's age and coarse enough for ≤ MAX_POINTS points. */
export function choosePeriodSeconds(
  startMs: number,
  endMs: number,
  nowMs: number,
  maxPoints = MAX_POINTS,
): number {
  const base = basePeriodSeconds(startMs, nowMs);
  const spanS = Math.max(1, (endMs - startMs) / 1000);
  const needed = spanS / maxPoints;
  for (const p of NICE_PERIODS) if (p % base === 0 && p >= needed) return p;
  // Longer than a day per point: whole days.
  return Math.ceil(needed / 86400) * 86400;
}

/**
 * One period covering the whole range, for totals and range-wide percentiles: the span rounded up
 * to a multiple of the tier's base period.
 */
export function summaryPeriodSeconds(startMs: number, endMs: number, nowMs: number): number {
  const base = basePeriodSeconds(startMs, nowMs);
  const spanS = Math.max(1, (endMs - startMs) / 1000);
  return Math.ceil(spanS / base) * base;
}

/** Rounds a time down to a multiple of `periodS` (CloudWatch aligns datapoints the same way). */
export function alignDown(ms: number, periodS: number): number {
  const p = periodS * 1000;
  return Math.floor(ms / p) * p;
}
