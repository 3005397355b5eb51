import { z } from "zod";
import { rangePresetSchema, scopeSchema, sectionErrorSchema, timeRangeSchema } from "./common";
import { accountIdParam, regionParam } from "./params";

/**
 * GET /api/v1/costs and the cost section of a function's detail. Money is USD; "window" figures
 * are what the chosen range cost, "monthly" figures project it to 30 days. A figure that could not
 * be worked out is null ("no data" is not $0).
 */

export const COST_GROUP_BY = ["team", "function", "runtime", "architecture", "region"] as const;
export const costGroupBySchema = z.enum(COST_GROUP_BY);
export type CostGroupBy = z.infer<typeof costGroupBySchema>;
export const DEFAULT_COST_GROUP_BY: CostGroupBy = "team";

const isoTime = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 time such as 2026-11-20T12:00:00Z",
});

export const costsParamsSchema = z
  .object({
    range: rangePresetSchema.optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    groupBy: costGroupBySchema.optional(),
    account: accountIdParam.optional(),
    region: regionParam.optional(),
    /** The team tag's value (case-insensitive), or "untagged". */
    team: z.string().min(1, "must not be empty").max(256, "must be at most 256 characters").optional(),
  })
  .strict()
  .refine((p) => !(p.range && (p.from || p.to)), {
    message: "give either range or from/to, not both",
    path: ["range"],
  })
  .refine((p) => Boolean(p.from) === Boolean(p.to), { message: "from and to go together", path: ["from"] });
export type CostsParams = z.infer<typeof costsParamsSchema>;

/** What an amount of Lambda use costs, split as AWS bills it. */
export const costBreakdownSchema = z.object({
  /** $0.20 per million requests (us-east-1). */
  requests: z.number(),
  /** On-demand duration (GB-seconds), including billed INIT. */
  compute: z.number(),
  /** The INIT (cold start) part of `compute`: already counted there. */
  init: z.number(),
  /** Provisioned concurrency: allocated GB-seconds plus the duration of invocations it served. */
  provisioned: z.number(),
  /** Ephemeral storage configured above 512 MB. */
  ephemeral: z.number(),
  /** CloudWatch Logs storage of the function's log group (on its current stored bytes). */
  logStorage: z.number(),
  /** requests + compute + provisioned + ephemeral + logStorage. */
  total: z.number(),
});
export type CostBreakdown = z.infer<typeof costBreakdownSchema>;

/** Monthly total against the previous period of equal length. */
export const costChangeSchema = z.object({
  previous: z.number(),
  delta: z.number(),
  /** Relative change, 0.1 = +10 %; null when the previous figure was $0. */
  ratio: z.number().nullable(),
});
export type CostChangeView = z.infer<typeof costChangeSchema>;

export const costGroupSchema = z.object({
  key: z.string(),
  /** The remaining groups merged into one row (only when there are very many groups). */
  other: z.boolean().optional(),
  functions: z.number().int(),
  window: costBreakdownSchema,
  monthly: costBreakdownSchema,
  /** Null when the previous period could not be read for every region of this group. */
  change: costChangeSchema.nullable(),
});
export type CostGroup = z.infer<typeof costGroupSchema>;

export const functionCostSchema = z.object({
  /** `${account}/${region}/${name}` */
  id: z.string(),
  account: z.string(),
  region: z.string(),
  name: z.string(),
  /** The team tag's value, or "untagged". */
  team: z.string(),
  runtime: z.string().nullable(),
  architecture: z.enum(["x86_64", "arm64"]),
  memoryMB: z.number(),
  invocations: z.number(),
  window: costBreakdownSchema,
  monthly: costBreakdownSchema,
  /** Cold starts seen in the logs over the range; null when the logs could not be read. */
  coldStarts: z.number().nullable(),
  /** Whether AWS bills this function's INIT phase (from 2025-08-01 for on-demand managed runtimes). */
  initBilled: z.boolean(),
  /** What cold starts (billed INIT) cost per month; null when cold starts are unknown. */
  coldStartMonthly: z.number().nullable(),
  change: costChangeSchema.nullable(),
  /** Plain sentences: what the estimate assumed. */
  assumptions: z.array(z.string()),
});
export type FunctionCostView = z.infer<typeof functionCostSchema>;

export const savingKindSchema = z.enum([
  "arm64",
  "right-size-memory",
  "release-provisioned-concurrency",
  "log-retention",
]);

