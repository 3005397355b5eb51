import type { ComponentType, SVGProps } from "react";
import type { FindingCounts } from "@/lib/schemas/common";
import { cn } from "@/lib/utils";
import { Badge } from "./badge";
import { CriticalIcon, InfoIcon, OkIcon, UnknownIcon, WarningIcon } from "./icons";

/**
 * Severity shown with a shape and a word, never colour alone: octagon "Critical", triangle
 * "Warning", circle "Info", check "OK", dashed circle "No data".
 */

export type SeverityLevel = "critical" | "warning" | "info" | "ok" | "unknown";

export const SEVERITY_META: Record<
  SeverityLevel,
  { label: string; Icon: ComponentType<SVGProps<SVGSVGElement>>; text: string }
> = {
  critical: { label: "Critical", Icon: CriticalIcon, text: "text-critical" },
  warning: { label: "Warning", Icon: WarningIcon, text: "text-warning" },
  info: { label: "Info", Icon: InfoIcon, text: "text-info" },
  ok: { label: "OK", Icon: OkIcon, text: "text-ok" },
  unknown: { label: "No data", Icon: UnknownIcon, text: "text-muted-foreground" },
};

interface SeverityChipProps {
  level: SeverityLevel;
  /** Replaces the default word ("Critical"). */
  label?: string;
  className?: string;
}

export function SeverityChip({ level, label, className }: SeverityChipProps) {
  const meta = SEVERITY_META[level];
  const variant = level === "unknown" ? "outline" : level;
  return (
    <Badge variant={variant} className={className}>
      <meta.Icon className="size-3.5" />
      {label ?? meta.label}
    </Badge>
  );
}

const LEVELS = ["critical", "warning", "info"] as const;

/**
 * A function's findings by severity. Compact (tables): icon and count per non-zero level, the
 * level named for screen readers and in the tooltip. Otherwise: one chip per level.
 */
export function FindingCountsView({
  counts,
  compact = false,
  className,
}: {
  counts: FindingCounts;
  compact?: boolean;
  className?: string;
}) {
  const present = LEVELS.filter((l) => counts[l] > 0);
  if (present.length === 0)
    return <span className={cn("text-xs text-muted-foreground", className)}>None</span>;
  const summary = present.map((l) => `${counts[l]} ${l}`).join(", ");
  if (compact)
    return (
      <span className={cn("inline-flex items-center gap-2.5", className)} title={summary}>
        {present.map((l) => {
          const { Icon, text } = SEVERITY_META[l];
          return (
            <span key={l} className={cn("inline-flex items-center gap-0.5 tabular-nums", text)}>
              <Icon className="size-3.5" />
              <span className="text-foreground">{counts[l]}</span>
              <span className="sr-only"> {l}</span>
            </span>
          );
        })}
      </span>
    );
  return (
    <span className={cn("inline-flex flex-wrap items-center gap-1.5", className)}>
      {present.map((l) => (
        <SeverityChip key={l} level={l} label={`${counts[l]} ${l}`} />
      ))}
    </span>
  );
}
