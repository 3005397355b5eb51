import { Badge } from "@/components/ui/badge";
import { formatUtcDateTime, formatUtcTime } from "@/lib/format";
import type { TriageEntry } from "@/lib/schemas/triage";

const what = (kind: "modified" | "version", version?: string) =>
  kind === "version" ? `version ${version ?? ""} published`.replace("  ", " ") : "deployed";

/** "Started after deploy 12:39 UTC", or "Changed 12:39 UTC" when the change came later; nothing without a change in the range. */
export function ChangeMarker({ change }: { change: TriageEntry["change"] }) {
  const before = change.before;
  if (change.startedAfterChange && before)
    return (
      <Badge variant="info" title={`${what(before.kind, before.version)} at ${formatUtcDateTime(before.at)}`}>
        Started after {before.kind === "version" ? `version ${before.version ?? ""}` : "deploy"} at{" "}
        {formatUtcTime(before.at)}
      </Badge>
    );
  const last = change.inRange[change.inRange.length - 1];
  if (!last) return null;
  return (
    <Badge variant="outline" title={`${what(last.kind, last.version)} at ${formatUtcDateTime(last.at)}`}>
      Changed at {formatUtcTime(last.at)}
    </Badge>
  );
}
