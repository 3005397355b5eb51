import { functionRef, type FunctionFacts } from "@/lib/analysis/function-facts";
import { findingId, fmt, type ConfigRiskKind, type Finding } from "@/lib/analysis/headroom/types";
import { runtimeInfo } from "@/lib/analysis/runtimes/table";
import { runtimeStatus } from "@/lib/analysis/runtimes/status";

export interface ConfigRiskOptions {
  today: Date;
  /** Accounts whose layers are trusted (your own shared-layer account, AWS publishers you use). */
  trustedLayerAccounts?: readonly string[];
}

type Rule = (facts: FunctionFacts, options: ConfigRiskOptions) => Finding[];

/** CreateFunction's default Timeout (BC-LAMBDA). */
export const DEFAULT_TIMEOUT_S = 3;

function risk(
  facts: FunctionFacts,
  kind: ConfigRiskKind,
  rest: Omit<Finding, "id" | "kind" | "scope" | "function">,
): Finding {
  return {
    ...rest,
    id: findingId(kind, facts),
    kind,
    scope: { account: facts.account, region: facts.region },
    function: functionRef(facts),
  };
}

/** Deprecated or soon-deprecated runtime: warning ahead of the date, critical once it has passed. */
export const runtimeRule: Rule = (facts, { today }) => {
  const status = runtimeStatus(facts.runtime, today);
  const { deprecation, blockCreate, blockUpdate } = status.dates;
  const upcoming = [
    blockCreate && `new functions blocked from ${blockCreate}`,
    blockUpdate && `updates blocked from ${blockUpdate}`,
  ]
    .filter(Boolean)
    .join(", ");
  const after = upcoming ? ` (${upcoming})` : "";
  const family = runtimeInfo(facts.runtime)?.family;
  const recommendation = `Upgrade to a supported ${family ? `${family} ` : ""}runtime and redeploy.`;
  switch (status.state) {
    case "deprecating-soon":
      return [
        risk(facts, "runtime-deprecation", {
          severity: "warning",
          title: `${facts.runtime} is deprecated on ${deprecation}`,
          detail: `AWS stops patching ${facts.runtime} in ${status.daysToDeprecation} days, on ${deprecation}${after}.`,
          recommendation,
        }),
      ];
    case "deprecated":
    case "blocked-create":
    case "blocked-update": {
      const blocked =
        status.state === "blocked-update"
          ? ` Since ${blockUpdate} the function's code and configuration can no longer be updated.`
          : status.state === "blocked-create"
            ? ` Since ${blockCreate} no new function can use it.`
            : "";
      return [
        risk(facts, "runtime-deprecation", {
          severity: "critical",
          title: `${facts.runtime} is deprecated`,
          detail: `AWS stopped patching ${facts.runtime} on ${deprecation}${status.state === "deprecated" ? after : ""}.${blocked}`,
          recommendation,
          ...(deprecation ? { since: deprecation } : {}),
        }),
      ];
    }
    default:
      return [];
  }
};

export const defaultTimeoutRule: Rule = (facts) =>
  facts.timeoutS === DEFAULT_TIMEOUT_S
    ? [
        risk(facts, "default-timeout", {
          severity: "info",
          title: "Timeout left at the 3 s default",
          detail: "The timeout is Lambda's default of 3 seconds, which usually means nobody chose it.",
          recommendation:
            "Set a timeout from the function's p99 duration and its callers' own timeouts (an API Gateway integration waits at most 29 s by default).",
        }),
      ]
    : [];

export const asyncFailureDestinationRule: Rule = (facts) =>
  facts.invokedAsync && !facts.deadLetterTarget && !facts.asyncDestinations.onFailure
    ? [
        risk(facts, "async-without-failure-destination", {
          severity: "warning",
          title: "Failed async events are dropped",
          detail:
            "The function is invoked asynchronously but has neither a dead-letter queue nor an on-failure destination: after the retries, failed events are lost.",
          recommendation: "Add an on-failure destination (SQS, SNS, EventBridge, S3 or another function).",
        }),
      ]
    : [];

