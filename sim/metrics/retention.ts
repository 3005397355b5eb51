/**
 * CloudWatch retention and the period a request needs, for standard-resolution metrics such as
 * AWS/Lambda (facts sheet section 3; the SDK model's text of GetMetricDataInput.StartTime and
 * MetricStat.Period):
 * - 1-minute datapoints are kept 15 days, 5-minute ones 63 days, 1-hour ones 455 days;
 * - a range older than 15 days needs a period that is a multiple of 300 s, older than 63 days a
 *   multiple of 3600 s, else no datapoints for that range; beyond 455 days there is nothing;
 * - StartTime is rounded down to the minute (< 15 days ago), to 5 minutes (15 to 63 days) or to
 *   the hour (older); with a period of 5, 10, 20 or 30 s to that many seconds.
 */

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
export const ONE_MINUTE_DATA_MS = 15 * DAY_MS;
export const FIVE_MINUTE_DATA_MS = 63 * DAY_MS;
export const RETENTION_MS = 455 * DAY_MS;

/** Periods allowed besides multiples of 60 s; they serve only high-resolution custom metrics. */
export const HIGH_RESOLUTION_PERIODS: ReadonlySet<number> = new Set([1, 5, 10, 20, 30]);

export function isValidPeriod(periodS: number): boolean {
  return (
    Number.isInteger(periodS) && periodS > 0 && (periodS % 60 === 0 || HIGH_RESOLUTION_PERIODS.has(periodS))
  );
}

/** StartTime as CloudWatch rounds it. */
export function roundStartTime(startMs: number, nowMs: number, periodS: number): number {
  if (HIGH_RESOLUTION_PERIODS.has(periodS)) {
    const step = periodS * 1000;
    return Math.floor(startMs / step) * step;
  }
  const age = nowMs - startMs;
  const step = age > FIVE_MINUTE_DATA_MS ? 3_600_000 : age > ONE_MINUTE_DATA_MS ? 300_000 : MINUTE_MS;
  return Math.floor(startMs / step) * step;
}

/**
 * The earliest period start that still has datapoints for a period of this length (a period's
 * data is available while its age is within the limit of a resolution the period is a multiple
 * of); +Infinity when the period fits no stored resolution (1 to 30 s: high resolution only).
 */
export function oldestPeriodStartMs(periodS: number, nowMs: number): number {
  if (periodS % 3600 === 0) return nowMs - RETENTION_MS;
  if (periodS % 300 === 0) return nowMs - FIVE_MINUTE_DATA_MS;
  if (periodS % 60 === 0) return nowMs - ONE_MINUTE_DATA_MS;
  return Infinity;
}
