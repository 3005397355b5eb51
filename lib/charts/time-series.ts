import type { Series } from "@/lib/schemas/functions";

/**
 * Pure preparers for the time-series charts. Charts only render what these return.
 * A `null` value is "no data" and stays `null` (a gap in the line), never 0.
 */

export type ChartRow<K extends string> = { t: number } & { [P in K]: number | null };

/**
 * Aligns several series on their timestamps: one row per timestamp present in any series, in
 * time order; a series without a value at that time gets null. `scale` converts units per series
 * (e.g. seconds to milliseconds); null is never scaled into a number.
 */
export function mergeSeries<K extends string>(
  series: Readonly<Record<K, Series>>,
  scale: Partial<Readonly<Record<K, number>>> = {},
): ChartRow<K>[] {
  const keys = Object.keys(series) as K[];
  const byTime = new Map<number, Map<K, number | null>>();
  for (const key of keys) {
    const factor = scale[key] ?? 1;
    for (const [t, v] of series[key]) {
      let slot = byTime.get(t);
      if (!slot) {
        slot = new Map();
        byTime.set(t, slot);
      }
      slot.set(key, v === null || !Number.isFinite(v) ? null : v * factor);
    }
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  return times.map((t) => {
    const slot = byTime.get(t);
    const row: Record<string, number | null> = { t };
    for (const key of keys) row[key] = slot?.get(key) ?? null;
    return row as ChartRow<K>;
  });
}

/**
 * part / whole × factor per timestamp (factor 100 gives a percentage). No data in either, or a
 * whole of 0 (nothing happened, so no rate), gives null.
 */
export function ratioSeries(part: Series, whole: Series, factor = 100): Series {
  const wholeAt = new Map<number, number | null>(whole);
  return part.map(([t, p]): [number, number | null] => {
    const w = wholeAt.get(t) ?? null;
    if (p === null || w === null || w === 0) return [t, null];
    return [t, (p / w) * factor];
  });
}

/** The largest value of the given keys over the rows, or null when there is none. */
export function maxOf<K extends string>(rows: readonly ChartRow<K>[], keys: readonly K[]): number | null {
  let max: number | null = null;
  for (const row of rows) {
    for (const key of keys) {
      const v = row[key];
      if (v !== null && (max === null || v > max)) max = v;
    }
  }
  return max;
}

/** Whether any of the keys has a value anywhere (all-null series render as "no data"). */
export function hasData<K extends string>(rows: readonly ChartRow<K>[], keys: readonly K[]): boolean {
  return rows.some((row) => keys.some((key) => row[key] !== null));
}

export interface LimitLine {
  label: string;
  value: number;
  /**
   * Drawn on the chart only when it is within `stretch` times the data's maximum: a 15-minute
   * timeout drawn over 200 ms durations would flatten them to nothing. Otherwise the chart names
   * it in its caption instead.
   */
  drawn: boolean;
}

export function limitLines(
  dataMax: number | null,
  limits: ReadonlyArray<{ label: string; value: number | null }>,
  stretch = 4,
): LimitLine[] {
  const out: LimitLine[] = [];
  for (const l of limits) {
    if (l.value === null || !Number.isFinite(l.value)) continue;
    const drawn = dataMax === null ? false : dataMax <= 0 ? true : l.value <= dataMax * stretch;
    out.push({ label: l.label, value: l.value, drawn });
  }
  return out;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/** Tick times for a time axis: round UTC steps (5 min … 7 d), at most `maxTicks` of them. */
export function timeTicks(startMs: number, endMs: number, maxTicks = 6): { ticks: number[]; stepMs: number } {
  const span = Math.max(0, endMs - startMs);
  const stepMs = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const first = Math.ceil(startMs / stepMs) * stepMs;
  const ticks: number[] = [];
  for (let t = first; t <= endMs; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * Tick labels suited to the range, in UTC: times of day for short ranges ("13:00"), dates for
 * ranges of days ("Nov 22"), and the date at midnight when a multi-day range ticks in hours.
 */
export function timeTickFormatter(stepMs: number, spanMs: number): (t: number) => string {
  return (t) => {
    const d = new Date(t);
    const day = `${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCDate()}`;
    if (stepMs >= DAY) return day;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    if (spanMs > DAY && d.getUTCHours() === 0 && d.getUTCMinutes() === 0) return day;
    return time;
  };
}

/** "per minute", "per 5 min", "per hour": what one datapoint of a count series covers. */
export function periodLabel(periodSeconds: number): string {
  if (periodSeconds === 60) return "per minute";
  if (periodSeconds === 3600) return "per hour";
  if (periodSeconds === 86_400) return "per day";
  if (periodSeconds % 86_400 === 0) return `per ${periodSeconds / 86_400} days`;
  if (periodSeconds % 3600 === 0) return `per ${periodSeconds / 3600} h`;
  if (periodSeconds % 60 === 0) return `per ${periodSeconds / 60} min`;
  return `per ${periodSeconds} s`;
}
