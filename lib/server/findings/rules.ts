import "server-only";
import type { AccountFacts, FunctionFacts, FunctionUsage } from "@/lib/analysis/function-facts";
import {
  accountConcurrencyRule,
  codeStorageRule,
  concurrencyLedgerRule,
  functionCountRule,
} from "@/lib/analysis/headroom/account";
import {
  codeSizeRule,
  durationRule,
  environmentSizeRule,
  errorRateRule,
  iteratorAgeRule,
  layerCountRule,
  memoryRule,
  provisionedConcurrencyRule,
  reservedConcurrencyRule,
  throttleRule,
  timeoutsRule,
} from "@/lib/analysis/headroom/function";
import type { Finding as AnalysisFinding } from "@/lib/analysis/headroom/types";
import { configRiskFindings } from "@/lib/analysis/config-risks/rules";
import { DEFAULT_THRESHOLDS, type PercentThresholds } from "@/lib/analysis/thresholds";
import { getConfig } from "@/lib/config";
import type { FunctionConfig } from "@/lib/schemas/functions";

/**
 * Runs the pure headroom and configuration-risk rules of lib/analysis for one function or one
 * region, with the thresholds of the configuration (lib/config `thresholds`): each family of
 * "value against its limit" rules gets its own warning and critical percentages; rules without a
 * configured threshold keep the analysis defaults (80 % / 95 %).
 */

export interface RuleThresholds {
  concurrency: PercentThresholds;
  timeout: PercentThresholds;
  codeStorage: PercentThresholds;
  environment: PercentThresholds;
  other: PercentThresholds;
}

export function ruleThresholds(): RuleThresholds {
  const t = getConfig().thresholds;
  const pct = (warn: number, critical: number): PercentThresholds => ({
    warningPercent: warn * 100,
    criticalPercent: critical * 100,
  });
  return {
    concurrency: pct(t.concurrencyWarnRatio, t.concurrencyCriticalRatio),
    timeout: pct(t.timeoutWarnRatio, t.timeoutCriticalRatio),
    codeStorage: pct(t.codeStorageWarnRatio, t.codeStorageCriticalRatio),
    environment: {
      warningPercent: t.environmentSizeWarnRatio * 100,
      criticalPercent: Math.max(t.environmentSizeWarnRatio * 100, DEFAULT_THRESHOLDS.criticalPercent),
    },
    other: DEFAULT_THRESHOLDS,
  };
}

/** Usage that carries only the window: for the rules that read configuration alone (sizes, layers). */
function windowOnly(range: { start: string; end: string }): FunctionUsage {
  return {
    windowStart: range.start,
    windowEnd: range.end,
    invocations: 0,
    errors: 0,
    throttles: 0,
    durationAvgMs: 0,
  };
}

/**
 * Headroom rules for one function. Without usage (metrics unknown) only the rules that need no
 * metric run (code size, environment size, layers), so nothing is judged from a missing figure.
 */
export function functionHeadroom(
  facts: FunctionFacts,
  usage: FunctionUsage | undefined,
  window: { start: string; end: string },
  t: RuleThresholds,
): AnalysisFinding[] {
  const u = usage ?? windowOnly(window);
  const stat = [
    ...codeSizeRule(facts, u, t.other),
    ...environmentSizeRule(facts, u, t.environment),
    ...layerCountRule(facts, u, t.other),
  ];
  if (!usage) return stat;
  return [
    ...reservedConcurrencyRule(facts, usage, t.concurrency),
    ...provisionedConcurrencyRule(facts, usage, t.concurrency),
    ...durationRule(facts, usage, t.timeout),
    ...timeoutsRule(facts, usage, t.other),
    ...memoryRule(facts, usage, t.other),
    ...stat,
    ...iteratorAgeRule(facts, usage, t.other),
    ...throttleRule(facts, usage, t.other),
    ...errorRateRule(facts, usage, t.other),
  ];
}

export function accountHeadroom(account: AccountFacts, t: RuleThresholds): AnalysisFinding[] {
  return [
    ...accountConcurrencyRule(account, t.concurrency),
    ...concurrencyLedgerRule(account, t.concurrency),
    ...codeStorageRule(account, t.codeStorage),
    ...functionCountRule(account),
  ];
}

/**
 * Configuration risks for one function. A rule whose input could not be read is left out rather
 * than judged from an empty field: log retention when the log group was not read (or does not
 * exist yet: no stored bytes), the async rule when the async config was not read.
 */
export function functionConfigRisks(
  facts: FunctionFacts,
  config: FunctionConfig,
  today: Date,
): AnalysisFinding[] {
  const unavailable = new Set((config.unavailable ?? []).map((u) => u.part));
  // FunctionFacts.account is the configured account's id; layers name the 12-digit AWS account,
  // which the function's own ARN carries.
  const own = awsAccountOf(config.arn);
  return configRiskFindings(facts, { today, ...(own ? { trustedLayerAccounts: [own] } : {}) }).filter((f) => {
    if (f.kind === "log-retention-never-expires")
      return !unavailable.has("logGroup") && config.logGroup.storedBytes !== null;
    if (f.kind === "async-without-failure-destination") return !unavailable.has("asyncConfig");
    return true;
  });
}

/** The 12-digit account of an ARN (arn:aws:lambda:us-east-1:123456789012:function:x). */
export function awsAccountOf(arn: string): string | undefined {
  const a = arn.split(":")[4];
  return a && /^\d{12}$/.test(a) ? a : undefined;
}
