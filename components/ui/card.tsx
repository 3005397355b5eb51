import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Skeleton } from "./skeleton";

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn("rounded-lg border border-border bg-card text-card-foreground shadow-xs", className)}
      {...props}
    />
  );
}

interface PanelProps {
  title: ReactNode;
  /** A short line under the title: units, period, what is measured. */
  description?: ReactNode;
  /** Right side of the header: freshness, actions. */
  actions?: ReactNode;
  /** Heading level of the title (default 2). */
  level?: 2 | 3;
  className?: string;
  bodyClassName?: string;
  id?: string;
  children: ReactNode;
}

/**
 * A titled section of a page. Each panel loads, fails and empties on its own: a failed section
 * degrades that panel only (see PanelBody).
 */
export function Panel({
  title,
  description,
  actions,
  level = 2,
  className,
  bodyClassName,
  id,
  children,
}: PanelProps) {
  const Heading = level === 2 ? "h2" : "h3";
  const headingId = id ? `${id}-title` : undefined;
  return (
    <Card className={cn("flex min-w-0 flex-col", className)}>
      <section aria-labelledby={headingId} id={id} className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 px-4 pt-3.5 pb-2">
          <div className="min-w-0">
            <Heading id={headingId} className="text-sm font-semibold leading-6">
              {title}
            </Heading>
            {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
          </div>
          {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
        </header>
        <div className={cn("min-w-0 flex-1 px-4 pb-4", bodyClassName)}>{children}</div>
      </section>
    </Card>
  );
}

/** The loading state of a panel's body: a few bars, or one block the size of the chart to come. */
export function PanelSkeleton({
  variant = "lines",
  className,
}: {
  variant?: "lines" | "chart" | "stat";
  className?: string;
}) {
  return (
    <div role="status" aria-label="Loading" className={cn("flex flex-col gap-2", className)}>
      {variant === "chart" ? <Skeleton className="h-48 w-full" /> : null}
      {variant === "stat" ? (
        <>
          <Skeleton className="h-7 w-24" />
          <Skeleton className="h-3 w-32" />
        </>
      ) : null}
      {variant === "lines" ? (
        <>
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-4 w-2/3" />
        </>
      ) : null}
    </div>
  );
}

/** A whole panel while its page loads (loading.tsx), with the real title so the layout does not jump. */
export function PanelPlaceholder({
  title,
  variant = "lines",
  className,
}: {
  title: string;
  variant?: "lines" | "chart" | "stat";
  className?: string;
}) {
  return (
    <Panel title={title} className={className}>
      <PanelSkeleton variant={variant} />
    </Panel>
  );
}
