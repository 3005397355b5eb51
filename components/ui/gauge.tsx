import { useId } from "react";
import { barWidth, DEFAULT_THRESHOLDS, gaugeLevel, gaugePercent, type GaugeLevel } from "@/lib/charts/gauge";
import { NO_DATA_LABEL } from "@/lib/format";
import { cn } from "@/lib/utils";
import { SeverityChip } from "./severity-chip";

const FILL: Record<GaugeLevel, string> = {
  ok: "bg-ok-fill",
  warning: "bg-warning-fill",
  critical: "bg-critical-fill",
  unknown: "bg-transparent",
};

interface GaugeProps {
  label: string;
  value: number | null;
  limit: number | null;
  format: (n: number | null) => string;
  /** What the value is ("max duration") and what the limit is ("timeout"). */
  valueLabel?: string;
  limitLabel?: string;
  /** Other figures as ticks on the bar (p99 under the max). */
  markers?: ReadonlyArray<{ label: string; value: number }>;
  level?: GaugeLevel;
  note?: string;
  className?: string;
}

/**
 * A value against its limit: a bar with ticks at the warning and critical thresholds, the figures
 * in words ("2.9 s max duration of 3 s timeout, 97 %") and the level as a chip with an icon. The
 * bar is a `meter` for assistive technology.
 */
export function Gauge({
  label,
  value,
  limit,
  format,
  valueLabel,
  limitLabel,
  markers = [],
  level,
  note,
  className,
}: GaugeProps) {
  const id = useId();
  const pct = gaugePercent(value, limit);
  const lvl = level ?? gaugeLevel(value, limit);
  const pctText = pct === null ? "" : pct < 1 && pct > 0 ? "<1%" : `${Math.round(pct)}%`;
  const valueText =
    value === null
      ? NO_DATA_LABEL
      : `${format(value)}${valueLabel ? ` ${valueLabel}` : ""}${limit !== null ? ` of ${format(limit)}${limitLabel ? ` ${limitLabel}` : ""}` : ""}`;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1.5", className)}>
      <div className="flex items-start justify-between gap-2">
        <span id={`${id}-label`} className="min-w-0 text-sm leading-5 font-medium">
          {label}
        </span>
        <SeverityChip level={lvl} className="shrink-0" />
      </div>
      <p className="text-xs text-muted-foreground">
        <span className="font-medium text-foreground tabular-nums">
          {value === null ? "No data" : format(value)}
        </span>
        {value !== null && valueLabel ? ` ${valueLabel}` : ""}
        {limit !== null ? (
          <>
            {" "}
            of <span className="tabular-nums">{format(limit)}</span>
            {limitLabel ? ` ${limitLabel}` : ""}
          </>
        ) : null}
        {pctText ? <span className="tabular-nums"> · {pctText}</span> : null}
      </p>
      <div
        {...(pct !== null && value !== null && limit !== null
          ? {
              role: "meter",
              "aria-labelledby": `${id}-label`,
              "aria-valuemin": 0,
              "aria-valuemax": limit,
              "aria-valuenow": Math.min(value, limit),
              "aria-valuetext": `${valueText}, ${pctText}`,
            }
          : { "aria-hidden": true })}
        className={cn(
          "relative h-2 w-full overflow-hidden rounded-full bg-muted",
          lvl === "unknown" && "border border-dashed border-border bg-transparent",
        )}
      >
        <div className={cn("h-full rounded-full", FILL[lvl])} style={{ width: `${barWidth(pct)}%` }} />
        {pct !== null
          ? markers.map((m) => {
              const p = gaugePercent(m.value, limit);
              return p === null ? null : (
                <span
                  key={m.label}
                  className="absolute top-0 h-full w-0.5 bg-foreground/70"
                  style={{ left: `calc(${barWidth(p)}% - 1px)` }}
                  title={`${m.label} ${format(m.value)}`}
                />
              );
            })
          : null}
        {[DEFAULT_THRESHOLDS.warningPercent, DEFAULT_THRESHOLDS.criticalPercent].map((t) => (
          <span key={t} className="absolute top-0 h-full w-px bg-background" style={{ left: `${t}%` }} />
        ))}
      </div>
      {markers.length > 0 || note ? (
        <p className="text-xs text-muted-foreground">
          {markers.map((m) => `${m.label} ${format(m.value)}`).join(" · ")}
          {markers.length > 0 && note ? " · " : ""}
          {note}
        </p>
      ) : null}
    </div>
  );
}
