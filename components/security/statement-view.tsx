import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

interface StatementViewProps {
  /** The statement's JSON text, exactly as the spans index it. */
  json: string;
  spans: ReadonlyArray<{ start: number; end: number }>;
  className?: string;
}

/**
 * A policy statement as JSON with its wildcards marked: a `<mark>` (highlighted and underlined, so
 * not by colour alone) around each `*` or `?` the server located in Action, Resource or Principal.
 */
export function StatementView({ json, spans, className }: StatementViewProps) {
  const parts: ReactNode[] = [];
  let at = 0;
  const ordered = [...spans]
    .filter((s) => s.start >= 0 && s.end <= json.length)
    .sort((a, b) => a.start - b.start);
  for (const s of ordered) {
    if (s.start < at) continue;
    parts.push(json.slice(at, s.start));
    parts.push(
      <mark
        key={s.start}
        className="rounded-sm bg-warning/30 px-px font-semibold text-foreground underline decoration-warning decoration-2 underline-offset-2"
        title="Wildcard"
      >
        {json.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  parts.push(json.slice(at));
  return (
    // Focusable, so a keyboard can scroll a long statement (it may overflow its box).
    <pre
      tabIndex={0}
      className={cn(
        "max-h-80 overflow-auto rounded-md border border-border bg-muted/50 p-3 font-mono text-xs leading-5",
        className,
      )}
    >
      <code>{parts}</code>
    </pre>
  );
}
