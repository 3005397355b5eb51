import { z } from "zod";

/**
 * The scenario file format: a simulated AWS account, its functions, roles and workload.
 * Documented in sim/README.md; every field name here is the one in the JSON file.
 *
 * Times in a scenario are relative to the sim's anchor (the minute the sim started, or the
 * fixed clock given with `--now`), so a demo started today shows incidents that are happening today.
 */

const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be an AWS region such as us-east-1");
const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit account id");
const policyDocument = z.object({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]),
});
export type PolicyDocument = z.infer<typeof policyDocument>;

export const incidentSchema = z
  .object({
    /** Minutes before the anchor at which the incident starts. */
    startMinutesAgo: z.number().min(0),
    /** Minutes before the anchor at which it ends; omitted or 0 means still going on. */
    endMinutesAgo: z.number().min(0).optional(),
    /** Error probability per invocation while the incident lasts (replaces the base rate). */
    errorRate: z.number().min(0).max(1).optional(),
    /** Multiplies the median duration. */
    durationMultiplier: z.number().positive().optional(),
    /** Multiplies the traffic. */
    trafficMultiplier: z.number().positive().optional(),
    /** Iterator age in ms that the stream source reaches at the end of the incident. */
    iteratorAgeMs: z.number().min(0).optional(),
    /** Error message logged by the failing invocations. */
    message: z.string().optional(),
    /** Error type (errorType in Node, exception class in Python). */
    errorType: z.string().optional(),
  })
  .strict()
  .refine((i) => (i.endMinutesAgo ?? 0) < i.startMinutesAgo, {
    message: "endMinutesAgo must be less than startMinutesAgo",
    path: ["endMinutesAgo"],
  });
export type Incident = z.infer<typeof incidentSchema>;

export const workloadSchema = z
  .object({
    /** Mean invocations per minute before the daily shape and noise. 0 = idle function. */
    rpm: z.number().min(0),
    /** 0..1: how much traffic swings over the day (peak at 15:00 UTC). */
    dailyAmplitude: z.number().min(0).max(1).default(0.4),
    /** Log-normal noise on each minute's traffic (sigma). */
    noise: z.number().min(0).max(2).default(0.15),
    /** Median duration of a warm invocation, ms. */
    durationMedianMs: z.number().positive(),
    /** 99th percentile of duration, ms (sets the spread of the log-normal). */
    durationP99Ms: z.number().positive(),
    /** Base error probability per invocation. */
    errorRate: z.number().min(0).max(1).default(0.001),
    /** Peak memory used, MB (the highest invocations reach it; typical ones use 85%). */
    maxMemoryUsedMB: z.number().positive(),
    /** Init duration median for cold starts, ms; computed from runtime, package size and VPC when omitted. */
    initDurationMs: z.number().positive().optional(),
    /** How events arrive: sync (API), async (events), stream (Kinesis/DynamoDB), queue (SQS). */
    invocationType: z.enum(["sync", "async", "stream", "queue"]).default("sync"),
    /** Baseline iterator age for stream sources, ms. */
    iteratorAgeMs: z.number().min(0).default(0),
    /** Error messages of the function's ordinary failures, picked in turn. */
    errorMessages: z.array(z.string()).default([]),
    incidents: z.array(incidentSchema).default([]),
  })
  .strict()
  .refine((w) => w.durationP99Ms >= w.durationMedianMs, {
    message: "durationP99Ms must be at least durationMedianMs",
    path: ["durationP99Ms"],
  });
export type Workload = z.infer<typeof workloadSchema>;

