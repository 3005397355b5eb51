import { createHash } from "node:crypto";
import { MINUTE_MS } from "../model/workload";
import {
  integerQuery,
  jsonResponse,
  restJsonError,
  RestJsonRouter,
  validationException,
  type RouteMatch,
} from "../protocol/rest-json";
import type { IndexedFunction, LayerSpec, Scenario } from "../scenario/schema";
import { AwsError, type SimContext, type SimRequest, type SimResponse, type SimService } from "../types";

/**
 * Lambda's read-only control plane over restJson1, as @aws-sdk/client-lambda speaks it (the SDK's
 * operation schemas in dist-es/schemas/schemas_0.js give the method, path and bindings of each
 * operation). Only the functions of the request's region (its SigV4 credential scope) are visible.
 *
 * Rate limits, injected faults and call counting happen in sim/server.ts before a handler runs;
 * the errors they produce are serialized by `errorResponse` below.
 *
 * Function names in paths may be a name, a full ARN or a partial ARN (`<account>:function:<name>`),
 * each optionally with a `:<qualifier>` (version or alias), percent-encoded as one path segment.
 */

/** ListFunctions and ListVersionsByFunction: at most 50 items per response, whatever MaxItems asks (facts sheet 1). */
const FUNCTIONS_PAGE = 50;
const ALIASES_PAGE = 50;
const EVENT_SOURCE_MAPPINGS_PAGE = 100;
const PROVISIONED_CONCURRENCY_PAGE = 50;
const MAX_LIST_ITEMS = 10_000;

/**
 * Lambda-managed code storage per region: 300 GB, not increasable ("Lambda quotas",
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html; facts sheet 1 — it was
 * 75 GB before). Reported in bytes with binary gigabytes, as the old 75 GB was (80,530,636,800).
 */
export const DEFAULT_CODE_STORAGE_BYTES = 300 * 1024 ** 3;
/** AccountLimit.CodeSizeUnzipped (250 MB) and CodeSizeZipped (50 MB), in bytes. */
const CODE_SIZE_UNZIPPED = 262_144_000;
const CODE_SIZE_ZIPPED = 52_428_800;
const DEFAULT_CONCURRENCY_LIMIT = 1000;

const NOT_FOUND_MESSAGE = "The resource you requested does not exist.";

/** FunctionName, as Lambda's model constrains it (name, partial ARN or ARN, optional qualifier). */
const FUNCTION_NAME =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9-_.]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const FUNCTION_NAME_PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9-_]{1,128})$/;
const FUNCTION_ARN =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const LAYER_VERSION_ARN =
  /^arn:[a-zA-Z0-9-]+:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):layer:([a-zA-Z0-9-_]+):(\d+)$/;

/** Errors whose modelled message member is lowercase `message` (the SDK's error schemas); the rest use `Message`. */
const LOWERCASE_MESSAGE: ReadonlySet<string> = new Set([
  "TooManyRequestsException",
  "InvalidParameterValueException",
  "InvalidRequestContentException",
  "ResourceConflictException",
  "ProvisionedConcurrencyConfigNotFoundException",
  "PreconditionFailedException",
  "PolicyLengthExceededException",
  "CodeStorageExceededException",
  "RequestTooLargeException",
  "UnsupportedMediaTypeException",
  "ResourceNotReadyException",
  "ValidationException",
  "SerializationException",
]);

