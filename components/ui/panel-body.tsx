import type { ReactNode } from "react";
import type { ErrorCode } from "@/lib/schemas/common";
import { PanelSkeleton } from "./card";
import { EmptyState } from "./empty-state";
import { ErrorState, WarningNote } from "./error-state";

interface PanelBodyProps {
  /** Nothing to show yet: the panel's own skeleton. */
  pending: boolean;
  skeleton?: "lines" | "chart" | "stat";
  /** The server's message when this panel's data failed and there is nothing to show. */
  error?: string;
  errorTitle?: string;
  errorCode?: ErrorCode;
  onRetry?: () => void;
  retrying?: boolean;
  /** Shown above the content: a failed refresh over older data, a partial read. */
  warning?: ReactNode;
  empty?: boolean;
  emptyTitle?: string;
  emptyDescription?: ReactNode;
  /** Called only when there is data to render. */
  children: () => ReactNode;
}

/** The states of a panel's body, in order: loading, failed, empty, data (with an optional warning). */
export function PanelBody({
  pending,
  skeleton = "lines",
  error,
  errorTitle = "Couldn't load this",
  errorCode,
  onRetry,
  retrying,
  warning,
  empty,
  emptyTitle = "No data for this range",
  emptyDescription,
  children,
}: PanelBodyProps) {
  if (pending) return <PanelSkeleton variant={skeleton} />;
  if (error !== undefined)
    return (
      <ErrorState title={errorTitle} message={error} code={errorCode} onRetry={onRetry} retrying={retrying} />
    );
  if (empty) return <EmptyState title={emptyTitle} description={emptyDescription} />;
  return (
    <div className="flex flex-col gap-3">
      {warning ? <WarningNote>{warning}</WarningNote> : null}
      {children()}
    </div>
  );
}

/** A panel for something that is not built yet: says so, shows nothing invented. */
export function NotAvailableYet({ what, description }: { what: string; description?: ReactNode }) {
  return (
    <EmptyState
      kind="unavailable"
      title={`${what} is not available yet`}
      description={
        description ??
        "This part of Headroom is still being built. Nothing is shown rather than made-up figures."
      }
    />
  );
}
