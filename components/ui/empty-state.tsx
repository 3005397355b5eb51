import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { ConstructionIcon, InboxIcon } from "./icons";

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  /** "empty": nothing to show; "unavailable": the feature is not there yet. */
  kind?: "empty" | "unavailable";
  className?: string;
}

/** Nothing to show, said plainly: never a blank panel, never a made-up zero. */
export function EmptyState({ title, description, action, kind = "empty", className }: EmptyStateProps) {
  const Icon = kind === "unavailable" ? ConstructionIcon : InboxIcon;
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-1.5 rounded-md border border-dashed border-border px-4 py-6 text-center",
        className,
      )}
    >
      <Icon className="size-5 text-muted-foreground" />
      <p className="text-sm font-medium">{title}</p>
      {description ? <div className="max-w-prose text-xs text-muted-foreground">{description}</div> : null}
      {action ? <div className="mt-1">{action}</div> : null}
    </div>
  );
}