const router = new RestJsonRouter([
  { method: "GET", template: "/2015-03-31/functions", operation: "ListFunctions" },
  { method: "GET", template: "/2015-03-31/functions/{FunctionName}", operation: "GetFunction" },
  {
    method: "GET",
    template: "/2015-03-31/functions/{FunctionName}/configuration",
    operation: "GetFunctionConfiguration",
  },
  { method: "GET", template: "/2015-03-31/functions/{FunctionName}/policy", operation: "GetPolicy" },
  { method: "GET", template: "/2015-03-31/functions/{FunctionName}/aliases", operation: "ListAliases" },
  {
    method: "GET",
    template: "/2015-03-31/functions/{FunctionName}/versions",
    operation: "ListVersionsByFunction",
  },
  { method: "GET", template: "/2015-03-31/event-source-mappings", operation: "ListEventSourceMappings" },
  { method: "GET", template: "/2016-08-19/account-settings", operation: "GetAccountSettings" },
  { method: "GET", template: "/2017-03-31/tags/{Resource}", operation: "ListTags" },
  {
    method: "GET",
    template: "/2018-10-31/layers",
    operation: "GetLayerVersionByArn",
    query: { find: "LayerVersion" },
  },
  {
    method: "GET",
    template: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    operation: "GetFunctionEventInvokeConfig",
  },
  {
    method: "GET",
    template: "/2019-09-30/functions/{FunctionName}/concurrency",
    operation: "GetFunctionConcurrency",
  },
  {
    method: "GET",
    template: "/2019-09-30/functions/{FunctionName}/provisioned-concurrency",
    operation: "ListProvisionedConcurrencyConfigs",
    query: { List: "ALL" },
  },
  { method: "GET", template: "/2021-10-31/functions/{FunctionName}/url", operation: "GetFunctionUrlConfig" },
]);

type Json = Record<string, unknown>;

/** One request being served. */
interface Call {
  req: SimRequest;
  ctx: SimContext;
  scenario: Scenario;
  region: string;
  account: string;
  labels: RouteMatch["labels"];
}

