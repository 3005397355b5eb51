import { DEFAULT_THRESHOLDS, type PercentThresholds } from "@/lib/analysis/thresholds";

/**
 * "Value against a limit", the unit of every headroom display. The level uses the same percent
 * thresholds as the analysis rules (warning at 80 %, critical at 95 % by default).
 */

export type GaugeLevel = "ok" | "warning" | "critical" | "unknown";

export { DEFAULT_THRESHOLDS };
export type { PercentThresholds };

/** value / limit in percent (may exceed 100); null when either is unknown or the limit is not positive. */
export function gaugePercent(value: number | null, limit: number | null): number | null {
  if (value === null || limit === null || !Number.isFinite(value) || !Number.isFinite(limit) || limit <= 0)
    return null;
  return (value / limit) * 100;
}

export function gaugeLevel(
  value: number | null,
  limit: number | null,
  thresholds: PercentThresholds = DEFAULT_THRESHOLDS,
): GaugeLevel {
  const pct = gaugePercent(value, limit);
  if (pct === null) return "unknown";
  if (pct >= thresholds.criticalPercent) return "critical";
  if (pct >= thresholds.warningPercent) return "warning";
  return "ok";
}

/** A width for a bar, 0..100; overflow shows as a full bar (the text says by how much). */
export function barWidth(percent: number | null): number {
  if (percent === null || !Number.isFinite(percent)) return 0;
  return Math.max(0, Math.min(100, percent));
}

export const LEVEL_LABEL: Record<GaugeLevel, string> = {
  ok: "OK",
  warning: "Warning",
  critical: "Critical",
  unknown: "No data",
};