export const functionSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9-_]{1,64}$/, "must be 1-64 letters, digits, - or _"),
    region,
    runtime: z.string().optional(),
    packageType: z.enum(["Zip", "Image"]).default("Zip"),
    handler: z.string().optional(),
    architecture: z.enum(["x86_64", "arm64"]).default("x86_64"),
    memoryMB: z.number().int().min(128).max(10240).default(128),
    timeoutS: z.number().int().min(1).max(900).default(3),
    ephemeralStorageMB: z.number().int().min(512).max(10240).default(512),
    /** Zipped deployment package size, bytes. */
    codeSizeBytes: z.number().int().min(0).default(1_000_000),
    /** Unzipped size of the function's own code, bytes (layers add theirs). */
    codeSizeUnzippedBytes: z.number().int().min(0).optional(),
    description: z.string().default(""),
    /** Execution role name (the role is defined under `roles`). */
    role: z.string(),
    layers: z.array(z.string()).default([]),
    environment: z.record(z.string(), z.string()).default({}),
    vpc: z
      .object({ subnetIds: z.array(z.string()).min(1), securityGroupIds: z.array(z.string()).min(1) })
      .strict()
      .optional(),
    tracing: z.enum(["Active", "PassThrough"]).default("PassThrough"),
    logFormat: z.enum(["Text", "JSON"]).default("Text"),
    logGroup: z.string().optional(),
    /** Log group retention in days; null = never expire. */
    logRetentionDays: z.number().int().positive().nullable().default(null),
    snapStart: z.boolean().default(false),
    deadLetterTargetArn: z.string().optional(),
    reservedConcurrency: z.number().int().min(0).optional(),
    provisionedConcurrency: z
      .object({ qualifier: z.string(), allocated: z.number().int().positive() })
      .strict()
      .optional(),
    tags: z.record(z.string(), z.string()).default({}),
    /** Statements of the function's resource-based policy. */
    resourcePolicy: z.array(z.record(z.string(), z.unknown())).optional(),
    functionUrl: z
      .object({
        authType: z.enum(["NONE", "AWS_IAM"]),
        cors: z
          .object({
            allowOrigins: z.array(z.string()).default([]),
            allowMethods: z.array(z.string()).default([]),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    asyncConfig: z
      .object({
        maximumRetryAttempts: z.number().int().min(0).max(2).optional(),
        maximumEventAgeInSeconds: z.number().int().min(60).max(21600).optional(),
        onSuccess: z.string().optional(),
        onFailure: z.string().optional(),
      })
      .strict()
      .optional(),
    eventSources: z
      .array(
        z
          .object({
            eventSourceArn: z.string(),
            batchSize: z.number().int().positive().default(100),
            state: z.enum(["Enabled", "Disabled"]).default("Enabled"),
            startingPosition: z.enum(["LATEST", "TRIM_HORIZON"]).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Published versions (numbers), besides $LATEST. */
    versions: z.array(z.number().int().positive()).default([]),
    aliases: z.array(z.object({ name: z.string(), functionVersion: z.string() }).strict()).default([]),
    /** Minutes before the anchor of the last deployment. */
    lastModifiedMinutesAgo: z
      .number()
      .min(0)
      .default(60 * 24 * 30),
    workload: workloadSchema,
  })
  .strict();
export type FunctionSpec = z.infer<typeof functionSchema>;

export const roleSchema = z
  .object({
    name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
    path: z.string().default("/service-role/"),
    /** Managed policies: AWS managed by name (AdministratorAccess) or customer managed by name under `policies`. */
    attachedPolicies: z.array(z.string()).default([]),
    inlinePolicies: z.record(z.string(), policyDocument).default({}),
  })
  .strict();
export type RoleSpec = z.infer<typeof roleSchema>;

export const customerPolicySchema = z
  .object({ name: z.string(), description: z.string().default(""), document: policyDocument })
  .strict();
export type CustomerPolicySpec = z.infer<typeof customerPolicySchema>;

export const layerSchema = z
  .object({
    /** Full layer version ARN: arn:aws:lambda:<region>:<account>:layer:<name>:<version>. */
    arn: z.string().regex(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+:\d+$/),
    codeSizeBytes: z.number().int().min(0),
    /** Unzipped size, bytes (counts against the 250 MB unzipped limit with the function's code). */
    codeSizeUnzippedBytes: z.number().int().min(0).optional(),
    compatibleRuntimes: z.array(z.string()).default([]),
    description: z.string().default(""),
  })
  .strict();
export type LayerSpec = z.infer<typeof layerSchema>;

export const regionSchema = z
  .object({
    /** Account concurrency limit (AccountLimit.ConcurrentExecutions). AWS default 1,000 (Lambda quotas). */
    concurrencyLimit: z.number().int().min(100).default(1000),
    /** Code storage limit, bytes. */
    codeStorageLimitBytes: z.number().int().positive().optional(),
  })
  .strict();

export const faultsSchema = z
  .object({
    /** Latency added to every call, ms. */
    latencyMs: z.number().min(0).max(60_000).default(0),
    /** Per operation ("lambda:GetPolicy", "monitoring:*", "*"): error rate, throttle rate, added latency. */
    operations: z
      .record(
        z
          .string()
          .regex(/^(\*|[a-z0-9-]+:(\*|[A-Za-z]+))$/, 'must be "service:Operation", "service:*" or "*"'),
        z
          .object({
            errorRate: z.number().min(0).max(1).default(0),
            throttleRate: z.number().min(0).max(1).default(0),
            latencyMs: z.number().min(0).max(60_000).default(0),
          })
          .strict(),
      )
      .default({}),
    /** IAM actions answered with AccessDenied ("iam:GetRolePolicy", "logs:*"). */
    accessDenied: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z*]+$/)).default([]),
    /** Regions whose endpoints drop every connection. */
    regionsDown: z.array(region).default([]),
    /** Logs Insights queries never leave Running. */
    insightsNeverComplete: z.boolean().default(false),
    /** AWS's default API rate limits (token buckets). */
    rateLimits: z.boolean().default(true),
  })
  .strict();
export type FaultsSpec = z.infer<typeof faultsSchema>;

/** Generated functions for large scenarios: `count` functions built from the seed. */
export const generatorSchema = z
  .object({
    count: z.number().int().min(1).max(50_000),
    regions: z.array(region).min(1),
    namePrefix: z.string().regex(/^[a-zA-Z0-9-_]{1,40}$/),
    teams: z.array(z.string()).default([]),
    /** Share of generated functions without a team tag. */
    untaggedShare: z.number().min(0).max(1).default(0.1),
    runtimes: z.array(z.string()).min(1),
    roles: z.array(z.string()).min(1),
    /** Range of base traffic per minute; drawn log-uniformly. */
    rpm: z.tuple([z.number().min(0), z.number().min(0)]).default([0.05, 50]),
    environment: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type GeneratorSpec = z.infer<typeof generatorSchema>;

export const scenarioSchema = z
  .object({
    name: z.string(),
    description: z.string().default(""),
    seed: z.number().int(),
    accountId,
    /** The caller STS reports (GetCallerIdentity). */
    callerArn: z.string().optional(),
    regions: z
      .record(region, regionSchema)
      .refine((r) => Object.keys(r).length > 0, "needs at least one region"),
    roles: z.array(roleSchema).default([]),
    policies: z.array(customerPolicySchema).default([]),
    layers: z.array(layerSchema).default([]),
    functions: z.array(functionSchema).default([]),
    generate: z.array(generatorSchema).default([]),
    faults: faultsSchema.default(faultsSchema.parse({})),
  })
  .strict();
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioFile = z.infer<typeof scenarioSchema>;

/** A loaded scenario: generated functions expanded, indexes built. */
export interface Scenario extends ScenarioFile {
  /** Functions by `${region}/${name}`. */
  functionIndex: Map<string, IndexedFunction>;
  roleIndex: Map<string, RoleSpec>;
  layerIndex: Map<string, LayerSpec>;
  policyIndex: Map<string, CustomerPolicySpec>;
}

export interface IndexedFunction extends FunctionSpec {
  /** Position in `functions`, a stable id for the model's random streams. */
  index: number;
  arn: string;
  logGroupName: string;
  /** Layers' unzipped sizes plus the function's own. */
  totalUnzippedBytes: number;
}
