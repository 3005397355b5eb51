"use client";

import { formatRelative, formatUtcDateTime, formatUtcTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { ClockIcon, HourglassIcon } from "./icons";
import { useNow } from "./use-now";

interface AsOfProps {
  /** When the data was read from AWS (ISO time). */
  asOf: string | undefined;
  /** Older than its cache lifetime, or kept after a failed refresh. */
  stale?: boolean;
  /** Incomplete: part of the read is still running. */
  partial?: boolean;
  /** A refetch is running. */
  refreshing?: boolean;
  className?: string;
}

/** "as of 2 min ago", with a "stale" or "partial" marker in words, not only colour. */
export function AsOf({ asOf, stale, partial, refreshing, className }: AsOfProps) {
  const now = useNow();
  if (!asOf) return null;
  const t = Date.parse(asOf);
  const when = Number.isNaN(t) ? asOf : now === null ? formatUtcTime(t) : formatRelative(t, now);
  return (
    <span
      className={cn("inline-flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground", className)}
    >
      <span className="inline-flex items-center gap-1" title={`Read from AWS at ${formatUtcDateTime(t)}`}>
        <ClockIcon className="size-3.5" />
        <span>
          as of <time dateTime={asOf}>{when}</time>
        </span>
      </span>
      {stale ? (
        <span
          className="inline-flex items-center gap-1 rounded border border-warning/40 bg-warning/10 px-1 font-medium text-warning"
          title="This data is older than it should be: the latest refresh is running or failed."
        >
          <HourglassIcon className="size-3" />
          stale
        </span>
      ) : null}
      {partial ? (
        <span
          className="inline-flex items-center gap-1 rounded border border-info/40 bg-info/10 px-1 font-medium text-info"
          title="Part of this data is still being read; it fills in on the next refresh."
        >
          partial
        </span>
      ) : null}
      {refreshing ? (
        <span className="inline-flex items-center" role="status">
          <span className="sr-only">Refreshing</span>
          <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-primary" />
        </span>
      ) : null}
    </span>
  );
}
