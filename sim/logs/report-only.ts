import type { Expr, Query } from "./insights/ast";

/**
 * Whether a query can only ever match REPORT records: its first command is a filter whose
 * top-level conjunction requires `@type = "REPORT"` (text format) or `type = "platform.report"`
 * (JSON format). Such queries (cold starts, durations, memory) are most of what a console asks,
 * and the sim then generates only report records, a quarter of the events, with their figures at
 * hand and their text written only if the query reads it (LogSource.events with `reportsOnly`).
 */
export function readsOnlyReports(query: Query): boolean {
  const first = query.commands[0];
  return first?.kind === "filter" && requiresReport(first.expr);
}

function requiresReport(e: Expr): boolean {
  if (e.kind === "logic")
    return e.op === "and"
      ? requiresReport(e.left) || requiresReport(e.right)
      : requiresReport(e.left) && requiresReport(e.right);
  if (e.kind !== "compare" || e.op !== "=") return false;
  const [field, value] = e.left.kind === "field" ? [e.left, e.right] : [e.right, e.left];
  if (field.kind !== "field" || value.kind !== "string") return false;
  return (
    (field.name === "@type" && value.value === "REPORT") ||
    (field.name === "type" && value.value === "platform.report")
  );
}
