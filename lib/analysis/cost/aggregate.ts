import type { FunctionFacts } from "@/lib/analysis/function-facts";
import type { CostItem } from "./tiers";

export const UNTAGGED = "untagged";

export interface CostGroup {
  key: string;
  /** Sum of the functions' monthly projections, USD. */
  monthly: number;
  functions: number;
}

export interface CostSummary {
  /** Monthly projection of all items, USD. */
  total: number;
  byTeam: CostGroup[];
  byRuntime: CostGroup[];
  byArchitecture: CostGroup[];
}

/** The team a function belongs to: the value of the configured tag, or "untagged". */
export function teamOf(facts: FunctionFacts, teamTagKey: string): string {
  const value = facts.tags[teamTagKey]?.trim();
  return value ? value : UNTAGGED;
}

function runtimeKey(facts: FunctionFacts): string {
  return facts.runtime ?? (facts.packageType === "Image" ? "container image" : "unknown");
}

function groupBy(items: readonly CostItem[], key: (f: FunctionFacts) => string): CostGroup[] {
  const groups = new Map<string, CostGroup>();
  for (const { facts, cost } of items) {
    const k = key(facts);
    const group = groups.get(k) ?? { key: k, monthly: 0, functions: 0 };
    group.monthly += cost.monthlyProjection;
    group.functions += 1;
    groups.set(k, group);
  }
  return [...groups.values()].sort((a, b) => b.monthly - a.monthly || a.key.localeCompare(b.key));
}

/** Monthly projections summed per team (tag key configurable), runtime and architecture. */
export function summarizeCosts(
  items: readonly CostItem[],
  options: { teamTagKey?: string } = {},
): CostSummary {
  const teamTagKey = options.teamTagKey ?? "team";
  return {
    total: items.reduce((sum, { cost }) => sum + cost.monthlyProjection, 0),
    byTeam: groupBy(items, (f) => teamOf(f, teamTagKey)),
    byRuntime: groupBy(items, runtimeKey),
    byArchitecture: groupBy(items, (f) => f.architecture),
  };
}

export interface CostChange {
  key: string;
  current: number;
  previous: number;
  delta: number;
  /** Relative change; null when the previous figure was 0. */
  percent: number | null;
}

export function costChange(key: string, current: number, previous: number): CostChange {
  const delta = current - previous;
  return { key, current, previous, delta, percent: previous === 0 ? null : (delta / previous) * 100 };
}

function compareGroups(current: CostGroup[], previous: CostGroup[]): CostChange[] {
  const before = new Map(previous.map((g) => [g.key, g.monthly]));
  const now = new Map(current.map((g) => [g.key, g.monthly]));
  const keys = [...new Set([...now.keys(), ...before.keys()])];
  return keys
    .map((k) => costChange(k, now.get(k) ?? 0, before.get(k) ?? 0))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.key.localeCompare(b.key));
}

/**
 * Change against the previous period, per group. A group present in only one period counts as $0
 * in the other (its functions did not exist or cost nothing), so compare summaries built from
 * periods that were both collected in full.
 */
export function compareCostSummaries(
  current: CostSummary,
  previous: CostSummary,
): { total: CostChange; byTeam: CostChange[]; byRuntime: CostChange[]; byArchitecture: CostChange[] } {
  return {
    total: costChange("total", current.total, previous.total),
    byTeam: compareGroups(current.byTeam, previous.byTeam),
    byRuntime: compareGroups(current.byRuntime, previous.byRuntime),
    byArchitecture: compareGroups(current.byArchitecture, previous.byArchitecture),
  };
}
