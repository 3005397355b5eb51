import type { Period } from "./ast";

const FIXED_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Months per calendar unit. */
const MONTHS: Record<string, number> = { mo: 1, q: 3, y: 12 };

/**
 * Start of the period containing `ms`. Fixed units bucket from the epoch (so `1w` starts on
 * Thursdays, as epoch-based bucketing does); months, quarters and years follow the UTC calendar.
 */
export function floorTo(ms: number, period: Period): number {
  const fixed = FIXED_MS[period.unit];
  if (fixed !== undefined) {
    const size = fixed * period.count;
    return Math.floor(ms / size) * size;
  }
  const months = (MONTHS[period.unit] ?? 1) * period.count;
  const d = new Date(ms);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const start = Math.floor(index / months) * months;
  return Date.UTC(Math.floor(start / 12), start % 12, 1);
}

/** End of the period containing `ms` (`ms` itself when it is on a boundary). */
export function ceilTo(ms: number, period: Period): number {
  const floor = floorTo(ms, period);
  if (floor === ms) return ms;
  const fixed = FIXED_MS[period.unit];
  if (fixed !== undefined) return floor + fixed * period.count;
  const months = (MONTHS[period.unit] ?? 1) * period.count;
  const d = new Date(floor);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}
