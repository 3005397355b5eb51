import type { Window } from "@/lib/analysis/function-facts";
import type { PercentThresholds } from "@/lib/analysis/thresholds";
import type { Severity } from "@/lib/analysis/severity";

export type HeadroomKind =
  | "account-concurrency"
  | "concurrency-ledger"
  | "code-storage"
  | "function-count"
  | "reserved-concurrency"
  | "provisioned-underused"
  | "provisioned-near-full"
  | "provisioned-spillover"
  | "duration-near-timeout"
  | "timeouts"
  | "memory-exhausted"
  | "memory-near-limit"
  | "memory-over-provisioned"
  | "code-size-zipped"
  | "code-size-unzipped"
  | "environment-size"
  | "layer-count"
  | "iterator-age"
  | "throttles"
  | "error-rate";

export type ConfigRiskKind =
  | "runtime-deprecation"
  | "default-timeout"
  | "async-without-failure-destination"
  | "secret-environment"
  | "cross-account-layer"
  | "vpc-cold-start"
  | "tracing-off"
  | "log-retention-never-expires"
  | "arm64-candidate";

export type FindingKind = HeadroomKind | ConfigRiskKind;

/** A figure against its limit over a window. */
export interface FindingMetric {
  value: number;
  /** null only where AWS publishes no limit (function count). */
  limit: number | null;
  /** value / limit × 100; null when there is no limit or it is 0. */
  percent: number | null;
  unit: string;
  window: Window;
}

export interface Finding {
  /** Stable across runs: `${kind}:${account}/${region}[/${function}]`. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  detail: string;
  recommendation: string;
  /** Account and Region the finding is about (also set for function findings). */
  scope: { account: string; region: string };
  function?: { account: string; region: string; name: string };
  metric?: FindingMetric;
  /** ISO day or time since when the condition holds, when known (a runtime's deprecation date). */
  since?: string;
}

/** Headroom findings always carry their figure. */
export type HeadroomFinding = Finding & { kind: HeadroomKind; metric: FindingMetric };

export function percentOf(value: number, limit: number | null): number | null {
  return limit === null || limit === 0 ? null : (value / limit) * 100;
}

/** Severity of a percent of a limit, or undefined below the warning threshold. */
export function severityForPercent(
  percent: number | null,
  thresholds: PercentThresholds,
): Severity | undefined {
  if (percent === null) return undefined;
  if (percent >= thresholds.criticalPercent) return "critical";
  if (percent >= thresholds.warningPercent) return "warning";
  return undefined;
}

export function findingId(
  kind: FindingKind,
  scope: { account: string; region: string; name?: string },
): string {
  return `${kind}:${scope.account}/${scope.region}${scope.name === undefined ? "" : `/${scope.name}`}`;
}

/** Formats a number for finding text: 1,234.5 */
export function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits });
}
