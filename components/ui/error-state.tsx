import type { ReactNode } from "react";
import type { ErrorCode } from "@/lib/schemas/common";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { CriticalIcon, HourglassIcon, WarningIcon } from "./icons";

interface ErrorStateProps {
  /** What could not be shown, e.g. "Couldn't load the metrics". */
  title: string;
  /** The server's own message, shown as is ("region eu-west-1 did not answer"). */
  message?: string;
  /** The API's error code: a timeout is "still reading", not a failure, and says so. */
  code?: ErrorCode;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}

/** A panel whose data failed: says what and why, offers a retry. The rest of the page carries on. */
export function ErrorState({ title, message, code, onRetry, retrying, className }: ErrorStateProps) {
  const pending = code === "timeout";
  return (
    <div
      className={cn(
        "flex flex-col items-start gap-2 rounded-md border px-3 py-3 text-sm",
        pending ? "border-info/40 bg-info/5" : "border-critical/40 bg-critical/5",
        className,
      )}
    >
      <p className={cn("flex items-center gap-1.5 font-medium", pending ? "text-info" : "text-critical")}>
        {pending ? <HourglassIcon /> : <CriticalIcon />}
        {pending ? "Still reading from AWS" : title}
      </p>
      {message ? <p className="text-foreground">{message}</p> : null}
      {pending ? (
        <p className="text-xs text-muted-foreground">This fills in by itself in a few seconds.</p>
      ) : null}
      {onRetry && !pending ? (
        <Button size="sm" onClick={onRetry} disabled={retrying}>
          {retrying ? "Retrying…" : "Try again"}
        </Button>
      ) : null}
    </div>
  );
}

/** A note above data that is shown despite a problem: older data kept after a failed refresh, a partial read. */
export function WarningNote({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p
      className={cn(
        "flex items-start gap-1.5 rounded-md border border-warning/40 bg-warning/10 px-2.5 py-1.5 text-xs text-foreground",
        className,
      )}
    >
      <WarningIcon className="mt-px size-3.5 text-warning" />
      <span>{children}</span>
    </p>
  );
}
