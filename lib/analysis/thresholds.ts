/**
 * Thresholds of the headroom rules. The percent thresholds apply to every "value vs limit" rule and
 * can be set globally and per function; the rule-specific constants below are defaults of the rules
 * that do not compare against a quota.
 */

export interface PercentThresholds {
  /** A figure at or above this percent of its limit is a warning. */
  warningPercent: number;
  /** A figure at or above this percent of its limit is critical. */
  criticalPercent: number;
}

export const DEFAULT_THRESHOLDS: PercentThresholds = { warningPercent: 80, criticalPercent: 95 };

/** Function key: `${account}/${region}/${name}`, the same id as `functionIdSchema` in lib/schemas. */
export type FunctionKey = string;

export interface ThresholdConfig {
  global?: Partial<PercentThresholds>;
  perFunction?: Record<FunctionKey, Partial<PercentThresholds>>;
}

export function functionKey(fn: { account: string; region: string; name: string }): FunctionKey {
  return `${fn.account}/${fn.region}/${fn.name}`;
}

/** Defaults, overridden by the global config, overridden by the function's own entry. */
export function thresholdsFor(
  config: ThresholdConfig = {},
  fn?: { account: string; region: string; name: string },
): PercentThresholds {
  const own = fn ? config.perFunction?.[functionKey(fn)] : undefined;
  return { ...DEFAULT_THRESHOLDS, ...config.global, ...own };
}

/** Defaults of the rules that have their own scale. */
export const RULE_DEFAULTS = {
  /** Provisioned concurrency whose peak utilization stays under this ratio is paid for but idle. */
  provisionedUnderusedRatio: 0.6,
  /** Max memory used above this share of memory size: close to out of memory. */
  memoryCloseRatio: 0.9,
  /** Max memory used under this share of memory size: over-provisioned. */
  memoryOverProvisionedRatio: 1 / 3,
  /** IteratorAge (stream event source mappings): warning above 10 s, critical above 2 h. */
  iteratorAgeWarningMs: 10_000,
  iteratorAgeCriticalMs: 2 * 60 * 60 * 1000,
  /** Throttles / (invocations + throttles): info above 0, warning at 1 %, critical at 5 %. */
  throttleRateWarning: 0.01,
  throttleRateCritical: 0.05,
  /** Timeouts / invocations at or above this is critical; fewer timeouts are a warning. */
  timeoutRateCritical: 0.01,
  /**
   * Error rate against its baseline (a percentile of earlier periods, so one bad hour does not move
   * it): warning at 2× the baseline and at least 1 point above it; critical at 5× and 5 points.
   * Below `minInvocations` the rate is noise and no finding is made.
   */
  errorRate: {
    minInvocations: 100,
    warningFactor: 2,
    warningMinExcess: 0.01,
    criticalFactor: 5,
    criticalMinExcess: 0.05,
  },
  /** A runtime whose deprecation date is this close is "deprecating soon". */
  runtimeDeprecationNoticeDays: 180,
} as const;
