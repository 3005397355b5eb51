import { z } from "zod";
import { findingCountsSchema, sectionErrorSchema, sectionSchema, timeRangeSchema } from "./common";
import { functionFindingsSchema } from "./findings";
import { functionCostDetailSchema } from "./costs";

/** Stable id of a function across accounts and regions: `${account}/${region}/${name}`. */
export const functionIdSchema = z.string();

/** One row of the function list: only what the table shows. Unknown figures are null, never 0. */
export const functionRowSchema = z.object({
  id: functionIdSchema,
  account: z.string(),
  region: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  runtime: z.string().nullable(),
  architecture: z.enum(["x86_64", "arm64"]),
  memoryMB: z.number(),
  timeoutS: z.number(),
  invocations: z.number().nullable(),
  errors: z.number().nullable(),
  /** Errors / invocations, 0..1. */
  errorRate: z.number().nullable(),
  throttles: z.number().nullable(),
  p99DurationMs: z.number().nullable(),
  /** Cold starts / invocations, 0..1, from Logs Insights. */
  coldStartRate: z.number().nullable(),
  /** Projected monthly cost, USD. */
  monthlyCost: z.number().nullable(),
  /** Null until the region's findings have been analysed for this range (then the list asks again). */
  findings: findingCountsSchema.nullable(),
  /** Highest severity among the function's findings, for sorting and filtering ("unknown": not analysed yet). */
  worstSeverity: z.enum(["critical", "warning", "info", "none", "unknown"]),
});
export type FunctionRow = z.infer<typeof functionRowSchema>;

/** The function list: columns on the wire (see function-list.ts), rows in the pages. */
export {
  decodeFunctionList,
  encodeFunctionList,
  functionListSchema,
  type FunctionList,
  type FunctionListWire,
} from "./function-list";

/** An environment variable as the console shows it: the name and its size, never the value. */
export const envVarSchema = z.object({
  name: z.string(),
  bytes: z.number().int(),
  secretLooking: z.boolean(),
});

export const functionConfigSchema = z.object({
  account: z.string(),
  region: z.string(),
  name: z.string(),
  arn: z.string(),
  description: z.string(),
  runtime: z.string().nullable(),
  packageType: z.enum(["Zip", "Image"]),
  handler: z.string().nullable(),
  architecture: z.enum(["x86_64", "arm64"]),
  memoryMB: z.number(),
  timeoutS: z.number(),
  ephemeralStorageMB: z.number(),
  codeSizeBytes: z.number(),
  /** Function code plus layers, unzipped, when the layers' sizes are known. */
  codeSizeUnzippedBytes: z.number().nullable(),
  layers: z.array(
    z.object({
      arn: z.string(),
      codeSizeBytes: z.number().nullable(),
      account: z.string(),
      /** From GetLayerVersionByArn (read once per distinct layer); null when unknown. */
      compatibleRuntimes: z.array(z.string()).nullable().optional(),
    }),
  ),
  environment: z.object({ variables: z.array(envVarSchema), totalBytes: z.number().int() }),
  role: z.object({ name: z.string(), arn: z.string() }),
  vpc: z
    .object({
      subnetIds: z.array(z.string()),
      securityGroupIds: z.array(z.string()),
      vpcId: z.string().nullable(),
    })
    .nullable(),
  tracing: z.enum(["Active", "PassThrough"]),
  logFormat: z.enum(["Text", "JSON"]),
  logGroup: z.object({
    name: z.string(),
    retentionDays: z.number().nullable(),
    storedBytes: z.number().nullable(),
    /** ISO 8601, when the log group was created. */
    createdAt: z.string().nullable(),
  }),
  snapStart: z.boolean(),
  deadLetterTarget: z.string().nullable(),
  state: z.string().nullable(),
  lastModified: z.string(),
  version: z.string(),
  tags: z.record(z.string(), z.string()),
  team: z.string().nullable(),
  reservedConcurrency: z.number().nullable(),
  provisionedConcurrency: z
    .array(
      z.object({
        qualifier: z.string(),
        allocated: z.number(),
        available: z.number().nullable(),
        status: z.string(),
      }),
    )
    .nullable(),
  functionUrl: z
    .object({ url: z.string(), authType: z.enum(["NONE", "AWS_IAM"]), corsAllowOrigins: z.array(z.string()) })
    .nullable(),
  asyncConfig: z
    .object({
      maximumRetryAttempts: z.number().nullable(),
      maximumEventAgeSeconds: z.number().nullable(),
      onSuccess: z.string().nullable(),
      onFailure: z.string().nullable(),
    })
    .nullable(),
  eventSources: z.array(
    z.object({
      uuid: z.string(),
      eventSourceArn: z.string(),
      state: z.string(),
      batchSize: z.number().nullable(),
    }),
  ),
  aliases: z.array(z.object({ name: z.string(), functionVersion: z.string() })),
  /** Statements of the function's resource-based policy (GetPolicy); null when it has none, absent when not read. */
  resourcePolicy: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
  /**
   * Parts of the configuration that could not be read (e.g. GetFunctionUrlConfig denied): their
   * fields above are null or empty, and this says why. Absent when everything was read.
   */
  unavailable: z.array(z.object({ part: z.string(), error: sectionErrorSchema })).optional(),
});
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

