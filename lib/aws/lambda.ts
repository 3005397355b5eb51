import "server-only";
import {
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionByArnCommand,
  GetPolicyCommand,
  paginateListAliases,
  paginateListEventSourceMappings,
  paginateListFunctions,
  paginateListProvisionedConcurrencyConfigs,
  paginateListVersionsByFunction,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { lambdaClient, type AwsScope } from "./clients";
import { call, isNotFound, type CallContext } from "./errors";
import { secretLooking } from "./secrets";

/**
 * Typed Lambda reads. Every list is paginated to its end. Environment variable values are dropped
 * here, right after the SDK call: only names, sizes and a "looks secret" verdict leave this module.
 */

export interface EnvVarInfo {
  name: string;
  /** Bytes of the name plus the value, as they count against the 4 KB limit. */
  bytes: number;
  secretLooking: boolean;
}

/** A function's configuration as ListFunctions returns it, values of environment variables removed. */
export interface LambdaFunction {
  name: string;
  arn: string;
  description: string;
  runtime: string | null;
  packageType: "Zip" | "Image";
  handler: string | null;
  architecture: "x86_64" | "arm64";
  memoryMB: number;
  timeoutS: number;
  ephemeralStorageMB: number;
  codeSizeBytes: number;
  layers: Array<{ arn: string; codeSizeBytes: number | null }>;
  environment: { variables: EnvVarInfo[]; totalBytes: number };
  roleArn: string;
  vpc: { subnetIds: string[]; securityGroupIds: string[]; vpcId: string | null } | null;
  tracing: "Active" | "PassThrough";
  logFormat: "Text" | "JSON";
  logGroupName: string;
  snapStart: boolean;
  deadLetterTarget: string | null;
  state: string | null;
  lastModified: string;
  version: string;
}

const ctx = (scope: AwsScope, operation: string, resource?: string): CallContext => ({
  service: "lambda",
  operation,
  account: scope.account.id,
  region: scope.region,
  resource,
});

function toLambdaFunction(c: FunctionConfiguration): LambdaFunction {
  const name = c.FunctionName ?? "";
  const vars = Object.entries(c.Environment?.Variables ?? {}).map(([k, v]) => ({
    name: k,
    bytes: Buffer.byteLength(k) + Buffer.byteLength(v),
    secretLooking: secretLooking(k, v),
  }));
  const subnets = c.VpcConfig?.SubnetIds ?? [];
  return {
    name,
    arn: c.FunctionArn ?? "",
    description: c.Description ?? "",
    runtime: c.Runtime ?? null,
    packageType: c.PackageType === "Image" ? "Image" : "Zip",
    handler: c.Handler ?? null,
    architecture: c.Architectures?.[0] === "arm64" ? "arm64" : "x86_64",
    memoryMB: c.MemorySize ?? 128,
    timeoutS: c.Timeout ?? 3,
    ephemeralStorageMB: c.EphemeralStorage?.Size ?? 512,
    codeSizeBytes: c.CodeSize ?? 0,
    layers: (c.Layers ?? []).map((l) => ({ arn: l.Arn ?? "", codeSizeBytes: l.CodeSize ?? null })),
    environment: { variables: vars, totalBytes: vars.reduce((n, v) => n + v.bytes, 0) },
    roleArn: c.Role ?? "",
    vpc: subnets.length
      ? {
          subnetIds: subnets,
          securityGroupIds: c.VpcConfig?.SecurityGroupIds ?? [],
          vpcId: c.VpcConfig?.VpcId || null,
        }
      : null,
    tracing: c.TracingConfig?.Mode === "Active" ? "Active" : "PassThrough",
    logFormat: c.LoggingConfig?.LogFormat === "JSON" ? "JSON" : "Text",
    logGroupName: c.LoggingConfig?.LogGroup || `/aws/lambda/${name}`,
    snapStart: c.SnapStart?.ApplyOn === "PublishedVersions",
    deadLetterTarget: c.DeadLetterConfig?.TargetArn ?? null,
    state: c.State ?? null,
    lastModified: c.LastModified ?? "",
    version: c.Version ?? "$LATEST",
  };
}

/** ListFunctions, every page (AWS returns at most 50 per page). */
export async function listFunctions(scope: AwsScope): Promise<LambdaFunction[]> {
  return call(ctx(scope, "ListFunctions", `region ${scope.region}`), async () => {
    const out: LambdaFunction[] = [];
    for await (const page of paginateListFunctions({ client: lambdaClient(scope), pageSize: 50 }, {}))
      for (const c of page.Functions ?? []) out.push(toLambdaFunction(c));
    return out;
  });
}

export interface PublishedVersion {
  version: string;
  /** ISO 8601, when the version was published. */
  lastModified: string;
}

/** ListVersionsByFunction, every page: the published versions ($LATEST left out). */
export async function listVersions(scope: AwsScope, name: string): Promise<PublishedVersion[]> {
  return call(ctx(scope, "ListVersionsByFunction", `function ${name}`), async () => {
    const out: PublishedVersion[] = [];
    const pages = paginateListVersionsByFunction(
      { client: lambdaClient(scope), pageSize: 50 },
      { FunctionName: name },
    );
    for await (const page of pages)
      for (const v of page.Versions ?? [])
        if (v.Version && v.Version !== "$LATEST" && v.LastModified)
          out.push({ version: v.Version, lastModified: v.LastModified });
    return out;
  });
}

export interface FunctionTags {
  /** Null when Lambda could not read the tags (GetFunction's TagsError). */
  tags: Record<string, string> | null;
  reservedConcurrency: number | null;
}

/**
 * GetFunction (its own 100/s bucket) for tags and reserved concurrency: one call where ListTags
 * plus GetFunctionConcurrency would be two from the shared 15/s bucket. The code location and the
 * configuration it also returns are dropped.
 */
export async function getFunctionTags(scope: AwsScope, name: string): Promise<FunctionTags> {
  const res = await call(ctx(scope, "GetFunction", `function ${name}`), () =>
    lambdaClient(scope).send(new GetFunctionCommand({ FunctionName: name })),
  );
  return {
    tags: res.TagsError ? null : { ...(res.Tags ?? {}) },
    reservedConcurrency: res.Concurrency?.ReservedConcurrentExecutions ?? null,
  };
}

export interface ProvisionedConcurrency {
  qualifier: string;
  allocated: number;
  available: number | null;
  status: string;
}

export async function listProvisionedConcurrency(
  scope: AwsScope,
  name: string,
): Promise<ProvisionedConcurrency[]> {
  return call(ctx(scope, "ListProvisionedConcurrencyConfigs", `function ${name}`), async () => {
    const out: ProvisionedConcurrency[] = [];
    const pages = paginateListProvisionedConcurrencyConfigs(
      { client: lambdaClient(scope), pageSize: 50 },
      { FunctionName: name },
    );
    for await (const page of pages)
      for (const c of page.ProvisionedConcurrencyConfigs ?? [])
        out.push({
          qualifier: (c.FunctionArn ?? "").split(":").at(7) ?? "",
          allocated:
            c.AllocatedProvisionedConcurrentExecutions ?? c.RequestedProvisionedConcurrentExecutions ?? 0,
          available: c.AvailableProvisionedConcurrentExecutions ?? null,
          status: c.Status ?? "UNKNOWN",
        });
    return out;
  });
}

export interface FunctionUrl {
  url: string;
  authType: "NONE" | "AWS_IAM";
  corsAllowOrigins: string[];
}

/** GetFunctionUrlConfig; null when the function has no URL. */
export async function getFunctionUrl(scope: AwsScope, name: string): Promise<FunctionUrl | null> {
  try {
    const res = await call(ctx(scope, "GetFunctionUrlConfig", `function ${name}`), () =>
      lambdaClient(scope).send(new GetFunctionUrlConfigCommand({ FunctionName: name })),
    );
    return {
      url: res.FunctionUrl ?? "",
      authType: res.AuthType === "AWS_IAM" ? "AWS_IAM" : "NONE",
      corsAllowOrigins: res.Cors?.AllowOrigins ?? [],
    };
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export interface AsyncConfig {
  maximumRetryAttempts: number | null;
  maximumEventAgeSeconds: number | null;
  onSuccess: string | null;
  onFailure: string | null;
}

/** GetFunctionEventInvokeConfig; null when none is set. */
export async function getEventInvokeConfig(scope: AwsScope, name: string): Promise<AsyncConfig | null> {
  try {
    const res = await call(ctx(scope, "GetFunctionEventInvokeConfig", `function ${name}`), () =>
      lambdaClient(scope).send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name })),
    );
    return {
      maximumRetryAttempts: res.MaximumRetryAttempts ?? null,
      maximumEventAgeSeconds: res.MaximumEventAgeInSeconds ?? null,
      onSuccess: res.DestinationConfig?.OnSuccess?.Destination ?? null,
      onFailure: res.DestinationConfig?.OnFailure?.Destination ?? null,
    };
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export async function listAliases(
  scope: AwsScope,
  name: string,
): Promise<Array<{ name: string; functionVersion: string }>> {
  return call(ctx(scope, "ListAliases", `function ${name}`), async () => {
    const out: Array<{ name: string; functionVersion: string }> = [];
    for await (const page of paginateListAliases(
      { client: lambdaClient(scope), pageSize: 50 },
      { FunctionName: name },
    ))
      for (const a of page.Aliases ?? [])
        out.push({ name: a.Name ?? "", functionVersion: a.FunctionVersion ?? "" });
    return out;
  });
}

/** GetPolicy (its own 15/s bucket): the resource-based policy's statements, or null when there is none. */
export async function getResourcePolicy(
  scope: AwsScope,
  name: string,
): Promise<Array<Record<string, unknown>> | null> {
  try {
    const res = await call(ctx(scope, "GetPolicy", `function ${name}`), () =>
      lambdaClient(scope).send(new GetPolicyCommand({ FunctionName: name })),
    );
    if (!res.Policy) return null;
    const doc: unknown = JSON.parse(res.Policy);
    const statements =
      typeof doc === "object" && doc !== null ? (doc as { Statement?: unknown }).Statement : undefined;
    if (Array.isArray(statements))
      return statements.filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null);
    if (typeof statements === "object" && statements !== null) return [statements as Record<string, unknown>];
    return [];
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export interface EventSourceMapping {
  uuid: string;
  functionArn: string;
  eventSourceArn: string;
  state: string;
  batchSize: number | null;
}

/** ListEventSourceMappings for the whole region (once per region, not per function). */
export async function listEventSourceMappings(scope: AwsScope): Promise<EventSourceMapping[]> {
  return call(ctx(scope, "ListEventSourceMappings", `region ${scope.region}`), async () => {
    const out: EventSourceMapping[] = [];
    for await (const page of paginateListEventSourceMappings(
      { client: lambdaClient(scope), pageSize: 100 },
      {},
    ))
      for (const m of page.EventSourceMappings ?? [])
        out.push({
          uuid: m.UUID ?? "",
          functionArn: m.FunctionArn ?? "",
          eventSourceArn: m.EventSourceArn ?? "",
          state: m.State ?? "Unknown",
          batchSize: m.BatchSize ?? null,
        });
    return out;
  });
}

export interface LambdaAccountSettings {
  concurrencyLimit: number;
  unreservedConcurrencyLimit: number;
  codeStorageLimitBytes: number;
  codeStorageUsedBytes: number;
  functionCount: number;
  codeSizeZippedLimitBytes: number;
  codeSizeUnzippedLimitBytes: number;
}

export async function getAccountSettings(scope: AwsScope): Promise<LambdaAccountSettings> {
  const res = await call(ctx(scope, "GetAccountSettings", `region ${scope.region}`), () =>
    lambdaClient(scope).send(new GetAccountSettingsCommand({})),
  );
  const limit = res.AccountLimit ?? {};
  const usage = res.AccountUsage ?? {};
  return {
    concurrencyLimit: limit.ConcurrentExecutions ?? 0,
    unreservedConcurrencyLimit: limit.UnreservedConcurrentExecutions ?? 0,
    codeStorageLimitBytes: limit.TotalCodeSize ?? 0,
    codeStorageUsedBytes: usage.TotalCodeSize ?? 0,
    functionCount: usage.FunctionCount ?? 0,
    codeSizeZippedLimitBytes: limit.CodeSizeZipped ?? 0,
    codeSizeUnzippedLimitBytes: limit.CodeSizeUnzipped ?? 0,
  };
}

export interface LayerVersion {
  arn: string;
  codeSizeBytes: number | null;
  compatibleRuntimes: string[];
}

/** GetLayerVersionByArn: read once per distinct layer version (they are immutable). */
export async function getLayerVersion(scope: AwsScope, arn: string): Promise<LayerVersion> {
  const res = await call(ctx(scope, "GetLayerVersionByArn", `layer ${arn}`), () =>
    lambdaClient(scope).send(new GetLayerVersionByArnCommand({ Arn: arn })),
  );
  return {
    arn,
    codeSizeBytes: res.Content?.CodeSize ?? null,
    compatibleRuntimes: res.CompatibleRuntimes ?? [],
  };
}
