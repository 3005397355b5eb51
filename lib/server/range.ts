import "server-only";
import { choosePeriodSeconds, RETENTION_DAYS } from "@/lib/aws/metric-period";
import { cacheTtlMs, type CacheKind } from "@/lib/config";
import type { RangePreset, TimeRange } from "@/lib/schemas/common";
import { BadRequestError } from "./errors";

/**
 * Turns `range=24h` or `from`/`to` into absolute bounds and a chart period. Presets end at the
 * current minute; absolute ranges are checked against what CloudWatch can answer.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const PRESET_MS: Readonly<Record<RangePreset, number>> = {
  "1h": HOUR_MS,
  "3h": 3 * HOUR_MS,
  "12h": 12 * HOUR_MS,
  "24h": 24 * HOUR_MS,
  "3d": 3 * DAY_MS,
  "7d": 7 * DAY_MS,
  "30d": 30 * DAY_MS,
};

export const DEFAULT_PRESET: RangePreset = "24h";
/** How far `to` may lie in the future (clock skew between browser and server). */
export const MAX_FUTURE_MS = 5 * MINUTE_MS;

export interface ResolvedRange {
  startMs: number;
  /** Exclusive. */
  endMs: number;
  periodSeconds: number;
  preset?: RangePreset;
  /** Stable part of cache keys: the preset (the window slides with the clock) or the absolute bounds. */
  key: string;
  /** When the range was resolved (CloudWatch's tiers are relative to it). */
  nowMs: number;
}

export interface RangeInput {
  range?: RangePreset;
  from?: string;
  to?: string;
}

export function resolveRange(input: RangeInput, nowMs: number = Date.now()): ResolvedRange {
  if (input.range && (input.from || input.to))
    throw new BadRequestError("range", "give either range or from/to, not both");
  if (Boolean(input.from) !== Boolean(input.to))
    throw new BadRequestError(input.from ? "to" : "from", "from and to go together");
  if (input.from && input.to) {
    const startMs = Date.parse(input.from);
    const endMs = Date.parse(input.to);
    if (Number.isNaN(startMs))
      throw new BadRequestError("from", "must be an ISO 8601 time such as 2026-11-20T12:00:00Z");
    if (Number.isNaN(endMs))
      throw new BadRequestError("to", "must be an ISO 8601 time such as 2026-11-20T12:00:00Z");
    if (startMs >= endMs) throw new BadRequestError("from", "must be before to");
    if (endMs > nowMs + MAX_FUTURE_MS)
      throw new BadRequestError("to", "must not be more than 5 minutes in the future");
    if (endMs - startMs > RETENTION_DAYS * DAY_MS)
      throw new BadRequestError(
        "from",
        `the range may span at most ${RETENTION_DAYS} days (CloudWatch keeps metrics that long)`,
      );
    if (startMs < nowMs - RETENTION_DAYS * DAY_MS)
      throw new BadRequestError(
        "from",
        `must be within the last ${RETENTION_DAYS} days (CloudWatch keeps metrics that long)`,
      );
    return {
      startMs,
      endMs,
      periodSeconds: choosePeriodSeconds(startMs, endMs, nowMs),
      key: `${startMs}-${endMs}`,
      nowMs,
    };
  }
  const preset = input.range ?? DEFAULT_PRESET;
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const startMs = endMs - PRESET_MS[preset];
  return {
    startMs,
    endMs,
    periodSeconds: choosePeriodSeconds(startMs, endMs, nowMs),
    preset,
    key: preset,
    nowMs,
  };
}

export function rangeToSchema(r: ResolvedRange): TimeRange {
  return {
    start: new Date(r.startMs).toISOString(),
    end: new Date(r.endMs).toISOString(),
    periodSeconds: r.periodSeconds,
    ...(r.preset ? { preset: r.preset } : {}),
  };
}

/** The longest a range-wide figure stays fresh. */
export const RANGE_FIGURE_MAX_TTL_MS = 15 * MINUTE_MS;

/**
 * How long a figure over the whole range (a sum, a percentile of a day) stays fresh: 1/288 of the
 * range (5 minutes of a day, when a minute more of data moves it by 0.3 %), never less than its
 * kind's TTL and never more than 15 minutes. At thousands of functions each refresh is hundreds of
 * GetMetricData calls (billed per metric requested) or Logs Insights queries (billed per GB
 * scanned), so a day's figures are not re-read every minute. Charts of recent minutes keep their
 * kind's TTL.
 */
export function rangeFigureTtlMs(range: ResolvedRange, kind: CacheKind): number {
  const kindTtl = cacheTtlMs(kind);
  return Math.max(kindTtl, Math.min(RANGE_FIGURE_MAX_TTL_MS, (range.endMs - range.startMs) / 288));
}
