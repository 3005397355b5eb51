/** How urgent a finding is. The same three levels as `severitySchema` in lib/schemas/common.ts. */
export type Severity = "critical" | "warning" | "info";

const RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** Higher is more urgent: critical 3, warning 2, info 1. Sort descending with it. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}
