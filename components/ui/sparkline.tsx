import { downsample, sparkline } from "@/lib/charts/sparkline";
import type { Series } from "@/lib/schemas/functions";
import { cn } from "@/lib/utils";

interface SparklineProps {
  series: Series;
  /** What the line shows, for screen readers ("Invocations per minute over the last 24 hours"). */
  label: string;
  width?: number;
  height?: number;
  className?: string;
}

/**
 * A small trend line, server-renderable SVG. Gaps in the data stay gaps; a series with no data at
 * all draws a dashed baseline and says so.
 */
export function Sparkline({ series, label, width = 120, height = 32, className }: SparklineProps) {
  // About one point per 1.25 px: a day of minutes (1,440 points) would draw as noise.
  const g = sparkline(downsample(series, Math.round(width / 1.25)), width, height);
  return (
    <svg
      role="img"
      aria-label={g.hasData ? label : `${label}: no data`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className={cn("h-8 w-full overflow-visible", className)}
    >
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
