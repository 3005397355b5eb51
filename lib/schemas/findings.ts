import { z } from "zod";
import {
  findingCountsSchema,
  rangePresetSchema,
  scopeSchema,
  scopeStatusSchema,
  sectionErrorSchema,
  severitySchema,
  timeRangeSchema,
} from "./common";
import { accountIdParam, functionNameParam, regionParam } from "./params";

/**
 * Findings as the API serves them: one shape for limit headroom, execution-role permissions,
 * resource-based policies and configuration risks (GET /api/v1/findings, and the function detail's
 * `findings` section).
 */

export const HEADROOM_KINDS = [
  "account-concurrency",
  "concurrency-ledger",
  "code-storage",
  "function-count",
  "reserved-concurrency",
  "provisioned-underused",
  "provisioned-near-full",
  "provisioned-spillover",
  "duration-near-timeout",
  "timeouts",
  "memory-exhausted",
  "memory-near-limit",
  "memory-over-provisioned",
  "code-size-zipped",
  "code-size-unzipped",
  "environment-size",
  "layer-count",
  "iterator-age",
  "throttles",
  "error-rate",
] as const;

export const CONFIG_RISK_KINDS = [
  "runtime-deprecation",
  "default-timeout",
  "async-without-failure-destination",
  "secret-environment",
  "cross-account-layer",
  "vpc-cold-start",
  "tracing-off",
  "log-retention-never-expires",
  "arm64-candidate",
] as const;

export const IAM_KINDS = [
  "iam-full-admin",
  "iam-not-action",
  "iam-not-resource",
  "iam-service-wildcard",
  "iam-name-wildcard",
  "iam-resource-star-scopable",
  "iam-resource-star-data",
  "iam-privilege-escalation",
] as const;

export const RESOURCE_POLICY_KINDS = [
  "public-invoke",
  "cross-account-invoke",
  "service-invoke-unscoped",
  "function-url-public",
  "function-url-cors-any",
] as const;

export const findingKindSchema = z.enum([
  ...HEADROOM_KINDS,
  ...CONFIG_RISK_KINDS,
  ...IAM_KINDS,
  ...RESOURCE_POLICY_KINDS,
]);
export type FindingKind = z.infer<typeof findingKindSchema>;

export const findingCategorySchema = z.enum(["headroom", "iam", "resource-policy", "config"]);
export type FindingCategory = z.infer<typeof findingCategorySchema>;

export type FindingSeverity = z.infer<typeof severitySchema>;

/** A function a finding touches (for IAM: every function that runs with the role). */
export const findingFunctionSchema = z.object({
  account: z.string(),
  region: z.string(),
  name: z.string(),
  team: z.string().nullable(),
});
export type FindingFunction = z.infer<typeof findingFunctionSchema>;

/** A figure against its limit over the window it was measured in. */
export const findingMetricSchema = z.object({
  value: z.number(),
  /** Null where AWS publishes no limit (function count). */
  limit: z.number().nullable(),
  /** value / limit × 100; null without a limit. */
  percent: z.number().nullable(),
  unit: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
});
export type FindingMetric = z.infer<typeof findingMetricSchema>;

export const wildcardSpanSchema = z.object({ start: z.number().int(), end: z.number().int() });

/** The policy statement a finding is about, with the text to show and where its wildcards are. */
export const statementEvidenceSchema = z.object({
  source: z.literal("statement"),
  policyName: z.string(),
  policyArn: z.string().optional(),
  policyKind: z.enum(["aws-managed", "customer-managed", "inline", "resource-based"]),
  /** 0-based position in the policy's Statement list. */
  statementIndex: z.number().int(),
  sid: z.string().optional(),
  actionElement: z.enum(["Action", "NotAction"]),
  /** The offending action patterns as written. */
  actions: z.array(z.string()),
  resourceElement: z.enum(["Resource", "NotResource"]),
  resources: z.array(z.string()),
  condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  principals: z.array(z.string()).optional(),
  expandedActionCount: z.number().int().optional(),
  writeActions: z.number().int().optional(),
  permissionsManagementActions: z.number().int().optional(),
  sampleActions: z.array(z.string()).optional(),
  /** The statement, pretty-printed JSON, exactly as the spans below index it. */
  statementJson: z.string().optional(),
  /** `*` and `?` in Action, NotAction, Resource, NotResource and Principal values of `statementJson`. */
  wildcardSpans: z.array(wildcardSpanSchema).optional(),
});
export type StatementEvidence = z.infer<typeof statementEvidenceSchema>;