export const savingSchema = z.object({
  id: z.string(),
  kind: savingKindSchema,
  account: z.string(),
  region: z.string(),
  name: z.string(),
  team: z.string(),
  /** Estimated USD per month. */
  monthlyAmount: z.number(),
  title: z.string(),
  detail: z.string(),
  /** The assumption the amount rests on. */
  assumption: z.string(),
  suggested: z
    .object({
      architecture: z.literal("arm64").optional(),
      memoryMB: z.number().optional(),
      provisionedConcurrency: z.number().optional(),
      retentionDays: z.number().optional(),
    })
    .optional(),
  links: z.array(z.string()),
});
export type SavingView = z.infer<typeof savingSchema>;

/** The price book the figures come from. */
export const priceInfoSchema = z.object({
  currency: z.literal("USD"),
  /** The day the default (us-east-1) prices were read. */
  asOf: z.string(),
  source: z.array(z.string()),
  /** Regions whose prices come from configuration (pricing.regions) rather than the defaults. */
  configuredRegions: z.array(z.string()),
  /** Since this day AWS bills the INIT phase of on-demand functions on managed runtimes. */
  initBillingStart: z.string(),
  /** USD per GB-month of CloudWatch Logs storage. */
  logStoragePerGbMonth: z.number(),
});

/** How one account and region fared: a failed region is left out of the figures, the others stand. */
export const costScopeStatusSchema = scopeSchema.extend({
  status: z.enum(["ok", "error"]),
  error: sectionErrorSchema.optional(),
  asOf: z.string().optional(),
  /** Still reading, or a part failed: the region's figures are incomplete (see `issues`). */
  partial: z.boolean().optional(),
  /** Functions in the region (before the team filter) and how many of them could be priced. */
  functions: z.number().int(),
  priced: z.number().int(),
  /** Parts that failed while the rest was usable ("cold starts: …"). */
  issues: z.array(z.object({ part: z.string(), error: sectionErrorSchema })),
});
export type CostScopeStatus = z.infer<typeof costScopeStatusSchema>;

export const costsResponseSchema = z.object({
  range: timeRangeSchema,
  /** The period of equal length just before `range`, for the change figures. */
  previousRange: timeRangeSchema,
  groupBy: costGroupBySchema,
  /** The tag that names a function's team. */
  teamTagKey: z.string(),
  /** The team filter, when one was given. */
  team: z.string().nullable(),
  /** 30 days / the range's length: window figures × this = monthly figures. */
  monthFactor: z.number(),
  totals: z.object({
    functions: z.number().int(),
    invocations: z.number(),
    window: costBreakdownSchema,
    monthly: costBreakdownSchema,
    change: costChangeSchema.nullable(),
  }),
  groups: z.array(costGroupSchema),
  /** The most expensive functions (monthly projection), at most 20. */
  topFunctions: z.array(functionCostSchema),
  /** What cold starts cost per month: the total and the functions it is highest for (at most 20). */
  coldStarts: z.object({
    monthly: z.number(),
    functionsWithColdStarts: z.number().int(),
    functions: z.array(functionCostSchema),
  }),
  /**
   * Savings, largest first (at most 100 listed). Each is estimated on its own; some overlap (arm64
   * and right-sizing both lower compute), so `monthly` is an upper bound of doing them all.
   */
  savings: z.object({ monthly: z.number(), count: z.number().int(), items: z.array(savingSchema) }),
  prices: priceInfoSchema,
  /** Assumptions behind every figure of the response. */
  assumptions: z.array(z.string()),
  status: z.array(costScopeStatusSchema),
  previousStatus: z.array(costScopeStatusSchema),
  /** Regions left out of the change figures because one of the two periods could not be read. */
  comparisonExcludes: z.array(scopeSchema),
  /** Some region is incomplete; ask again in a few seconds. */
  partial: z.boolean(),
  asOf: z.string(),
});
export type CostsResponse = z.infer<typeof costsResponseSchema>;

/** The cost section of GET /api/v1/functions/{account}/{region}/{name}. */
export const functionCostDetailSchema = z.object({
  cost: functionCostSchema,
  savings: z.array(savingSchema),
  monthFactor: z.number(),
  prices: priceInfoSchema,
});
export type FunctionCostDetail = z.infer<typeof functionCostDetailSchema>;
