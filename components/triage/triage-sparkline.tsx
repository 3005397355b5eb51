import { sparkline } from "@/lib/charts/sparkline";
import type { Series } from "@/lib/schemas/functions";
import { cn } from "@/lib/utils";

interface TriageSparklineProps {
  series: Series;
  /** Start of the bad run (ISO time): shaded from there to the end. */
  badFrom: string;
  /** Changes inside the range (ISO times): a tick each. */
  changes?: readonly string[];
  label: string;
  width?: number;
  height?: number;
  className?: string;
}

const PAD = 1.5;

/**
 * The leading reason's trend over the range, the bad run shaded and changes (deploys) ticked.
 * Gaps stay gaps; a series without data draws a dashed baseline and says so.
 */
export function TriageSparkline({
  series,
  badFrom,
  changes = [],
  label,
  width = 160,
  height = 36,
  className,
}: TriageSparklineProps) {
  const g = sparkline(series, width, height, PAD);
  const t0 = series[0]?.[0];
  const t1 = series[series.length - 1]?.[0];
  const x = (iso: string): number | null => {
    const t = Date.parse(iso);
    if (t0 === undefined || t1 === undefined || Number.isNaN(t) || t1 <= t0) return null;
    const clamped = Math.min(Math.max(t, t0), t1);
    return PAD + ((clamped - t0) / (t1 - t0)) * (width - 2 * PAD);
  };
  const bad = x(badFrom);
  return (
    <svg
      role="img"
      aria-label={g.hasData ? label : `${label}: no data`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className={cn("h-9 w-full overflow-visible text-foreground", className)}
    >
      {bad !== null ? (
        <rect
          x={bad}
          y={0}
          width={Math.max(1, width - PAD - bad)}
          height={height}
          className="fill-critical/15"
        />
      ) : null}
      {changes.map((c) => {
        const cx = x(c);
        return cx === null ? null : (
          <line
            key={c}
            x1={cx}
            x2={cx}
            y1={0}
            y2={height}
            className="stroke-info"
            strokeDasharray="2 2"
            vectorEffect="non-scaling-stroke"
          />
        );
      })}
      {g.hasData ? (
        <path
          d={g.d}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          strokeLinecap="round"
          strokeLinejoin="round"
          vectorEffect="non-scaling-stroke"
        />
      ) : (
        <line
          x1={0}
          x2={width}
          y1={height - 1}
          y2={height - 1}
          stroke="currentColor"
          strokeDasharray="3 3"
          opacity={0.4}
          vectorEffect="non-scaling-stroke"
        />
      )}
    </svg>
  );
}
