"use client";

import { useNow } from "@/components/ui/use-now";
import { formatRelative, formatUtcDateTime, formatUtcTime } from "@/lib/format";
import { cn } from "@/lib/utils";

/**
 * "since 12:44 UTC · 47 min ago". A run that already goes on when the data starts is "since at
 * least …". The relative part appears once the browser's clock is known (never in server HTML).
 */
export function SinceLabel({
  since,
  startOfData,
  className,
}: {
  since: string;
  startOfData: boolean;
  className?: string;
}) {
  const now = useNow();
  const t = Date.parse(since);
  return (
    <span className={cn("text-xs text-muted-foreground", className)}>
      <span>{startOfData ? "since at least " : "since "}</span>
      <time dateTime={since} title={formatUtcDateTime(t)} className="font-medium text-foreground">
        {formatUtcTime(t)}
      </time>
      {now !== null ? <span> · {formatRelative(t, now)}</span> : null}
      {startOfData ? <span> (the first data in the range)</span> : null}
    </span>
  );
}
