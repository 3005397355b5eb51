import { WarningNote } from "@/components/ui/error-state";
import { formatUtcTime } from "@/lib/format";
import type { CostsResponse } from "@/lib/schemas/costs";

/**
 * Which regions are missing from the figures or incomplete, with the server's own message, so a
 * region that failed is said out loud and the rest of the report stands.
 */
export function CostScopeStatus({ report }: { report: CostsResponse }) {
  const failed = report.status.filter((s) => s.status === "error");
  const incomplete = report.status.filter((s) => s.status === "ok" && (s.partial || s.issues.length > 0));
  if (failed.length === 0 && incomplete.length === 0 && report.comparisonExcludes.length === 0) return null;
  return (
    <div className="flex flex-col gap-1.5" aria-live="polite">
      {failed.map((s) => (
        <WarningNote key={`${s.account}/${s.region}`}>
          <span className="font-medium">{s.region}</span> is left out of these figures:{" "}
          {s.error?.message ?? "it could not be read"}
          {s.error?.code === "timeout" ? "." : s.asOf ? ` (last read ${formatUtcTime(s.asOf)}).` : "."}
        </WarningNote>
      ))}
      {incomplete.map((s) => (
        <WarningNote key={`${s.account}/${s.region}/partial`}>
          <span className="font-medium">{s.region}</span> is incomplete: {s.priced} of {s.functions} functions
          priced
          {s.issues.length
            ? ` (${s.issues.map((i) => `${i.part}: ${i.error.message}`).join("; ")})`
            : ", still reading from AWS"}
          .
        </WarningNote>
      ))}
      {report.comparisonExcludes.length > 0 ? (
        <p className="text-xs text-muted-foreground">
          Change against the previous period leaves out{" "}
          {report.comparisonExcludes.map((s) => s.region).join(", ")}: one of the two periods could not be
          read in full there.
        </p>
      ) : null}
    </div>
  );
}
