import { WarningNote } from "@/components/ui/error-state";
import type { FunctionList } from "@/lib/schemas/functions";

/**
 * What the function list could not read, per region, in the server's words: a failed inventory
 * leaves that region's functions out; failed metrics or cold starts leave their figures blank
 * ("no data", never 0). Partial reads fill in on the next refresh.
 */
export function RegionStatus({ status, region }: { status: FunctionList["status"]; region?: string }) {
  const inScope = (s: { region: string }) => !region || s.region === region;
  const notes: Array<{ key: string; text: string }> = [];
  for (const s of status.inventory.filter(inScope)) {
    if (s.status === "error")
      notes.push({
        key: `inv-${s.account}-${s.region}`,
        text: `${s.region}: ${s.error?.message ?? "could not be read"}. Its functions are missing from the table.`,
      });
  }
  const failedInventory = new Set(
    status.inventory.filter((s) => s.status === "error").map((s) => `${s.account}/${s.region}`),
  );
  for (const [part, what] of [
    [status.metrics, "metrics (invocations, errors, throttles, duration)"],
    [status.coldStarts, "cold starts"],
  ] as const) {
    for (const s of part.filter(inScope)) {
      if (failedInventory.has(`${s.account}/${s.region}`)) continue;
      if (s.status === "error")
        notes.push({
          key: `${what}-${s.account}-${s.region}`,
          text: `${s.region}: ${what} unavailable: ${s.error?.message ?? "could not be read"}. Those columns show no data.`,
        });
    }
  }
  const partial = [...status.inventory, ...status.metrics, ...status.coldStarts]
    .filter(inScope)
    .filter((s) => s.status === "ok" && s.partial)
    .map((s) => s.region);
  if (partial.length)
    notes.push({
      key: "partial",
      text: `Still reading some figures for ${[...new Set(partial)].join(", ")}; they fill in on the next refresh.`,
    });
  if (notes.length === 0) return null;
  return (
    <div className="flex flex-col gap-1.5">
      {notes.map((n) => (
        <WarningNote key={n.key}>{n.text}</WarningNote>
      ))}
    </div>
  );
}
