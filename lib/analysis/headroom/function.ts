import { functionRef, windowOf, type FunctionFacts, type FunctionUsage } from "@/lib/analysis/function-facts";
import type { Severity } from "@/lib/analysis/severity";
import {
  RULE_DEFAULTS,
  thresholdsFor,
  type PercentThresholds,
  type ThresholdConfig,
} from "@/lib/analysis/thresholds";
import {
  findingId,
  fmt,
  percentOf,
  severityForPercent,
  type HeadroomFinding,
  type HeadroomKind,
} from "./types";

/** Quotas from "Lambda quotas" (LQ), https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const FUNCTION_LIMITS = {
  /** 50 MB zipped, for direct upload (larger zips go through S3). */
  zippedBytes: 50 * 1024 * 1024,
  /** 250 MB unzipped, function and layers together (AWS's error quotes 262144000 bytes). */
  unzippedBytes: 250 * 1024 * 1024,
  /** 4 KB for all environment variables of a function. */
  environmentBytes: 4 * 1024,
  layers: 5,
} as const;

/**
 * Records on Kinesis Data Streams (default retention) and DynamoDB Streams expire after 24 h, so an
 * iterator age that reaches it loses data. Sources: Kinesis Data Streams and DynamoDB Streams
 * developer guides ("24 hours").
 */
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

const MB = 1024 * 1024;

type Rule = (facts: FunctionFacts, usage: FunctionUsage, t: PercentThresholds) => HeadroomFinding[];

function finding(
  facts: FunctionFacts,
  usage: FunctionUsage,
  kind: HeadroomKind,
  rest: Omit<HeadroomFinding, "id" | "kind" | "scope" | "function" | "metric"> & {
    metric: { value: number; limit: number; unit: string };
  },
): HeadroomFinding {
  return {
    ...rest,
    id: findingId(kind, facts),
    kind,
    scope: { account: facts.account, region: facts.region },
    function: functionRef(facts),
    metric: {
      ...rest.metric,
      percent: percentOf(rest.metric.value, rest.metric.limit),
      window: windowOf(usage),
    },
  };
}

const pct = (value: number, limit: number) => fmt(percentOf(value, limit) ?? 0);

export const reservedConcurrencyRule: Rule = (facts, usage, t) => {
  const reserved = facts.reservedConcurrency;
  // Reserved 0 is a deliberate off switch; the throttle rule reports its effect.
  if (reserved === undefined || reserved <= 0 || usage.concurrencyMax === undefined) return [];
  const severity = severityForPercent(percentOf(usage.concurrencyMax, reserved), t);
  if (!severity) return [];
  return [
    finding(facts, usage, "reserved-concurrency", {
      severity,
      title: "Concurrency near its reservation",
      detail: `Peak concurrency was ${fmt(usage.concurrencyMax)} of ${fmt(reserved)} reserved (${pct(usage.concurrencyMax, reserved)} %). Reserved concurrency is also a cap: above it the function is throttled.`,
      recommendation: "Raise the reservation if the peak is expected, or find what drives the peak.",
      metric: { value: usage.concurrencyMax, limit: reserved, unit: "executions" },
    }),
  ];
};

