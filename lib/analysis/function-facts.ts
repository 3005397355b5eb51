/**
 * The inputs of the analysis rules, independent of the AWS SDK: lib/server maps SDK and CloudWatch
 * output onto these shapes, and every rule in lib/analysis is a pure function of them.
 *
 * An optional field is "unknown" (not collected, no datapoint, access denied), never zero: a rule
 * that needs it makes no finding rather than assuming 0.
 */

export type Architecture = "x86_64" | "arm64";

export interface Window {
  /** ISO 8601. */
  start: string;
  /** ISO 8601. */
  end: string;
}

export interface LayerFacts {
  arn: string;
  /** Zipped size of the layer version; unknown when GetLayerVersion was not allowed. */
  codeSizeBytes?: number;
  /** Account that owns the layer (from its ARN). */
  account: string;
}

export interface FunctionFacts {
  account: string;
  region: string;
  name: string;
  arn: string;
  /** Absent for container images. */
  runtime?: string;
  packageType: "Zip" | "Image";
  architecture: Architecture;
  memoryMB: number;
  timeoutS: number;
  ephemeralStorageMB: number;
  /** Zipped deployment package (Zip) or image size (Image). */
  codeSizeBytes: number;
  /** Function plus layers, unzipped, when every part's size is known. */
  codeSizeUnzippedBytes?: number;
  layers: LayerFacts[];
  /** Names only: values never reach lib/analysis. */
  environment: { names: string[]; totalBytes: number; secretLooking: string[] };
  vpc: boolean;
  tracing: "Active" | "PassThrough";
  logFormat: "Text" | "JSON";
  logGroup: {
    name: string;
    /** null: the log group never expires. */
    retentionDays: number | null;
    storedBytes?: number;
    /** ISO 8601; from DescribeLogGroups `creationTime`. */
    creationTime?: string;
  };
  snapStart: boolean;
  deadLetterTarget?: string;
  asyncDestinations: { onFailure?: string; onSuccess?: string };
  /** Has asynchronous traffic, or event sources that invoke asynchronously (S3, SNS, EventBridge…). */
  invokedAsync: boolean;
  reservedConcurrency?: number;
  provisionedConcurrency?: { allocated: number };
  /** ISO 8601. */
  lastModified: string;
  tags: Record<string, string>;
}

/** Metrics of one function over a window. */
export interface FunctionUsage {
  /** ISO 8601. */
  windowStart: string;
  /** ISO 8601. */
  windowEnd: string;
  invocations: number;
  errors: number;
  throttles: number;
  /** Average Duration over all invocations (CloudWatch Duration excludes INIT). */
  durationAvgMs: number;
  durationP50Ms?: number;
  durationP99Ms?: number;
  durationMaxMs?: number;
  concurrencyMax?: number;
  /** ProvisionedConcurrencyUtilization, Maximum, 0..1. */
  provisionedUtilizationMax?: number;
  spilloverInvocations?: number;
  /** ProvisionedConcurrencyInvocations: invocations served by provisioned environments. */
  provisionedInvocations?: number;
  /** Average duration of the invocations served by provisioned concurrency. */
  provisionedDurationAvgMs?: number;
  /** Seconds of the window during which provisioned concurrency was enabled; unknown = all of it. */
  provisionedEnabledSeconds?: number;
  iteratorAgeMaxMs?: number;
  timeouts?: number;
  coldStarts?: number;
  initDurationP99Ms?: number;
  initDurationAvgMs?: number;
  /** Sum of `Billed Duration` from REPORT log lines: already includes billed INIT time. */
  billedDurationMsSum?: number;
  maxMemoryUsedMB?: number;
  maxMemoryUsedP99MB?: number;
  /** Error rate (0..1) this function usually has: a percentile of earlier periods' rates. */
  errorRateBaseline?: number;
}

/** Account-level facts for one account and region. */
export interface AccountFacts {
  account: string;
  region: string;
  /** GetAccountSettings AccountLimit.ConcurrentExecutions. */
  concurrencyLimit: number;
  /** GetAccountSettings AccountLimit.UnreservedConcurrentExecutions. */
  unreservedConcurrencyLimit: number;
  /** Sum of reserved concurrency over all functions. */
  reservedTotal: number;
  /** Sum of provisioned concurrency over all functions, versions and aliases. */
  provisionedTotal: number;
  codeStorageUsedBytes: number;
  codeStorageLimitBytes: number;
  functionCount: number;
  /** Max of region-wide ConcurrentExecutions over `peakWindow`. */
  peakConcurrency?: number;
  peakWindow: Window;
}

export function functionRef(facts: { account: string; region: string; name: string }): {
  account: string;
  region: string;
  name: string;
} {
  return { account: facts.account, region: facts.region, name: facts.name };
}

export function windowOf(usage: FunctionUsage): Window {
  return { start: usage.windowStart, end: usage.windowEnd };
}