// ---------------------------------------------------------------------------------------------
// deterministic identifiers and times

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/** A UUID-shaped (version 4 layout) identifier derived from a key. */
function uuidFrom(key: string): string {
  const h = sha256(key).toString("hex");
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
function alnumFrom(key: string, length: number): string {
  return [...sha256(key).subarray(0, length)].map((b) => ALNUM.charAt(b % ALNUM.length)).join("");
}

/** `2024-01-02T03:04:05.000+0000`, the form of FunctionConfiguration.LastModified. */
const lambdaTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");
/** `2024-01-02T03:04:05+0000`, the form of provisioned concurrency's LastModified. */
const lambdaTimeSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+0000`;

/** Epoch ms of `minutesAgo` before the sim's anchor. */
function minutesAgoMs(c: Call, minutesAgo: number): number {
  return Math.round((c.ctx.model.anchorMinute - minutesAgo) * MINUTE_MS);
}

// ---------------------------------------------------------------------------------------------
// functions of a region, names and qualifiers

const byRegion = new WeakMap<Scenario, Map<string, IndexedFunction[]>>();

/** The region's functions, by name (the order ListFunctions pages through). */
function regionFunctions(scenario: Scenario, region: string): IndexedFunction[] {
  let regions = byRegion.get(scenario);
  if (!regions) {
    regions = new Map();
    byRegion.set(scenario, regions);
  }
  let list = regions.get(region);
  if (!list) {
    list = [...scenario.functionIndex.values()]
      .filter((f) => f.region === region)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    regions.set(region, list);
  }
  return list;
}

/** A function and the version a request addresses. */
interface Target {
  fn: IndexedFunction;
  /** The qualifier as given (name suffix or ?Qualifier=), if any. */
  qualifier: string | undefined;
  /** `$LATEST` or a published version number, after resolving an alias. */
  version: string;
}

const functionNotFound = (arn: string) =>
  new AwsError("ResourceNotFoundException", `Function not found: ${arn}`, 404);

/**
 * Resolves the `{FunctionName}` label (and `?Qualifier=` when the operation has one) to a function
 * of the request's region; 404 ResourceNotFoundException when there is none.
 */
function resolveFunction(c: Call, raw: string | undefined, opts: { queryQualifier?: boolean } = {}): Target {
  const m = raw === undefined ? null : FUNCTION_NAME.exec(raw);
  if (!m || raw === undefined)
    throw validationException(
      "FunctionName",
      raw ?? "",
      `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`,
    );
  const [, region = c.region, account = c.account, name = "", nameQualifier] = m;
  const queryQualifier = opts.queryQualifier ? (c.req.query.get("Qualifier") ?? undefined) : undefined;
  if (queryQualifier !== undefined && !QUALIFIER.test(queryQualifier))
    throw validationException(
      "Qualifier",
      queryQualifier,
      "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)",
    );
  if (nameQualifier !== undefined && queryQualifier !== undefined && nameQualifier !== queryQualifier)
    throw new AwsError(
      "InvalidParameterValueException",
      "The derived qualifier from the function name does not match the specified qualifier.",
    );
  const qualifier = nameQualifier ?? queryQualifier;
  const arn = `arn:aws:lambda:${region}:${account}:function:${name}`;
  const qualified = (a: string) => (qualifier === undefined ? a : `${a}:${qualifier}`);
  const fn =
    region === c.region && account === c.account
      ? c.scenario.functionIndex.get(`${region}/${name}`)
      : undefined;
  if (!fn) throw functionNotFound(qualified(arn));
  if (qualifier === undefined || qualifier === "$LATEST") return { fn, qualifier, version: "$LATEST" };
  if (/^\d+$/.test(qualifier)) {
    if (fn.versions.includes(Number(qualifier))) return { fn, qualifier, version: String(Number(qualifier)) };
    throw functionNotFound(qualified(fn.arn));
  }
  const alias = fn.aliases.find((a) => a.name === qualifier);
  if (!alias) throw functionNotFound(qualified(fn.arn));
  return { fn, qualifier, version: alias.functionVersion };
}

const latestPublished = (fn: IndexedFunction) => (fn.versions.length ? Math.max(...fn.versions) : undefined);

/**
 * When a version was deployed, in minutes before the anchor: $LATEST at `lastModifiedMinutesAgo`,
 * the newest published version with it, each older version one day earlier.
 */
function versionMinutesAgo(fn: IndexedFunction, version: string): number {
  const newest = latestPublished(fn);
  if (version === "$LATEST" || newest === undefined) return fn.lastModifiedMinutesAgo;
  return fn.lastModifiedMinutesAgo + Math.max(0, newest - Number(version)) * 24 * 60;
}

/** The code a version runs: $LATEST shares the newest published version's package. */
function codeRevision(fn: IndexedFunction, version: string): string {
  return version === "$LATEST" ? String(latestPublished(fn) ?? 0) : version;
}

const codeSha256 = (fn: IndexedFunction, version: string) =>
  sha256(`${fn.arn}#code#${codeRevision(fn, version)}`).toString("base64");

function roleArn(c: Call, fn: IndexedFunction): string {
  const path = c.scenario.roleIndex.get(fn.role)?.path ?? "/";
  return `arn:aws:iam::${c.account}:role${path}${fn.role}`;
}

function defaultHandler(runtime: string | undefined): string {
  if (!runtime) return "index.handler";
  if (runtime.startsWith("python")) return "lambda_function.lambda_handler";
  if (runtime.startsWith("java")) return "example.Handler::handleRequest";
  if (runtime.startsWith("provided") || runtime.startsWith("go")) return "bootstrap";
  if (runtime.startsWith("ruby")) return "lambda_function.lambda_handler";
  if (runtime.startsWith("dotnet")) return "Function::Function.Function::FunctionHandler";
  return "index.handler";
}

function vpcId(subnetIds: readonly string[]): string {
  return `vpc-${sha256([...subnetIds].sort().join(","))
    .toString("hex")
    .slice(0, 17)}`;
}

function layerOf(c: Call, arn: string): LayerSpec | undefined {
  return c.scenario.layerIndex.get(arn);
}

/**
 * A FunctionConfiguration as GetFunctionConfiguration returns it. `list` leaves out what
 * ListFunctions and ListVersionsByFunction do not return (State, LastUpdateStatus and their
 * reasons, RuntimeVersionConfig; API reference of ListFunctions).
 */
function functionConfiguration(
  c: Call,
  fn: IndexedFunction,
  version: string,
  arn: string,
  list: boolean,
): Json {
  const zip = fn.packageType === "Zip";
  const lastModified = minutesAgoMs(c, versionMinutesAgo(fn, version));
  const snapStartOn = fn.snapStart && version !== "$LATEST";
  const config: Json = {
    FunctionName: fn.name,
    FunctionArn: arn,
    ...(zip ? { Runtime: fn.runtime } : {}),
    Role: roleArn(c, fn),
    ...(zip ? { Handler: fn.handler ?? defaultHandler(fn.runtime) } : {}),
    CodeSize: zip ? fn.codeSizeBytes : 0,
    Description: fn.description,
    Timeout: fn.timeoutS,
    MemorySize: fn.memoryMB,
    LastModified: lambdaTime(lastModified),
    CodeSha256: codeSha256(fn, version),
    Version: version,
    ...(fn.vpc
      ? {
          VpcConfig: {
            SubnetIds: fn.vpc.subnetIds,
            SecurityGroupIds: fn.vpc.securityGroupIds,
            VpcId: vpcId(fn.vpc.subnetIds),
            Ipv6AllowedForDualStack: false,
          },
        }
      : {}),
    ...(fn.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: fn.deadLetterTargetArn } } : {}),
    ...(Object.keys(fn.environment).length ? { Environment: { Variables: { ...fn.environment } } } : {}),
    TracingConfig: { Mode: fn.tracing },
    RevisionId: uuidFrom(`${fn.arn}#revision#${version}#${lastModified}`),
    ...(fn.layers.length
      ? { Layers: fn.layers.map((l) => ({ Arn: l, CodeSize: layerOf(c, l)?.codeSizeBytes ?? 0 })) }
      : {}),
    ...(list ? {} : { State: "Active", LastUpdateStatus: "Successful" }),
    PackageType: fn.packageType,
    Architectures: [fn.architecture],
    EphemeralStorage: { Size: fn.ephemeralStorageMB },
    SnapStart: {
      ApplyOn: fn.snapStart ? "PublishedVersions" : "None",
      OptimizationStatus: snapStartOn ? "On" : "Off",
    },
    ...(list || !zip
      ? {}
      : {
          RuntimeVersionConfig: {
            RuntimeVersionArn: `arn:aws:lambda:${fn.region}::runtime:${sha256(`${fn.runtime}#${fn.architecture}`).toString("hex")}`,
          },
        }),
    LoggingConfig: {
      LogFormat: fn.logFormat,
      ...(fn.logFormat === "JSON" ? { ApplicationLogLevel: "INFO", SystemLogLevel: "INFO" } : {}),
      LogGroup: fn.logGroupName,
    },
  };
  return config;
}