/** Names only: values never reach lib/analysis (see secret-env.ts). */
export const secretEnvironmentRule: Rule = (facts) => {
  const names = facts.environment.secretLooking;
  if (names.length === 0) return [];
  return [
    risk(facts, "secret-environment", {
      severity: "warning",
      title: `${names.length} environment ${names.length === 1 ? "variable looks" : "variables look"} like secrets`,
      detail: `${names.join(", ")}: anyone allowed lambda:GetFunctionConfiguration can read these values in plain text.`,
      recommendation:
        "Keep secrets in Secrets Manager or Parameter Store (SecureString) and pass only their names; the Parameters and Secrets Lambda Extension caches them.",
    }),
  ];
};

export const crossAccountLayerRule: Rule = (facts, { trustedLayerAccounts = [] }) => {
  const foreign = facts.layers.filter(
    (layer) => layer.account !== facts.account && !trustedLayerAccounts.includes(layer.account),
  );
  if (foreign.length === 0) return [];
  return [
    risk(facts, "cross-account-layer", {
      severity: "warning",
      title: "Layers from other accounts",
      detail: `${foreign.map((l) => l.arn).join(", ")}: code from accounts you do not control runs inside this function.`,
      recommendation:
        "Check who owns these accounts; copy third-party layers into your own account, or add their publisher to the trusted layer accounts.",
    }),
  ];
};

export const vpcRule: Rule = (facts) =>
  facts.vpc
    ? [
        risk(facts, "vpc-cold-start", {
          severity: "info",
          title: "Function runs in a VPC",
          detail:
            "VPC functions use ENIs from the VPC's subnets (500 per VPC by default) and need a NAT gateway or VPC endpoints to reach AWS services; cold starts can take longer.",
          recommendation: "Keep it in the VPC only if it reaches private resources.",
        }),
      ]
    : [];

export const tracingRule: Rule = (facts) =>
  facts.tracing !== "Active"
    ? [
        risk(facts, "tracing-off", {
          severity: "info",
          title: "X-Ray tracing is off",
          detail: "Without active tracing, slow downstream calls and cold starts do not show up in traces.",
          recommendation: "Turn on active tracing where latency matters.",
        }),
      ]
    : [];

export const logRetentionRule: Rule = (facts) => {
  const { name, retentionDays, storedBytes } = facts.logGroup;
  if (retentionDays !== null) return [];
  const stored = storedBytes === undefined ? "" : ` It stores ${fmt(storedBytes / 1024 ** 3)} GB today.`;
  return [
    risk(facts, "log-retention-never-expires", {
      severity: "warning",
      title: "Logs never expire",
      detail: `${name} has no retention policy, so its logs are kept and billed forever.${stored}`,
      recommendation: "Set a retention period (30 days is common; see the cost view for the saving).",
    }),
  ];
};

export const arm64CandidateRule: Rule = (facts) =>
  facts.architecture === "x86_64" && runtimeInfo(facts.runtime)?.arm64 === true
    ? [
        risk(facts, "arm64-candidate", {
          severity: "info",
          title: "Could run on arm64",
          detail: `${facts.runtime} runs on arm64 (Graviton), whose GB-second price is about 20 % lower than x86_64.`,
          recommendation:
            "Test on arm64 (native dependencies need arm64 builds); the cost view estimates the monthly saving.",
        }),
      ]
    : [];

export const CONFIG_RISK_RULES: readonly Rule[] = [
  runtimeRule,
  defaultTimeoutRule,
  asyncFailureDestinationRule,
  secretEnvironmentRule,
  crossAccountLayerRule,
  vpcRule,
  tracingRule,
  logRetentionRule,
  arm64CandidateRule,
];

export function configRiskFindings(facts: FunctionFacts, options: ConfigRiskOptions): Finding[] {
  return CONFIG_RISK_RULES.flatMap((rule) => rule(facts, options));
}