export const provisionedConcurrencyRule: Rule = (facts, usage, t) => {
  const allocated = facts.provisionedConcurrency?.allocated ?? 0;
  if (allocated <= 0) return [];
  const out: HeadroomFinding[] = [];
  const utilization = usage.provisionedUtilizationMax;
  if (utilization !== undefined) {
    const used = allocated * utilization;
    const metric = { value: used, limit: allocated, unit: "environments" };
    if (utilization < RULE_DEFAULTS.provisionedUnderusedRatio) {
      out.push(
        finding(facts, usage, "provisioned-underused", {
          severity: "warning",
          title: "Provisioned concurrency mostly idle",
          detail: `At its peak the function used ${fmt(utilization * 100)} % of ${fmt(allocated)} provisioned environments. Provisioned concurrency is billed whether used or not.`,
          recommendation:
            "Lower the allocation, or schedule it with Application Auto Scaling for the busy hours.",
          metric,
        }),
      );
    } else {
      const severity = severityForPercent(utilization * 100, t);
      if (severity) {
        out.push(
          finding(facts, usage, "provisioned-near-full", {
            severity,
            title: "Provisioned concurrency nearly full",
            detail: `Peak utilization was ${fmt(utilization * 100)} % of ${fmt(allocated)} environments; above 100 % invocations spill over to on-demand environments with cold starts.`,
            recommendation: "Raise the allocation or let Application Auto Scaling track utilization.",
            metric,
          }),
        );
      }
    }
  }
  const spillover = usage.spilloverInvocations;
  if (spillover !== undefined && spillover > 0) {
    out.push(
      finding(facts, usage, "provisioned-spillover", {
        severity: "warning",
        title: "Invocations spilled over provisioned concurrency",
        detail: `${fmt(spillover, 0)} of ${fmt(usage.invocations, 0)} invocations (${pct(spillover, usage.invocations)} %) ran on on-demand environments because all ${fmt(allocated)} provisioned environments were busy.`,
        recommendation: "Raise the allocation for the peak, or accept cold starts for the spillover.",
        metric: { value: spillover, limit: usage.invocations, unit: "invocations" },
      }),
    );
  }
  return out;
};

/** p99 duration against the timeout; the max alone (one outlier) is at most a warning. */
export const durationRule: Rule = (facts, usage, t) => {
  const timeoutMs = facts.timeoutS * 1000;
  const { durationP99Ms: p99, durationMaxMs: max } = usage;
  let severity: Severity | undefined;
  let value: number;
  let statistic: string;
  if (p99 !== undefined) {
    value = p99;
    statistic = "p99";
    severity = severityForPercent(percentOf(p99, timeoutMs), t);
    if (!severity && max !== undefined && (percentOf(max, timeoutMs) ?? 0) >= t.criticalPercent)
      severity = "warning";
  } else if (max !== undefined) {
    value = max;
    statistic = "maximum";
    severity = severityForPercent(percentOf(max, timeoutMs), t) && "warning";
  } else {
    return [];
  }
  if (!severity) return [];
  const maxText = max !== undefined && statistic === "p99" ? `; the slowest took ${fmt(max, 0)} ms` : "";
  return [
    finding(facts, usage, "duration-near-timeout", {
      severity,
      title: "Duration close to the timeout",
      detail: `${statistic} duration was ${fmt(value, 0)} ms of a ${fmt(facts.timeoutS)} s timeout (${pct(value, timeoutMs)} %)${maxText}.`,
      recommendation:
        "Find what is slow (downstream calls, cold starts, too little memory and CPU) or raise the timeout if the work is legitimately long.",
      metric: { value, limit: timeoutMs, unit: "ms" },
    }),
  ];
};

export const timeoutsRule: Rule = (facts, usage) => {
  const timeouts = usage.timeouts;
  if (timeouts === undefined || timeouts <= 0) return [];
  const share = usage.invocations > 0 ? timeouts / usage.invocations : 1;
  return [
    finding(facts, usage, "timeouts", {
      severity: share >= RULE_DEFAULTS.timeoutRateCritical ? "critical" : "warning",
      title: "Invocations timed out",
      detail: `${fmt(timeouts, 0)} of ${fmt(usage.invocations, 0)} invocations (${pct(timeouts, usage.invocations)} %) hit the ${fmt(facts.timeoutS)} s timeout.`,
      recommendation: "Look at the timed-out requests' logs: a slow dependency usually shows first here.",
      metric: { value: timeouts, limit: usage.invocations, unit: "invocations" },
    }),
  ];
};