export const functionUrlEvidenceSchema = z.object({
  source: z.literal("function-url"),
  authType: z.enum(["NONE", "AWS_IAM"]),
  allowOrigins: z.array(z.string()).optional(),
});

export const findingEvidenceSchema = z.discriminatedUnion("source", [
  statementEvidenceSchema,
  functionUrlEvidenceSchema,
]);
export type FindingEvidence = z.infer<typeof findingEvidenceSchema>;

export const findingSchema = z.object({
  /** Stable across reads: kind, the resource and (for policies) the policy and statement. */
  id: z.string(),
  kind: findingKindSchema,
  category: findingCategorySchema,
  severity: severitySchema,
  title: z.string(),
  detail: z.string(),
  /** What to do. */
  recommendation: z.string(),
  /** Account and region; IAM role findings have region "global" (IAM is not regional). */
  scope: scopeSchema,
  /** Functions touched: the blast radius. Empty for account-wide findings. */
  functions: z.array(findingFunctionSchema),
  /** Execution role: the role whose statement it is (iam), or the role of the function (resource-policy). */
  role: z.object({ name: z.string(), arn: z.string() }).optional(),
  metric: findingMetricSchema.optional(),
  evidence: findingEvidenceSchema.optional(),
  /** ISO day or time since when the condition holds, when known. */
  since: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** An execution role as the security view lists it, with its functions and whether it could be read. */
export const roleSummarySchema = z.object({
  account: z.string(),
  name: z.string(),
  arn: z.string(),
  functions: z.array(findingFunctionSchema),
  status: z.enum(["ok", "error"]),
  error: sectionErrorSchema.optional(),
});
export type RoleSummary = z.infer<typeof roleSummarySchema>;

export const findingsResponseSchema = z.object({
  range: timeRangeSchema,
  findings: z.array(findingSchema),
  /** Counts of the findings returned (after filters). */
  counts: findingCountsSchema,
  /** Every execution role of the regions read (unfiltered by severity or kind). */
  roles: z.array(roleSummarySchema),
  /** Per account and region and per part: a failed part degrades its findings only. */
  status: z.object({
    config: z.array(scopeStatusSchema),
    metrics: z.array(scopeStatusSchema),
    coldStarts: z.array(scopeStatusSchema),
    account: z.array(scopeStatusSchema),
    iam: z.array(scopeStatusSchema),
  }),
  asOf: z.string(),
});
export type FindingsResponse = z.infer<typeof findingsResponseSchema>;

const isoTime = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 time such as 2026-11-20T12:00:00Z",
});

/** GET /api/v1/findings query: every filter optional; the range defaults to 24h. */
export const findingsParamsSchema = z
  .object({
    range: rangePresetSchema.optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    kind: findingKindSchema.optional(),
    category: findingCategorySchema.optional(),
    severity: severitySchema.optional(),
    account: accountIdParam.optional(),
    region: regionParam.optional(),
    function: functionNameParam.optional(),
    team: z.string().min(1).max(200).optional(),
  })
  .strict();
export type FindingsParams = z.infer<typeof findingsParamsSchema>;

/** The function detail's findings: the function's own, plus the account-wide ones of its region. */
export const functionFindingsSchema = z.object({
  findings: z.array(findingSchema),
  counts: findingCountsSchema,
});
export type FunctionFindings = z.infer<typeof functionFindingsSchema>;
