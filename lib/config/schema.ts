import { z } from "zod";
import { accountIdParam, regionParam } from "@/lib/schemas/params";

/**
 * The config file (HEADROOM_CONFIG=path/to/headroom.config.json). Every field is optional; with no
 * file at all the console reads one account, "default", through the standard credential chain.
 * Unknown keys are rejected so a typo does not silently fall back to a default.
 */

/** Cache lifetimes per kind of data, seconds. Past it an entry is served as stale while it is re-read. */
export const cacheTtlSchema = z
  .object({
    /** ListFunctions (configuration) per region. */
    inventory: z.number().int().min(5).default(300),
    /** GetFunction per function (tags, reserved concurrency). */
    tags: z.number().int().min(5).default(900),
    /** Per-function extras: provisioned concurrency, function URL, async config, aliases, resource policy. */
    functionExtras: z.number().int().min(5).default(900),
    /** DescribeLogGroups, ListEventSourceMappings per region. */
    regionResources: z.number().int().min(5).default(900),
    /** GetLayerVersionByArn per layer version (immutable). */
    layers: z.number().int().min(5).default(86_400),
    /** GetAccountSettings per region. */
    accountSettings: z.number().int().min(5).default(300),
    /** GetCallerIdentity per account. */
    accountId: z.number().int().min(5).default(3_600),
    /** GetMetricData summaries and series. */
    metrics: z.number().int().min(5).default(60),
    /** Logs Insights cold-start summaries and series. */
    coldStarts: z.number().int().min(5).default(300),
    /** Logs Insights error messages. */
    errors: z.number().int().min(5).default(120),
    /** IAM role and policy documents. */
    iam: z.number().int().min(5).default(900),
  })
  .strict();
export type CacheTtls = z.infer<typeof cacheTtlSchema>;
export type CacheKind = keyof CacheTtls;

/** Thresholds the analysis rules compare against (ratios are 0..1). */
export const thresholdsSchema = z
  .object({
    concurrencyWarnRatio: z.number().min(0).max(1).default(0.7),
    concurrencyCriticalRatio: z.number().min(0).max(1).default(0.9),
    errorRateWarn: z.number().min(0).max(1).default(0.01),
    errorRateCritical: z.number().min(0).max(1).default(0.05),
    throttleRateWarn: z.number().min(0).max(1).default(0.001),
    /** p99 duration / timeout. */
    timeoutWarnRatio: z.number().min(0).max(1).default(0.8),
    timeoutCriticalRatio: z.number().min(0).max(1).default(0.95),
    /** Max memory used / memory size. */
    memoryWarnRatio: z.number().min(0).max(1).default(0.85),
    memoryCriticalRatio: z.number().min(0).max(1).default(0.95),
    coldStartRateWarn: z.number().min(0).max(1).default(0.05),
    codeStorageWarnRatio: z.number().min(0).max(1).default(0.75),
    codeStorageCriticalRatio: z.number().min(0).max(1).default(0.9),
    /** Environment size / 4 KB. */
    environmentSizeWarnRatio: z.number().min(0).max(1).default(0.75),
    iteratorAgeWarnMs: z.number().min(0).default(60_000),
  })
  .strict();
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** Lambda prices, USD. Defaults are us-east-1 (shared/reference/aws-lambda-facts.md section 5). */
export const priceTableSchema = z
  .object({
    requestsPerMillion: z.number().min(0),
    x86GbSecond: z.number().min(0),
    arm64GbSecond: z.number().min(0),
    provisionedX86GbSecond: z.number().min(0),
    provisionedArm64GbSecond: z.number().min(0),
    provisionedDurationX86GbSecond: z.number().min(0),
    provisionedDurationArm64GbSecond: z.number().min(0),
    ephemeralStorageGbSecond: z.number().min(0),
  })
  .strict();
export type PriceTable = z.infer<typeof priceTableSchema>;

export const DEFAULT_PRICES: PriceTable = {
  requestsPerMillion: 0.2,
  x86GbSecond: 0.0000166667,
  arm64GbSecond: 0.0000133334,
  provisionedX86GbSecond: 0.0000041667,
  provisionedArm64GbSecond: 0.0000033334,
  provisionedDurationX86GbSecond: 0.0000097222,
  provisionedDurationArm64GbSecond: 0.0000077778,
  ephemeralStorageGbSecond: 0.0000000309,
};

export const accountSchema = z
  .object({
    /** Our id for the account, used in URLs: lowercase letters, digits and dashes. */
    id: accountIdParam,
    name: z.string().min(1).max(100).optional(),
    /** A profile of ~/.aws/config to start the credential chain from. */
    profile: z.string().min(1).max(200).optional(),
    /** A role to assume (from the profile's or the default chain's credentials). */
    roleArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
        "must be an IAM role ARN such as arn:aws:iam::123456789012:role/HeadroomReadOnly",
      )
      .optional(),
    externalId: z.string().min(2).max(1224).optional(),
    /** Regions to read; defaults to HEADROOM_REGIONS, then AWS_REGION. */
    regions: z.array(regionParam).min(1, "must list at least one region").optional(),
  })
  .strict()
  .refine((a) => !a.externalId || a.roleArn, { message: "externalId needs roleArn", path: ["externalId"] });

export const limitsSchema = z
  .object({
    /** Logs Insights queries running at once per account (AWS allows 100, dashboards included). */
    insightsConcurrency: z.number().int().min(1).max(50).default(8),
    /** A Logs Insights query still running after this is stopped and its results marked partial. */
    insightsDeadlineSeconds: z.number().int().min(5).max(3_600).default(60),
    /** How long an API response waits for slow parts (tags, Insights) before answering with partial data. */
    responseWaitSeconds: z.number().min(0).max(300).default(4),
  })
  .strict();
export type Limits = z.infer<typeof limitsSchema>;

export const configFileSchema = z
  .object({
    accounts: z.array(accountSchema).min(1, "must list at least one account").optional(),
    teamTagKey: z.string().min(1).max(128).optional(),
    thresholds: thresholdsSchema.default(thresholdsSchema.parse({})),
    pricing: z
      .object({
        /** Per-region overrides of the default (us-east-1) prices. */
        regions: z.record(regionParam, priceTableSchema.partial()).default({}),
      })
      .strict()
      .default({ regions: {} }),
    cacheTtlSeconds: cacheTtlSchema.default(cacheTtlSchema.parse({})),
    limits: limitsSchema.default(limitsSchema.parse({})),
  })
  .strict();
export type ConfigFile = z.infer<typeof configFileSchema>;