/** Max memory used (REPORT lines) against memory size. */
export const memoryRule: Rule = (facts, usage) => {
  const used = usage.maxMemoryUsedMB;
  if (used === undefined) return [];
  const metric = { value: used, limit: facts.memoryMB, unit: "MB" };
  const usedText = `Highest memory used was ${fmt(used, 0)} MB of ${fmt(facts.memoryMB, 0)} MB (${pct(used, facts.memoryMB)} %)`;
  if (used >= facts.memoryMB) {
    return [
      finding(facts, usage, "memory-exhausted", {
        severity: "critical",
        title: "Out of memory",
        detail: `${usedText}: invocations ran out of memory and were killed.`,
        recommendation: "Raise memory size, or find the leak or the oversized payload.",
        metric,
      }),
    ];
  }
  if (used > facts.memoryMB * RULE_DEFAULTS.memoryCloseRatio) {
    return [
      finding(facts, usage, "memory-near-limit", {
        severity: "warning",
        title: "Memory close to the limit",
        detail: `${usedText}; a larger payload may run out of memory.`,
        recommendation: "Raise memory size; more memory also brings more CPU.",
        metric,
      }),
    ];
  }
  if (used < facts.memoryMB * RULE_DEFAULTS.memoryOverProvisionedRatio && facts.memoryMB > 128) {
    return [
      finding(facts, usage, "memory-over-provisioned", {
        severity: "info",
        title: "Memory over-provisioned",
        detail: `${usedText}. Memory is billed as configured, not as used.`,
        recommendation:
          "Try a smaller size with AWS Lambda Power Tuning: CPU scales with memory, so check duration does not rise.",
        metric,
      }),
    ];
  }
  return [];
};

export const codeSizeRule: Rule = (facts, usage, t) => {
  if (facts.packageType !== "Zip") return []; // images: 10 GB, checked at push
  const out: HeadroomFinding[] = [];
  const zipped = severityForPercent(percentOf(facts.codeSizeBytes, FUNCTION_LIMITS.zippedBytes), t);
  if (zipped) {
    out.push(
      finding(facts, usage, "code-size-zipped", {
        // Only direct uploads are capped at 50 MB; through S3 the unzipped limit is what binds.
        severity: "warning",
        title: "Deployment package near 50 MB",
        detail: `The .zip is ${fmt(facts.codeSizeBytes / MB)} MB of the 50 MB direct-upload limit (${pct(facts.codeSizeBytes, FUNCTION_LIMITS.zippedBytes)} %).`,
        recommendation: "Deploy through S3, trim dependencies, or move to a container image.",
        metric: { value: facts.codeSizeBytes, limit: FUNCTION_LIMITS.zippedBytes, unit: "bytes" },
      }),
    );
  }
  const unzipped = facts.codeSizeUnzippedBytes;
  if (unzipped !== undefined) {
    const severity = severityForPercent(percentOf(unzipped, FUNCTION_LIMITS.unzippedBytes), t);
    if (severity) {
      out.push(
        finding(facts, usage, "code-size-unzipped", {
          severity,
          title: "Unzipped code near 250 MB",
          detail: `Function and layers unzip to ${fmt(unzipped / MB)} MB of 250 MB (${pct(unzipped, FUNCTION_LIMITS.unzippedBytes)} %); past it, deployments fail.`,
          recommendation: "Trim dependencies and layers, or move to a container image (10 GB).",
          metric: { value: unzipped, limit: FUNCTION_LIMITS.unzippedBytes, unit: "bytes" },
        }),
      );
    }
  }
  return out;
};

export const environmentSizeRule: Rule = (facts, usage, t) => {
  const bytes = facts.environment.totalBytes;
  const severity = severityForPercent(percentOf(bytes, FUNCTION_LIMITS.environmentBytes), t);
  if (!severity) return [];
  return [
    finding(facts, usage, "environment-size", {
      severity,
      title: "Environment variables near 4 KB",
      detail: `Environment variables take ${fmt(bytes, 0)} of 4,096 bytes (${pct(bytes, FUNCTION_LIMITS.environmentBytes)} %).`,
      recommendation: "Move configuration to Parameter Store or AppConfig and keep only references here.",
      metric: { value: bytes, limit: FUNCTION_LIMITS.environmentBytes, unit: "bytes" },
    }),
  ];
};

export const layerCountRule: Rule = (facts, usage, t) => {
  const count = facts.layers.length;
  const severity = severityForPercent(percentOf(count, FUNCTION_LIMITS.layers), t);
  if (!severity) return [];
  return [
    finding(facts, usage, "layer-count", {
      severity,
      title: "Layers near the limit of 5",
      detail: `The function uses ${count} of 5 layers.`,
      recommendation: "Merge layers, or bundle dependencies into the package.",
      metric: { value: count, limit: FUNCTION_LIMITS.layers, unit: "layers" },
    }),
  ];
};

