import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

interface StatProps {
  label: string;
  /** The formatted figure ("1.9M"); "—" for no data. */
  value: string;
  /** The exact figure for the tooltip ("1,909,843 invocations"). */
  exact?: string;
  /** A line under the figure: a rate, a comparison, a unit. */
  hint?: ReactNode;
  /** A severity chip or marker next to the label. */
  badge?: ReactNode;
  /** A sparkline under the figure. */
  chart?: ReactNode;
  className?: string;
}

/** One headline figure with its label; `dl` semantics so the label names the value. */
export function Stat({ label, value, exact, hint, badge, chart, className }: StatProps) {
  return (
    <dl className={cn("flex min-w-0 flex-col gap-0.5", className)}>
      {/* A dl may hold only dt and dd (or div groups of both): the badge sits inside the dt. */}
      <dt className="flex items-center justify-between gap-2 text-xs font-medium text-muted-foreground">
        <span className="truncate">{label}</span>
        {badge}
      </dt>
      <dd className="text-2xl font-semibold tabular-nums tracking-tight" title={exact}>
        {value}
      </dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
      {chart ? <dd className="mt-1">{chart}</dd> : null}
    </dl>
  );
}
