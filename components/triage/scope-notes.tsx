import { WarningNote } from "@/components/ui/error-state";
import type { TriageResponse } from "@/lib/schemas/triage";

/**
 * Regions whose part failed or is still loading: the list is without them (inventory, metrics)
 * or without out-of-memory checks (logs). Each note carries the server's message.
 */
export function ScopeNotes({
  status,
  showAccount,
}: {
  status: TriageResponse["status"];
  showAccount: boolean;
}) {
  const where = (s: { account: string; region: string }) =>
    showAccount ? `${s.account} ${s.region}` : s.region;
  const notes: string[] = [];
  const listed = new Set<string>();
  for (const s of [...status.inventory, ...status.metrics]) {
    const key = `${s.account}/${s.region}`;
    if (s.status === "error" && !listed.has(key)) {
      listed.add(key);
      notes.push(`${where(s)} is not in this list: ${s.error?.message ?? "it could not be read"}`);
    }
  }
  for (const s of status.logs)
    if (s.status === "error" && !listed.has(`${s.account}/${s.region}`))
      notes.push(
        `${where(s)}: out-of-memory checks unavailable: ${s.error?.message ?? "the logs could not be read"}`,
      );
  const partial = [...status.metrics, ...status.logs].filter((s) => s.status === "ok" && s.partial);
  if (partial.length)
    notes.push(
      `Still reading ${[...new Set(partial.map(where))].join(", ")}; the list will complete in a few seconds.`,
    );
  if (!notes.length) return null;
  return (
    <div className="flex flex-col gap-1.5 pb-3">
      {notes.map((n) => (
        <WarningNote key={n}>{n}</WarningNote>
      ))}
    </div>
  );
}