export const iteratorAgeRule: Rule = (facts, usage) => {
  const age = usage.iteratorAgeMaxMs;
  if (age === undefined || age <= RULE_DEFAULTS.iteratorAgeWarningMs) return [];
  const severity = age > RULE_DEFAULTS.iteratorAgeCriticalMs ? "critical" : "warning";
  return [
    finding(facts, usage, "iterator-age", {
      severity,
      title: "Stream processing falling behind",
      detail: `IteratorAge reached ${fmt(age / 1000, 0)} s: the newest records waited that long. Records older than 24 h expire from the stream unprocessed.`,
      recommendation:
        "Raise batch size or parallelization factor, add shards, or fix the errors that make batches retry.",
      metric: { value: age, limit: STREAM_RETENTION_MS, unit: "ms" },
    }),
  ];
};

/** Throttles against attempts (Invocations does not count throttled requests, LM-TYPES). */
export const throttleRule: Rule = (facts, usage) => {
  if (usage.throttles <= 0) return [];
  const attempts = usage.invocations + usage.throttles;
  const rate = usage.throttles / attempts;
  const severity: Severity =
    rate >= RULE_DEFAULTS.throttleRateCritical
      ? "critical"
      : rate >= RULE_DEFAULTS.throttleRateWarning
        ? "warning"
        : "info";
  return [
    finding(facts, usage, "throttles", {
      severity,
      title: "Invocations throttled",
      detail: `${fmt(usage.throttles, 0)} of ${fmt(attempts, 0)} requests (${fmt(rate * 100, 2)} %) were throttled.`,
      recommendation:
        facts.reservedConcurrency !== undefined
          ? `Reserved concurrency (${facts.reservedConcurrency}) caps this function: raise it if the load is expected.`
          : "Check the account's concurrency headroom; reserve concurrency for this function if others crowd it out.",
      metric: { value: usage.throttles, limit: attempts, unit: "requests" },
    }),
  ];
};

/**
 * Percentile (nearest rank) of earlier periods' error rates: the baseline the error-rate rule
 * compares against, so a single bad period does not set the norm.
 */
export function errorRateBaseline(rates: readonly number[], percentile = 90): number | undefined {
  if (rates.length === 0) return undefined;
  const sorted = [...rates].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1];
}

export const errorRateRule: Rule = (facts, usage) => {
  const baseline = usage.errorRateBaseline;
  const r = RULE_DEFAULTS.errorRate;
  if (baseline === undefined || usage.invocations < r.minInvocations) return [];
  const rate = usage.errors / usage.invocations;
  const excess = rate - baseline;
  const severity: Severity | undefined =
    rate >= baseline * r.criticalFactor && excess >= r.criticalMinExcess
      ? "critical"
      : rate >= baseline * r.warningFactor && excess >= r.warningMinExcess
        ? "warning"
        : undefined;
  if (!severity) return [];
  return [
    finding(facts, usage, "error-rate", {
      severity,
      title: "Error rate above its baseline",
      detail: `${fmt(rate * 100, 2)} % of invocations failed (${fmt(usage.errors, 0)} of ${fmt(usage.invocations, 0)}), against a usual ${fmt(baseline * 100, 2)} %.`,
      recommendation: "Group the errors by message in the function's errors view; check recent deployments.",
      metric: { value: rate * 100, limit: baseline * 100, unit: "%" },
    }),
  ];
};

export const FUNCTION_HEADROOM_RULES: readonly Rule[] = [
  reservedConcurrencyRule,
  provisionedConcurrencyRule,
  durationRule,
  timeoutsRule,
  memoryRule,
  codeSizeRule,
  environmentSizeRule,
  layerCountRule,
  iteratorAgeRule,
  throttleRule,
  errorRateRule,
];

/** Every headroom rule for one function, with its thresholds (global and per-function config). */
export function functionHeadroomFindings(
  facts: FunctionFacts,
  usage: FunctionUsage,
  config?: ThresholdConfig,
): HeadroomFinding[] {
  const thresholds = thresholdsFor(config, facts);
  return FUNCTION_HEADROOM_RULES.flatMap((rule) => rule(facts, usage, thresholds));
}
