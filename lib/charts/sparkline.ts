import type { Series } from "@/lib/schemas/functions";

export interface SparklineGeometry {
  /** SVG path in a `width` × `height` box; each run of values is its own subpath, so gaps stay gaps. */
  d: string;
  /** Whether there is at least one value. */
  hasData: boolean;
  min: number | null;
  max: number | null;
  /** The last value that is not null, with its time. */
  last: { t: number; value: number } | null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The geometry of a sparkline. The y axis starts at 0 for non-negative data (a count of 3 next to
 * a count of 5 should not look like nothing next to everything); the x axis spans the series'
 * first to last timestamp. A lone value between gaps becomes a zero-length segment, which a round
 * line cap draws as a dot.
 */
export function sparkline(series: Series, width: number, height: number, pad = 1.5): SparklineGeometry {
  let min: number | null = null;
  let max: number | null = null;
  let last: SparklineGeometry["last"] = null;
  for (const [t, v] of series) {
    if (v === null || !Number.isFinite(v)) continue;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
    last = { t, value: v };
  }
  const first = series[0];
  const end = series[series.length - 1];
  if (min === null || max === null || !first || !end) return { d: "", hasData: false, min, max, last };

  const lo = Math.min(0, min);
  const hi = max === lo ? lo + 1 : max;
  const t0 = first[0];
  const span = end[0] - t0 || 1;
  const x = (t: number) => round(pad + ((t - t0) / span) * (width - 2 * pad));
  const y = (v: number) => round(height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad));

  const parts: string[] = [];
  let open = false;
  for (let i = 0; i < series.length; i++) {
    const point = series[i];
    if (!point) continue;
    const [t, v] = point;
    if (v === null || !Number.isFinite(v)) {
      open = false;
      continue;
    }
    const next = series[i + 1];
    const nextHasValue = next !== undefined && next[1] !== null;
    if (!open) {
      parts.push(`M${x(t)} ${y(v)}`);
      if (!nextHasValue) parts.push("h0");
      open = true;
    } else parts.push(`L${x(t)} ${y(v)}`);
  }
  return { d: parts.join(""), hasData: true, min, max, last };
}

/**
 * At most `maxPoints` points for a small chart: consecutive points are averaged per bucket (known
 * values only, so a gap does not pull the average to 0); a bucket with no value stays a gap.
 */
export function downsample(series: Series, maxPoints: number): Series {
  if (series.length <= maxPoints || maxPoints < 1) return series;
  const size = Math.ceil(series.length / maxPoints);
  const out: Series = [];
  for (let i = 0; i < series.length; i += size) {
    let sum = 0;
    let known = 0;
    const first = series[i];
    if (!first) continue;
    for (let j = i; j < Math.min(i + size, series.length); j++) {
      const v = series[j]?.[1];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        sum += v;
        known++;
      }
    }
    out.push([first[0], known ? sum / known : null]);
  }
  return out;
}
