import type { ConcurrencyLedger } from "@/lib/schemas/accounts";
import type { FindingCounts } from "@/lib/schemas/common";
import type { FunctionRow } from "@/lib/schemas/functions";
import { gaugeLevel, gaugePercent, type GaugeLevel } from "./gauge";

/** Preparers for the overview page: per-region figures drawn from the function list and the ledger. */

export const scopeKey = (s: { account: string; region: string }) => `${s.account}/${s.region}`;

/** Sum of the known values; null when none is known (no data is not zero). */
export function sumKnown(values: ReadonlyArray<number | null | undefined>): number | null {
  let sum: number | null = null;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) sum = (sum ?? 0) + v;
  return sum;
}

/**
 * Cold starts / invocations over several functions: each function's rate weighted by its
 * invocations. Functions whose rate or invocations are unknown are left out; null when nothing
 * ran (or nothing is known).
 */
export function weightedColdStartRate(rows: readonly FunctionRow[]): number | null {
  let cold = 0;
  let total = 0;
  for (const r of rows) {
    if (r.coldStartRate === null || r.invocations === null || r.invocations <= 0) continue;
    cold += r.coldStartRate * r.invocations;
    total += r.invocations;
  }
  return total > 0 ? cold / total : null;
}

export function sumFindings(rows: readonly FunctionRow[]): FindingCounts {
  const out = { critical: 0, warning: 0, info: 0 };
  for (const r of rows) {
    if (!r.findings) continue;
    out.critical += r.findings.critical;
    out.warning += r.findings.warning;
    out.info += r.findings.info;
  }
  return out;
}

export interface RegionFunctionStats {
  functions: number;
  coldStartRate: number | null;
  findings: FindingCounts;
  /** Functions with at least one finding. */
  withFindings: number;
  /** Whether every function's findings have been analysed for the range. */
  analysed: boolean;
}

/** Function-list figures per `account/region`. */
export function statsByScope(rows: readonly FunctionRow[]): Map<string, RegionFunctionStats> {
  const groups = new Map<string, FunctionRow[]>();
  for (const r of rows) {
    const key = scopeKey(r);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out = new Map<string, RegionFunctionStats>();
  for (const [key, list] of groups) {
    out.set(key, {
      functions: list.length,
      coldStartRate: weightedColdStartRate(list),
      findings: sumFindings(list),
      withFindings: list.filter((r) => r.worstSeverity !== "none" && r.worstSeverity !== "unknown").length,
      analysed: list.every((r) => r.findings !== null),
    });
  }
  return out;
}

export interface LedgerView {
  limit: number;
  /** Shares of the limit, in percent, for the stacked bar: reserved + unreserved pool = 100. */
  reservedPct: number;
  unreservedPct: number;
  /** Where the peak falls on the bar, percent of the limit (null: no metrics). */
  peakPct: number | null;
  peakLevel: GaugeLevel;
  /** The 100 AWS keeps unreserved, as a position on the bar from the left (reserved side). */
  minimumPct: number;
  /** How much more could still be reserved before the pool hits the minimum. */
  reservableLeft: number;
  /** Pool at or near its minimum: new reservations will be refused. */
  poolLevel: GaugeLevel;
  /** Peak of unreserved functions against the pool. */
  peakUnreservedPct: number | null;
  peakUnreservedLevel: GaugeLevel;
  provisionedPct: number | null;
}

export function ledgerView(l: ConcurrencyLedger): LedgerView {
  const limit = Math.max(l.limit, 1);
  const pct = (v: number) => Math.max(0, Math.min(100, (v / limit) * 100));
  const reservableLeft = Math.max(0, l.unreservedPool - l.unreservedMinimum);
  // The pool is "used up" by reservations as it approaches the minimum: reserved vs what could be reserved.
  const reservable = Math.max(1, l.limit - l.unreservedMinimum);
  return {
    limit: l.limit,
    reservedPct: pct(l.reserved),
    unreservedPct: 100 - pct(l.reserved),
    peakPct: gaugePercent(l.peak, l.limit),
    peakLevel: gaugeLevel(l.peak, l.limit),
    minimumPct: 100 - pct(l.unreservedMinimum),
    reservableLeft,
    poolLevel: gaugeLevel(l.reserved, reservable),
    peakUnreservedPct: gaugePercent(l.peakUnreserved, l.unreservedPool),
    peakUnreservedLevel: gaugeLevel(l.peakUnreserved, l.unreservedPool),
    provisionedPct: l.provisioned === null ? null : pct(l.provisioned),
  };
}