/** The ARN a configuration reports: unqualified for $LATEST unless asked with a qualifier. */
function configurationArn(t: Target): string {
  return t.qualifier === undefined ? t.fn.arn : `${t.fn.arn}:${t.qualifier}`;
}

// ---------------------------------------------------------------------------------------------
// paging

/** Marker of the next page: opaque to clients, an offset into the (immutable) list for the sim. */
function encodeMarker(operation: string, offset: number): string {
  return Buffer.from(`${operation}:${offset}`, "utf8").toString("base64url");
}

function decodeMarker(operation: string, marker: string | null, size: number): number {
  if (marker === null || marker === "") return 0;
  const text = Buffer.from(marker, "base64url").toString("utf8");
  const m = /^([A-Za-z]+):(\d+)$/.exec(text);
  const offset = m ? Number(m[2]) : NaN;
  if (!m || m[1] !== operation || offset > size)
    throw new AwsError("InvalidParameterValueException", `Invalid Marker: ${marker}`);
  return offset;
}

/** One page of `items`: at most `cap` per response however large MaxItems is; NextMarker when more remain. */
function page<T>(
  c: Call,
  operation: string,
  items: readonly T[],
  cap: number,
  maxItemsLimit = MAX_LIST_ITEMS,
) {
  const maxItems = integerQuery(c.req.query, "MaxItems", 1, maxItemsLimit) ?? cap;
  const start = decodeMarker(operation, c.req.query.get("Marker"), items.length);
  const end = Math.min(items.length, start + Math.min(maxItems, cap));
  return {
    items: items.slice(start, end),
    nextMarker: end < items.length ? encodeMarker(operation, end) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// operations

function listFunctions(c: Call): Json {
  const functionVersion = c.req.query.get("FunctionVersion");
  if (functionVersion !== null && functionVersion !== "ALL")
    throw validationException(
      "FunctionVersion",
      functionVersion,
      "Member must satisfy enum value set: [ALL]",
    );
  const masterRegion = c.req.query.get("MasterRegion");
  if (masterRegion !== null && functionVersion !== "ALL")
    throw new AwsError(
      "InvalidParameterValueException",
      "FunctionVersion must be set to ALL when MasterRegion is specified.",
    );
  // The sim has no Lambda@Edge replicas: a MasterRegion filter matches nothing.
  const functions = masterRegion !== null ? [] : regionFunctions(c.scenario, c.region);
  const entries: Array<{ fn: IndexedFunction; version: string }> = [];
  for (const fn of functions) {
    entries.push({ fn, version: "$LATEST" });
    if (functionVersion === "ALL")
      for (const v of [...fn.versions].sort((a, b) => a - b)) entries.push({ fn, version: String(v) });
  }
  const p = page(c, "ListFunctions", entries, FUNCTIONS_PAGE);
  return {
    ...(p.nextMarker ? { NextMarker: p.nextMarker } : {}),
    Functions: p.items.map(({ fn, version }) =>
      // With FunctionVersion=ALL every entry's ARN is qualified, $LATEST's too (as AWS answers, per getmoto/moto#3422).
      functionConfiguration(
        c,
        fn,
        version,
        functionVersion === "ALL" ? `${fn.arn}:${version}` : fn.arn,
        true,
      ),
    ),
  };
}

function codeLocation(c: Call, fn: IndexedFunction, version: string): Json {
  if (fn.packageType === "Image") {
    const repo = `${c.account}.dkr.ecr.${fn.region}.amazonaws.com/${fn.name}`;
    const digest = sha256(`${fn.arn}#image#${codeRevision(fn, version)}`).toString("hex");
    return {
      RepositoryType: "ECR",
      ImageUri: `${repo}:latest`,
      ResolvedImageUri: `${repo}@sha256:${digest}`,
    };
  }
  // A presigned S3 URL to the package, valid for 10 minutes; the sim signs nothing, so the signature is decoration.
  const now = new Date(c.ctx.now());
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const key = `snapshots/${c.account}/${fn.name}-${uuidFrom(`${fn.arn}#package#${codeRevision(fn, version)}`)}`;
  const query = new URLSearchParams({
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Date": amzDate,
    "X-Amz-SignedHeaders": "host",
    "X-Amz-Expires": "600",
    "X-Amz-Credential": `ASIASIMULATEDLAMBDA0/${amzDate.slice(0, 8)}/${fn.region}/s3/aws4_request`,
    "X-Amz-Signature": sha256(`${key}#${amzDate}`).toString("hex"),
  });
  return {
    RepositoryType: "S3",
    Location: `https://awslambda-${fn.region}-tasks.s3.${fn.region}.amazonaws.com/${key}?${query.toString()}`,
  };
}

function getFunction(c: Call): Json {
  const t = resolveFunction(c, c.labels.FunctionName, { queryQualifier: true });
  const { fn, version } = t;
  return {
    Configuration: functionConfiguration(c, fn, version, configurationArn(t), false),
    Code: codeLocation(c, fn, version),
    ...(Object.keys(fn.tags).length ? { Tags: { ...fn.tags } } : {}),
    ...(fn.reservedConcurrency !== undefined
      ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }
      : {}),
  };
}

function getFunctionConfiguration(c: Call): Json {
  const t = resolveFunction(c, c.labels.FunctionName, { queryQualifier: true });
  return functionConfiguration(c, t.fn, t.version, configurationArn(t), false);
}

/** Layer versions stored by the account in a region (public layers of other accounts are not its storage). */
function ownLayers(c: Call): LayerSpec[] {
  return [...c.scenario.layerIndex.values()].filter((l) => {
    const m = LAYER_VERSION_ARN.exec(l.arn);
    return m?.[1] === c.region && m[2] === c.account;
  });
}

function getAccountSettings(c: Call): Json {
  const regionSpec = c.scenario.regions[c.region];
  const functions = regionFunctions(c.scenario, c.region);
  const concurrency = regionSpec?.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT;
  const reserved = functions.reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0);
  const functionCode = functions.reduce((n, f) => n + (f.packageType === "Zip" ? f.codeSizeBytes : 0), 0);
  const layerCode = ownLayers(c).reduce((n, l) => n + l.codeSizeBytes, 0);
  return {
    AccountLimit: {
      TotalCodeSize: regionSpec?.codeStorageLimitBytes ?? DEFAULT_CODE_STORAGE_BYTES,
      CodeSizeUnzipped: CODE_SIZE_UNZIPPED,
      CodeSizeZipped: CODE_SIZE_ZIPPED,
      ConcurrentExecutions: concurrency,
      UnreservedConcurrentExecutions: Math.max(0, concurrency - reserved),
    },
    AccountUsage: { TotalCodeSize: functionCode + layerCode, FunctionCount: functions.length },
  };
}

