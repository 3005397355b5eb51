import { formatExact, formatUtcDateTime } from "@/lib/format";
import { readSection } from "@/lib/queries/section";
import type { TriageEntry } from "@/lib/schemas/triage";

/** The entry's most frequent error messages (read for the first entries only). */
export function TopErrors({ errors, max = 3 }: { errors: TriageEntry["errors"]; max?: number }) {
  if (errors === null) return null;
  const view = readSection(errors);
  if (!view.data) {
    const reading = view.error?.code === "timeout";
    return (
      <p className="text-xs text-muted-foreground">
        {reading
          ? "Reading the error messages from the logs…"
          : `Error messages unavailable: ${view.error?.message ?? ""}`}
      </p>
    );
  }
  if (view.data.length === 0)
    return <p className="text-xs text-muted-foreground">No error messages in the logs over the range.</p>;
  return (
    <ul className="flex flex-col gap-1" aria-label="Top error messages">
      {view.data.slice(0, max).map((m) => (
        <li
          key={`${m.errorType ?? ""}|${m.message}`}
          className="flex min-w-0 items-baseline gap-2 text-xs"
          title={`first seen ${formatUtcDateTime(m.firstSeen)}, last seen ${formatUtcDateTime(m.lastSeen)}`}
        >
          <span className="shrink-0 tabular-nums text-muted-foreground">{formatExact(m.count)}×</span>
          <span className="min-w-0 truncate font-mono">
            {m.errorType ? <span className="mr-1.5 font-medium text-critical">{m.errorType}</span> : null}
            {m.message}
          </span>
        </li>
      ))}
      {view.error ? <li className="text-xs text-muted-foreground">{view.error.message}</li> : null}
    </ul>
  );
}