/** Totals over the range. Null means "no data", which is not zero. */
export const metricSummarySchema = z.object({
  invocations: z.number().nullable(),
  errors: z.number().nullable(),
  errorRate: z.number().nullable(),
  throttles: z.number().nullable(),
  durationAvgMs: z.number().nullable(),
  durationP50Ms: z.number().nullable(),
  durationP95Ms: z.number().nullable(),
  durationP99Ms: z.number().nullable(),
  durationMaxMs: z.number().nullable(),
  concurrencyMax: z.number().nullable(),
  provisionedSpillover: z.number().nullable(),
  iteratorAgeMaxMs: z.number().nullable(),
  deadLetterErrors: z.number().nullable(),
  asyncEventAgeMaxMs: z.number().nullable(),
});
export type MetricSummary = z.infer<typeof metricSummarySchema>;

export const coldStartSummarySchema = z.object({
  invocations: z.number(),
  coldStarts: z.number(),
  coldStartRate: z.number().nullable(),
  initP50Ms: z.number().nullable(),
  initP95Ms: z.number().nullable(),
  initP99Ms: z.number().nullable(),
  initMaxMs: z.number().nullable(),
  /** Highest Max Memory Used, MB, and its 99th percentile. */
  maxMemoryUsedMB: z.number().nullable(),
  maxMemoryUsedP99MB: z.number().nullable(),
  memorySizeMB: z.number().nullable(),
  timeouts: z.number(),
  billedDurationMsSum: z.number().nullable(),
  initDurationMsSum: z.number().nullable(),
});
export type ColdStartSummary = z.infer<typeof coldStartSummarySchema>;

export const functionDetailSchema = z.object({
  range: timeRangeSchema,
  config: sectionSchema(functionConfigSchema),
  metrics: sectionSchema(metricSummarySchema),
  coldStarts: sectionSchema(coldStartSummarySchema),
  /** Cost over the range and per month, cold-start cost and savings (lib/server/costs). */
  cost: sectionSchema(functionCostDetailSchema),
  /** The function's findings (headroom, configuration, its resource policy and execution role). */
  findings: sectionSchema(functionFindingsSchema).optional(),
  asOf: z.string(),
});
export type FunctionDetail = z.infer<typeof functionDetailSchema>;

/** A chart series: [epoch ms, value | null]; null is a gap (no data), never zero. */
export const seriesSchema = z.array(z.tuple([z.number(), z.number().nullable()]));
export type Series = z.infer<typeof seriesSchema>;

export const functionMetricsSchema = z.object({
  range: timeRangeSchema,
  series: z.object({
    invocations: seriesSchema,
    errors: seriesSchema,
    throttles: seriesSchema,
    durationP50: seriesSchema,
    durationP99: seriesSchema,
    durationMax: seriesSchema,
    concurrency: seriesSchema,
    iteratorAge: seriesSchema,
    provisionedSpillover: seriesSchema,
  }),
  /** Lines drawn on the charts. */
  limits: z.object({
    timeoutMs: z.number(),
    reservedConcurrency: z.number().nullable(),
    accountConcurrency: z.number().nullable(),
  }),
  asOf: z.string(),
  /** The series are older than their cache lifetime (a refresh is under way or failed). */
  stale: z.boolean().optional(),
});
export type FunctionMetrics = z.infer<typeof functionMetricsSchema>;

export const coldStartsResponseSchema = z.object({
  range: timeRangeSchema,
  summary: sectionSchema(coldStartSummarySchema),
  /** Cold starts and init p99 per bin. */
  series: z.object({ coldStarts: seriesSchema, initP99: seriesSchema, invocations: seriesSchema }),
  /** Set when the series query failed (the series are then empty); the summary has its own status. */
  seriesError: sectionErrorSchema.optional(),
  /** The series query did not complete (stopped at its deadline): bins may be missing. */
  seriesPartial: z.boolean().optional(),
  asOf: z.string(),
});
export type ColdStartsResponse = z.infer<typeof coldStartsResponseSchema>;

export const errorMessageSchema = z.object({
  message: z.string(),
  errorType: z.string().nullable(),
  count: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export const functionErrorsSchema = z.object({
  range: timeRangeSchema,
  messages: sectionSchema(z.array(errorMessageSchema)),
  /** A ready Logs Insights query for these errors. */
  insightsQuery: z.string(),
  asOf: z.string(),
});
export type FunctionErrors = z.infer<typeof functionErrorsSchema>;