function getFunctionConcurrency(c: Call): Json {
  const { fn } = resolveFunction(c, c.labels.FunctionName);
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

function listProvisionedConcurrencyConfigs(c: Call): Json {
  const { fn } = resolveFunction(c, c.labels.FunctionName);
  const pc = fn.provisionedConcurrency;
  const configs = pc
    ? [
        {
          FunctionArn: `${fn.arn}:${pc.qualifier}`,
          RequestedProvisionedConcurrentExecutions: pc.allocated,
          AvailableProvisionedConcurrentExecutions: pc.allocated,
          AllocatedProvisionedConcurrentExecutions: pc.allocated,
          Status: "READY",
          LastModified: lambdaTimeSeconds(minutesAgoMs(c, fn.lastModifiedMinutesAgo)),
        },
      ]
    : [];
  const p = page(
    c,
    "ListProvisionedConcurrencyConfigs",
    configs,
    PROVISIONED_CONCURRENCY_PAGE,
    PROVISIONED_CONCURRENCY_PAGE,
  );
  return { ProvisionedConcurrencyConfigs: p.items, ...(p.nextMarker ? { NextMarker: p.nextMarker } : {}) };
}

function getPolicy(c: Call): Json {
  const t = resolveFunction(c, c.labels.FunctionName, { queryQualifier: true });
  const { fn } = t;
  // The scenario's policy is the unqualified function's; versions and aliases have none of their own.
  if (!fn.resourcePolicy || (t.qualifier !== undefined && t.qualifier !== "$LATEST"))
    throw new AwsError("ResourceNotFoundException", NOT_FOUND_MESSAGE, 404);
  const document = {
    Version: "2012-10-17",
    Id: "default",
    Statement: fn.resourcePolicy.map((s) => ({ ...s, Resource: s.Resource ?? fn.arn })),
  };
  return {
    Policy: JSON.stringify(document),
    RevisionId: uuidFrom(`${fn.arn}#policy#${fn.lastModifiedMinutesAgo}`),
  };
}

function listTags(c: Call): Json {
  const raw = c.labels.Resource;
  const m = raw === undefined ? null : FUNCTION_ARN.exec(raw);
  if (!m || raw === undefined)
    throw validationException(
      "Resource",
      raw ?? "",
      "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|.*)",
    );
  const [, region, account, name, qualifier] = m;
  if (qualifier !== undefined)
    throw new AwsError(
      "InvalidParameterValueException",
      "Tags are not supported on qualified function ARNs.",
    );
  const fn =
    region === c.region && account === c.account
      ? c.scenario.functionIndex.get(`${region}/${name}`)
      : undefined;
  if (!fn) throw functionNotFound(raw);
  return { Tags: { ...fn.tags } };
}

function listAliases(c: Call): Json {
  const { fn } = resolveFunction(c, c.labels.FunctionName);
  const versionFilter = c.req.query.get("FunctionVersion");
  const aliases = fn.aliases
    .filter((a) => versionFilter === null || a.functionVersion === versionFilter)
    .map((a) => ({
      AliasArn: `${fn.arn}:${a.name}`,
      Name: a.name,
      FunctionVersion: a.functionVersion,
      Description: "",
      RevisionId: uuidFrom(`${fn.arn}#alias#${a.name}#${a.functionVersion}`),
    }));
  const p = page(c, "ListAliases", aliases, ALIASES_PAGE);
  return { ...(p.nextMarker ? { NextMarker: p.nextMarker } : {}), Aliases: p.items };
}

function listVersionsByFunction(c: Call): Json {
  const { fn } = resolveFunction(c, c.labels.FunctionName);
  const versions = ["$LATEST", ...[...fn.versions].sort((a, b) => a - b).map(String)];
  const p = page(c, "ListVersionsByFunction", versions, FUNCTIONS_PAGE);
  return {
    ...(p.nextMarker ? { NextMarker: p.nextMarker } : {}),
    Versions: p.items.map((v) => functionConfiguration(c, fn, v, `${fn.arn}:${v}`, true)),
  };
}

function getFunctionEventInvokeConfig(c: Call): Json {
  const t = resolveFunction(c, c.labels.FunctionName, { queryQualifier: true });
  const { fn } = t;
  const arn = `${fn.arn}:${t.qualifier ?? "$LATEST"}`;
  const cfg = fn.asyncConfig;
  // The scenario's config is the unqualified function's ($LATEST).
  if (!cfg || (t.qualifier !== undefined && t.qualifier !== "$LATEST"))
    throw new AwsError(
      "ResourceNotFoundException",
      `The function ${arn} doesn't have an EventInvokeConfig`,
      404,
    );
  return {
    // restJson1 timestamps default to epoch seconds.
    LastModified: minutesAgoMs(c, fn.lastModifiedMinutesAgo) / 1000,
    FunctionArn: arn,
    ...(cfg.maximumRetryAttempts !== undefined ? { MaximumRetryAttempts: cfg.maximumRetryAttempts } : {}),
    ...(cfg.maximumEventAgeInSeconds !== undefined
      ? { MaximumEventAgeInSeconds: cfg.maximumEventAgeInSeconds }
      : {}),
    DestinationConfig: {
      OnSuccess: cfg.onSuccess ? { Destination: cfg.onSuccess } : {},
      OnFailure: cfg.onFailure ? { Destination: cfg.onFailure } : {},
    },
  };
}

function eventSourceMapping(
  c: Call,
  fn: IndexedFunction,
  source: IndexedFunction["eventSources"][number],
): Json {
  const uuid = uuidFrom(`${fn.arn}#esm#${source.eventSourceArn}`);
  const service = source.eventSourceArn.split(":")[2] ?? "";
  const common = {
    UUID: uuid,
    BatchSize: source.batchSize,
    EventSourceArn: source.eventSourceArn,
    FunctionArn: fn.arn,
    LastModified: minutesAgoMs(c, fn.lastModifiedMinutesAgo) / 1000,
    State: source.state,
    EventSourceMappingArn: `arn:aws:lambda:${fn.region}:${c.account}:event-source-mapping:${uuid}`,
  };
  if (service === "kinesis" || service === "dynamodb")
    return {
      ...common,
      StartingPosition: source.startingPosition ?? "LATEST",
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      LastProcessingResult: source.state === "Enabled" ? "OK" : "No records processed",
      StateTransitionReason: "User action",
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
    };
  if (service === "sqs")
    return {
      ...common,
      MaximumBatchingWindowInSeconds: 0,
      StateTransitionReason: "USER_INITIATED",
      FunctionResponseTypes: [],
    };
  return { ...common, StateTransitionReason: "USER_INITIATED" };
}

function listEventSourceMappings(c: Call): Json {
  const functionName = c.req.query.get("FunctionName");
  const sourceArn = c.req.query.get("EventSourceArn");
  let functions = regionFunctions(c.scenario, c.region);
  if (functionName !== null) {
    const t = resolveFunction(c, functionName);
    // Mappings in the scenario invoke the unqualified function; none is attached to a version or alias.
    functions = t.qualifier === undefined || t.qualifier === "$LATEST" ? [t.fn] : [];
  }
  const mappings = functions.flatMap((fn) =>
    fn.eventSources
      .filter((s) => sourceArn === null || s.eventSourceArn === sourceArn)
      .map((s) => eventSourceMapping(c, fn, s)),
  );
  const p = page(c, "ListEventSourceMappings", mappings, EVENT_SOURCE_MAPPINGS_PAGE);
  return { ...(p.nextMarker ? { NextMarker: p.nextMarker } : {}), EventSourceMappings: p.items };
}

function getFunctionUrlConfig(c: Call): Json {
  const t = resolveFunction(c, c.labels.FunctionName, { queryQualifier: true });
  const { fn } = t;
  // The scenario's URL is the unqualified function's; aliases have none of their own.
  if (!fn.functionUrl || (t.qualifier !== undefined && t.qualifier !== "$LATEST"))
    throw new AwsError("ResourceNotFoundException", NOT_FOUND_MESSAGE, 404);
  const created = new Date(minutesAgoMs(c, fn.lastModifiedMinutesAgo)).toISOString();
  const cors = fn.functionUrl.cors;
  return {
    FunctionUrl: `https://${alnumFrom(`${fn.arn}#url`, 32)}.lambda-url.${fn.region}.on.aws/`,
    FunctionArn: fn.arn,
    AuthType: fn.functionUrl.authType,
    ...(cors ? { Cors: { AllowOrigins: cors.allowOrigins, AllowMethods: cors.allowMethods } } : {}),
    CreationTime: created,
    LastModifiedTime: created,
    InvokeMode: "BUFFERED",
  };
}

function getLayerVersionByArn(c: Call): Json {
  const arn = c.req.query.get("Arn");
  if (arn === null)
    throw new AwsError(
      "ValidationException",
      "1 validation error detected: Value null at 'arn' failed to satisfy constraint: Member must not be null",
    );
  const m = LAYER_VERSION_ARN.exec(arn);
  if (!m)
    throw validationException(
      "Arn",
      arn,
      "Member must satisfy regular expression pattern: arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+",
    );
  const [, region, account, name, version] = m;
  const layer = region === c.region ? c.scenario.layerIndex.get(arn) : undefined;
  if (!layer) throw new AwsError("ResourceNotFoundException", NOT_FOUND_MESSAGE, 404);
  // Created before the oldest deployment that uses it (or 90 days ago when nothing does).
  const users = [...c.scenario.functionIndex.values()].filter((f) => f.layers.includes(arn));
  const minutesAgo = Math.max(90 * 24 * 60, ...users.map((f) => f.lastModifiedMinutesAgo + 24 * 60));
  const packageKey = `snapshots/${account}/${name}-${uuidFrom(`${arn}#layer`)}`;
  return {
    Content: {
      Location: `https://prod-${region}-layers.s3.${region}.amazonaws.com/${packageKey}?X-Amz-Expires=600&X-Amz-SignedHeaders=host`,
      CodeSha256: sha256(`${arn}#layer`).toString("base64"),
      CodeSize: layer.codeSizeBytes,
    },
    LayerArn: arn.slice(0, arn.lastIndexOf(":")),
    LayerVersionArn: arn,
    Description: layer.description,
    CreatedDate: lambdaTime(minutesAgoMs(c, minutesAgo)),
    Version: Number(version),
    CompatibleRuntimes: layer.compatibleRuntimes,
  };
}

const HANDLERS: Record<string, (c: Call) => Json> = {
  ListFunctions: listFunctions,
  GetFunction: getFunction,
  GetFunctionConfiguration: getFunctionConfiguration,
  GetAccountSettings: getAccountSettings,
  GetFunctionConcurrency: getFunctionConcurrency,
  ListProvisionedConcurrencyConfigs: listProvisionedConcurrencyConfigs,
  GetPolicy: getPolicy,
  ListTags: listTags,
  ListAliases: listAliases,
  ListVersionsByFunction: listVersionsByFunction,
  GetFunctionEventInvokeConfig: getFunctionEventInvokeConfig,
  ListEventSourceMappings: listEventSourceMappings,
  GetFunctionUrlConfig: getFunctionUrlConfig,
  GetLayerVersionByArn: getLayerVersionByArn,
};

export const lambdaService: SimService = {
  signingNames: ["lambda"],
  actionPrefix: "lambda",
  operationOf: (req) => router.match(req)?.operation,
  handle: (req: SimRequest, operation: string, ctx: SimContext): SimResponse => {
    const match = router.match(req);
    const handler = HANDLERS[operation];
    if (!match || match.operation !== operation || !handler)
      throw new AwsError("UnknownOperationException", `Unknown operation ${req.method} ${req.path}`, 404);
    const call: Call = {
      req,
      ctx,
      scenario: ctx.scenario,
      region: req.region,
      account: ctx.scenario.accountId,
      labels: match.labels,
    };
    return jsonResponse(handler(call));
  },
  errorResponse: (err) => restJsonError(err, { lowercaseMessage: LOWERCASE_MESSAGE }),
};
