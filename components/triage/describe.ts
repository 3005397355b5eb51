import { formatMB, formatMs, formatPercent } from "@/lib/format";
import type { ReasonKindName, TriageReason } from "@/lib/schemas/triage";

/** Words for the triage reasons: a chip label and a sentence with the figures. */

export const REASON_LABELS: Readonly<Record<ReasonKindName, string>> = {
  errors: "Error rate",
  throttles: "Throttles",
  timeouts: "Timeouts",
  duration: "Slower",
  out_of_memory: "Out of memory",
  iterator_age: "Iterator age",
};

function figure(unit: TriageReason["unit"], v: number): string {
  if (unit === "ratio") return formatPercent(v);
  if (unit === "mb") return formatMB(v);
  return formatMs(v);
}

/** "18.0% of invocations, was 0.09%"; "p99 737 ms, was 457 ms (1.6×)"; … */
export function describeReason(r: TriageReason): string {
  const now = figure(r.unit, r.current);
  const was = r.baseline === null ? null : figure(r.unit, r.baseline);
  switch (r.kind) {
    case "errors":
      return was === null
        ? `${now} of invocations failed (no earlier level to compare with)`
        : `${now} of invocations failed, was ${was}`;
    case "throttles":
      return was === null ? `${now} of requests throttled` : `${now} of requests throttled, was ${was}`;
    case "timeouts": {
      const share = r.intervals ? `${r.intervals.bad} of ${r.intervals.of} intervals` : now;
      return was === null
        ? `Invocations hit the timeout in ${share}`
        : `Invocations hit the timeout in ${share}, was ${was} of intervals`;
    }
    case "duration": {
      const ratio = r.baseline ? ` (${(r.current / r.baseline).toFixed(1)}×)` : "";
      return `Duration p99 ${now}${was === null ? "" : `, was ${was}${ratio}`}`;
    }
    case "out_of_memory":
      return `Max memory used ${now} of ${was ?? "its"} memory size, with failed invocations`;
    case "iterator_age":
      return was === null ? `Iterator age ${now}` : `Iterator age ${now}, was ${was}`;
  }
}

/** Short figure for a chip: "18%", "1.6×", "3 h". */
export function chipFigure(r: TriageReason): string {
  if (r.kind === "duration" && r.baseline) return `${(r.current / r.baseline).toFixed(1)}×`;
  if (r.kind === "out_of_memory") return formatMB(r.current);
  if (r.kind === "timeouts" && r.intervals) return `${r.intervals.bad}/${r.intervals.of}`;
  return figure(r.unit, r.current);
}
