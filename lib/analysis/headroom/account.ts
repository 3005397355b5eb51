import type { AccountFacts } from "@/lib/analysis/function-facts";
import { DEFAULT_THRESHOLDS, type PercentThresholds } from "@/lib/analysis/thresholds";
import {
  findingId,
  fmt,
  percentOf,
  severityForPercent,
  type HeadroomFinding,
  type HeadroomKind,
} from "./types";

/** Reserved concurrency must leave at least 100 executions unreserved (BC-LAMBDA PutFunctionConcurrency). */
export const UNRESERVED_CONCURRENCY_FLOOR = 100;

const GIB = 1024 ** 3;

function accountFinding(
  account: AccountFacts,
  kind: HeadroomKind,
  rest: Omit<HeadroomFinding, "id" | "kind" | "scope" | "metric"> & {
    metric: Omit<HeadroomFinding["metric"], "window" | "percent">;
  },
): HeadroomFinding {
  const scope = { account: account.account, region: account.region };
  return {
    ...rest,
    id: findingId(kind, scope),
    kind,
    scope,
    metric: {
      ...rest.metric,
      percent: percentOf(rest.metric.value, rest.metric.limit),
      window: account.peakWindow,
    },
  };
}

/** Region-wide peak ConcurrentExecutions against the account's concurrency limit (LQ: 1,000 default). */
export function accountConcurrencyRule(account: AccountFacts, t: PercentThresholds): HeadroomFinding[] {
  if (account.peakConcurrency === undefined) return [];
  const percent = percentOf(account.peakConcurrency, account.concurrencyLimit);
  const severity = severityForPercent(percent, t);
  if (!severity) return [];
  return [
    accountFinding(account, "account-concurrency", {
      severity,
      title: "Peak concurrency near the account limit",
      detail: `Peak ConcurrentExecutions was ${fmt(account.peakConcurrency)} of the Region's limit of ${fmt(account.concurrencyLimit)} (${fmt(percent ?? 0)} %). Beyond it, every function in ${account.region} is throttled.`,
      recommendation:
        "Request a higher concurrent-executions quota in Service Quotas, or cap noisy functions with reserved concurrency.",
      metric: { value: account.peakConcurrency, limit: account.concurrencyLimit, unit: "executions" },
    }),
  ];
}

export interface ConcurrencyLedger {
  limit: number;
  reserved: number;
  /** What AWS leaves for functions without reserved concurrency. */
  unreserved: number;
  /** The most that can be reserved in total: limit − 100. */
  reservable: number;
  /** Still reservable: reservable − reserved. */
  reservableLeft: number;
  provisioned: number;
}

/** The concurrency ledger of an account and Region. */
export function concurrencyLedger(account: AccountFacts): ConcurrencyLedger {
  const reservable = account.concurrencyLimit - UNRESERVED_CONCURRENCY_FLOOR;
  return {
    limit: account.concurrencyLimit,
    reserved: account.reservedTotal,
    unreserved: account.unreservedConcurrencyLimit,
    reservable,
    reservableLeft: reservable - account.reservedTotal,
    provisioned: account.provisionedTotal,
  };
}

/** Reserved concurrency against what can be reserved before the unreserved pool hits its floor of 100. */
export function concurrencyLedgerRule(account: AccountFacts, t: PercentThresholds): HeadroomFinding[] {
  const ledger = concurrencyLedger(account);
  const percent = percentOf(ledger.reserved, ledger.reservable);
  const severity = ledger.reservableLeft <= 0 ? "critical" : severityForPercent(percent, t);
  if (!severity) return [];
  return [
    accountFinding(account, "concurrency-ledger", {
      severity,
      title: "Little concurrency left to reserve",
      detail: `${fmt(ledger.reserved)} of ${fmt(ledger.limit)} executions are reserved; AWS keeps at least ${UNRESERVED_CONCURRENCY_FLOOR} unreserved, so ${fmt(Math.max(0, ledger.reservableLeft))} more can be reserved. The unreserved pool of ${fmt(ledger.unreserved)} is shared by every other function, and provisioned concurrency (${fmt(ledger.provisioned)} in total) on functions without a reservation is drawn from it too.`,
      recommendation:
        "Trim reservations that peak far below their value, or raise the account's concurrency quota before adding reservations.",
      metric: { value: ledger.reserved, limit: ledger.reservable, unit: "executions" },
    }),
  ];
}

/** Lambda-managed code storage (zip + layers) against its limit (LQ: 300 GB now; 75 GB on older accounts). */
export function codeStorageRule(account: AccountFacts, t: PercentThresholds): HeadroomFinding[] {
  const percent = percentOf(account.codeStorageUsedBytes, account.codeStorageLimitBytes);
  const severity = severityForPercent(percent, t);
  if (!severity) return [];
  return [
    accountFinding(account, "code-storage", {
      severity,
      title: "Code storage near its limit",
      detail: `Functions and layers use ${fmt(account.codeStorageUsedBytes / GIB)} GB of ${fmt(account.codeStorageLimitBytes / GIB)} GB of code storage (${fmt(percent ?? 0)} %). Every published version counts.`,
      recommendation:
        "Delete old function and layer versions (keep those behind aliases), or move large packages to container images or self-managed S3 code storage.",
      metric: { value: account.codeStorageUsedBytes, limit: account.codeStorageLimitBytes, unit: "bytes" },
    }),
  ];
}

/** No function-count quota exists (LQ); the count is context for code storage. */
export function functionCountRule(account: AccountFacts): HeadroomFinding[] {
  return [
    accountFinding(account, "function-count", {
      severity: "info",
      title: `${fmt(account.functionCount)} functions`,
      detail: `${account.region} has ${fmt(account.functionCount)} functions. Lambda has no quota on the number of functions; code storage is the limit that binds.`,
      recommendation: "None needed.",
      metric: { value: account.functionCount, limit: null, unit: "functions" },
    }),
  ];
}

export function accountHeadroomFindings(
  account: AccountFacts,
  thresholds: PercentThresholds = DEFAULT_THRESHOLDS,
): HeadroomFinding[] {
  return [
    ...accountConcurrencyRule(account, thresholds),
    ...concurrencyLedgerRule(account, thresholds),
    ...codeStorageRule(account, thresholds),
    ...functionCountRule(account),
  ];
}
