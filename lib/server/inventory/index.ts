import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import {
  getEventInvokeConfig,
  getFunctionTags,
  getFunctionUrl,
  getLayerVersion,
  getResourcePolicy,
  listAliases,
  listEventSourceMappings,
  listFunctions,
  listProvisionedConcurrency,
  listVersions,
  type AsyncConfig,
  type EventSourceMapping,
  type FunctionTags,
  type FunctionUrl,
  type LambdaFunction,
  type LayerVersion,
  type ProvisionedConcurrency,
  type PublishedVersion,
} from "@/lib/aws/lambda";
import { describeLogGroups, describeLogGroupsByName, type LogGroupInfo } from "@/lib/aws/logs";
import { listFunctionTags } from "@/lib/aws/tagging";
import { getConfig } from "@/lib/config";
import { policyGrantsUrlInvoke, resourcePolicyDocument } from "@/lib/analysis/iam/analyze-resource-policies";
import type { FunctionConfig } from "@/lib/schemas/functions";
import type { SectionError, Section } from "@/lib/schemas/common";
import { getCache, raceTimeout, type CacheResult } from "../cache";
import { NotFoundError } from "../errors";
import { mapPool } from "../pool";
import { errorSection, iso, pendingError } from "../section";
import { scopeKey } from "../scope";

/**
 * The inventory of a region, read economically (facts sheet 2a: GetFunction has its own 100/s
 * bucket, every other control-plane API shares 15/s per region):
 * - once per region: ListFunctions (paged), DescribeLogGroups (paged, /aws/lambda/ prefix, plus
 *   custom log groups by name), ListEventSourceMappings (paged), and for the function list's teams
 *   Resource Groups Tagging GetResources (paged, 100 functions a call);
 * - once per function, only where reserved concurrency is needed too (a function's full
 *   configuration): GetFunction (tags and reserved concurrency), cached on its own;
 * - per function, only when a full configuration is asked for: ListProvisionedConcurrencyConfigs,
 *   GetFunctionUrlConfig, GetFunctionEventInvokeConfig, ListAliases, GetPolicy, each cached on its own;
 * - once per distinct layer version: GetLayerVersionByArn.
 * Every call passes the per-region rate buckets of lib/aws.
 */

export type { LambdaFunction } from "@/lib/aws/lambda";

const LAMBDA_PREFIX = "/aws/lambda/";

const fnKey = (scope: AwsScope, name: string) => `${scopeKey(scope)}:${name}`;

/** ListFunctions of a region (configuration only). */
export function regionFunctions(scope: AwsScope, waitMs?: number): Promise<CacheResult<LambdaFunction[]>> {
  return getCache().read("inventory", scopeKey(scope), () => listFunctions(scope), { waitMs });
}

/** A function by name, or NotFoundError; throws the inventory's own error when the region cannot be read. */
export async function findFunction(
  scope: AwsScope,
  name: string,
): Promise<{ fn: LambdaFunction; inventory: CacheResult<LambdaFunction[]> }> {
  const inventory = await regionFunctions(scope);
  if (inventory.state === "error") throw inventory.error;
  if (inventory.state === "pending") throw pendingError();
  const fn = inventory.value.find((f) => f.name === name);
  if (!fn)
    throw new NotFoundError(
      `function ${name} was not found in ${scope.region} of account "${scope.account.id}"`,
    );
  return { fn, inventory };
}

/** Log groups of a region by name: the /aws/lambda/ prefix once, then custom groups of the region's functions by name. */
export function regionLogGroups(
  scope: AwsScope,
  waitMs?: number,
): Promise<CacheResult<Record<string, LogGroupInfo>>> {
  return getCache().read(
    "regionResources",
    `logGroups:${scopeKey(scope)}`,
    async () => {
      const [groups, inventory] = await Promise.all([
        describeLogGroups(scope, LAMBDA_PREFIX),
        regionFunctions(scope),
      ]);
      const byName: Record<string, LogGroupInfo> = {};
      for (const g of groups) byName[g.name] = g;
      const custom =
        inventory.state === "ok"
          ? [...new Set(inventory.value.map((f) => f.logGroupName))].filter(
              (n) => !n.startsWith(LAMBDA_PREFIX),
            )
          : [];
      if (custom.length) for (const g of await describeLogGroupsByName(scope, custom)) byName[g.name] = g;
      return byName;
    },
    { waitMs },
  );
}

/** ListEventSourceMappings once per region. */
export function regionEventSources(scope: AwsScope): Promise<CacheResult<EventSourceMapping[]>> {
  return getCache().read("regionResources", `esm:${scopeKey(scope)}`, () => listEventSourceMappings(scope));
}

/** GetFunction: tags and reserved concurrency of one function. */
export function functionTags(scope: AwsScope, name: string): Promise<CacheResult<FunctionTags>> {
  return getCache().read("tags", fnKey(scope, name), () => getFunctionTags(scope, name));
}

/** ListVersionsByFunction: the function's published versions, for change markers. */
export function functionVersions(scope: AwsScope, name: string): Promise<CacheResult<PublishedVersion[]>> {
  return getCache().read("functionExtras", `versions:${fnKey(scope, name)}`, () => listVersions(scope, name));
}

export function provisionedConcurrency(
  scope: AwsScope,
  name: string,
): Promise<CacheResult<ProvisionedConcurrency[]>> {
  return getCache().read("functionExtras", `pc:${fnKey(scope, name)}`, () =>
    listProvisionedConcurrency(scope, name),
  );
}

function functionUrl(scope: AwsScope, name: string): Promise<CacheResult<FunctionUrl | null>> {
  return getCache().read("functionExtras", `url:${fnKey(scope, name)}`, () => getFunctionUrl(scope, name));
}

function asyncConfig(scope: AwsScope, name: string): Promise<CacheResult<AsyncConfig | null>> {
  return getCache().read("functionExtras", `async:${fnKey(scope, name)}`, () =>
    getEventInvokeConfig(scope, name),
  );
}

function aliases(
  scope: AwsScope,
  name: string,
): Promise<CacheResult<Array<{ name: string; functionVersion: string }>>> {
  return getCache().read("functionExtras", `aliases:${fnKey(scope, name)}`, () => listAliases(scope, name));
}

function resourcePolicy(
  scope: AwsScope,
  name: string,
): Promise<CacheResult<Array<Record<string, unknown>> | null>> {
  return getCache().read("functionExtras", `policy:${fnKey(scope, name)}`, () =>
    getResourcePolicy(scope, name),
  );
}

function layer(scope: AwsScope, arn: string): Promise<CacheResult<LayerVersion>> {
  return getCache().read("layers", `${scope.account.id}:${arn}`, () => getLayerVersion(scope, arn));
}

/**
 * Tags of every function of a region by name, in one cached read (GetResources, ⌈tagged/100⌉
 * calls), waiting at most `waitMs`. A function without an entry has no tags.
 */
export function regionTags(
  scope: AwsScope,
  waitMs?: number,
): Promise<CacheResult<Record<string, Record<string, string>>>> {
  return getCache().read(
    "regionResources",
    `tags:${scopeKey(scope)}`,
    async () => Object.fromEntries(await listFunctionTags(scope)),
    { waitMs },
  );
}

export function teamOf(tags: Record<string, string> | null | undefined): string | null {
  const key = getConfig().teamTagKey;
  const v = tags?.[key];
  return v === undefined || v === "" ? null : v;
}

function roleOf(arn: string): { name: string; arn: string } {
  return { name: arn.split("/").at(-1) ?? arn, arn };
}

/**
 * Which per-function parts to read. The function detail reads every part; the region-wide reads
 * behind findings and costs (GetPolicy and the shared 15/s Lambda bucket bound them: facts sheet
 * 2a) leave out what no rule can use, or what the region's own figures already prove absent:
 * - ListAliases: shown on the detail page, judged by no rule;
 * - GetFunctionUrlConfig: only when the resource policy grants lambda:InvokeFunctionUrl, the only
 *   way a caller outside the account reaches a URL (lib/analysis/iam policyGrantsUrlInvoke);
 * - GetFunctionEventInvokeConfig: only when `asyncConfig` says the function is invoked
 *   asynchronously (the rule about failure destinations judges nothing else);
 * - GetFunction: tags and reserved concurrency; with `reservations: "none"` (GetAccountSettings
 *   reports nothing reserved in the region, so no function has a reservation) the tags come from
 *   the region's GetResources read instead;
 * - ListProvisionedConcurrencyConfigs: only when `provisioned` says the function may have some,
 *   given its reserved concurrency.
 */
export interface ReadPlan {
  aliases: boolean;
  functionUrl: "always" | "whenPolicyGrantsUrlInvoke";
  asyncConfig:
    | "always"
    | ((name: string, policy: ReadonlyArray<Record<string, unknown>> | undefined) => Promise<boolean>);
  reservations: "read" | "none";
  provisioned: "always" | ((name: string, reserved: number | null) => Promise<boolean>);
}

export const READ_EVERYTHING: ReadPlan = {
  aliases: true,
  functionUrl: "always",
  asyncConfig: "always",
  reservations: "read",
  provisioned: "always",
};

/** A part left out by the plan: read as "none", and older than nothing. */
const NOT_READ: CacheResult<null> = {
  state: "ok",
  value: null,
  asOf: Number.POSITIVE_INFINITY,
  stale: false,
  partial: false,
};

/** Provisioned concurrency the plan proved absent: none, rather than unknown. */
const NO_PROVISIONED: CacheResult<ProvisionedConcurrency[]> = { ...NOT_READ, value: [] };

/**
 * Tags from the region's GetResources read, for a region without reservations; GetFunction when
 * that read fails (tag:GetResources denied, say), so the findings still see every function's tags.
 */
async function tagsWithoutReservation(scope: AwsScope, name: string): Promise<CacheResult<FunctionTags>> {
  const r = await regionTags(scope);
  if (r.state !== "ok") return functionTags(scope, name);
  const tags = Object.hasOwn(r.value, name) ? (r.value[name] ?? {}) : {};
  return { ...r, value: { tags, reservedConcurrency: null } };
}

export interface BuiltConfig {
  config: FunctionConfig;
  asOf: number;
  stale: boolean;
  partial: boolean;
}

/**
 * A function's full configuration from its parts. A part that cannot be read leaves its fields
 * null or empty and is listed in `unavailable` with the reason; the rest still shows.
 */
export async function buildFunctionConfig(
  scope: AwsScope,
  fn: LambdaFunction,
  baseAsOf: number,
  baseStale: boolean,
  plan: ReadPlan = READ_EVERYTHING,
): Promise<BuiltConfig> {
  const policy = resourcePolicy(scope, fn.name);
  /** A part the plan leaves out reads as "none": the rules that would use it cannot fire. */
  const unless = <T>(needed: Promise<boolean>, read: () => Promise<CacheResult<T | null>>) =>
    needed.then((yes): Promise<CacheResult<T | null>> => (yes ? read() : Promise.resolve(NOT_READ)));
  const policyValue = policy.then((p) => (p.state === "ok" ? (p.value ?? undefined) : undefined));
  const invokedAsync = plan.asyncConfig;
  const tagsRead =
    plan.reservations === "read" ? functionTags(scope, fn.name) : tagsWithoutReservation(scope, fn.name);
  const mayProvision = plan.provisioned;
  const [tags, logGroups, esm, pc, url, asyncCfg, aliasList, policyRead, layers] = await Promise.all([
    tagsRead,
    regionLogGroups(scope),
    regionEventSources(scope),
    mayProvision === "always"
      ? provisionedConcurrency(scope, fn.name)
      : tagsRead
          // Reserved concurrency that could not be read leaves the question open: read it.
          .then((t) => t.state !== "ok" || mayProvision(fn.name, t.value.reservedConcurrency))
          .then((yes) => (yes ? provisionedConcurrency(scope, fn.name) : NO_PROVISIONED)),
    plan.functionUrl === "always"
      ? functionUrl(scope, fn.name)
      : unless(
          // A policy that could not be read leaves the question open: read the URL.
          policy.then((p) => p.state !== "ok" || policyGrantsUrlInvoke(resourcePolicyDocument(p.value))),
          () => functionUrl(scope, fn.name),
        ),
    invokedAsync === "always"
      ? asyncConfig(scope, fn.name)
      : unless(
          policyValue.then((p) => invokedAsync(fn.name, p)),
          () => asyncConfig(scope, fn.name),
        ),
    plan.aliases ? aliases(scope, fn.name) : Promise.resolve(NOT_READ),
    policy,
    Promise.all(fn.layers.map((l) => layer(scope, l.arn))),
  ]);
  const unavailable: Array<{ part: string; error: SectionError }> = [];
  let asOf = baseAsOf;
  let stale = baseStale;
  let partial = false;
  const take = <T>(part: string, r: CacheResult<T>): T | undefined => {
    if (r.state === "ok") {
      asOf = Math.min(asOf, r.asOf);
      stale ||= r.stale;
      partial ||= r.partial;
      if (r.refreshError) unavailable.push({ part, error: r.refreshError.toSectionError() });
      return r.value;
    }
    if (r.state === "pending") partial = true;
    unavailable.push({ part, error: (r.state === "error" ? r.error : pendingError()).toSectionError() });
    return undefined;
  };
  const t = take("tags", tags);
  const groups = take("logGroup", logGroups);
  const mappings = take("eventSources", esm);
  const pcs = take("provisionedConcurrency", pc);
  const u = take("functionUrl", url);
  const a = take("asyncConfig", asyncCfg);
  const al = take("aliases", aliasList);
  const pol = take("resourcePolicy", policyRead);
  const group = groups?.[fn.logGroupName];
  const config: FunctionConfig = {
    account: scope.account.id,
    region: scope.region,
    name: fn.name,
    arn: fn.arn,
    description: fn.description,
    runtime: fn.runtime,
    packageType: fn.packageType,
    handler: fn.handler,
    architecture: fn.architecture,
    memoryMB: fn.memoryMB,
    timeoutS: fn.timeoutS,
    ephemeralStorageMB: fn.ephemeralStorageMB,
    codeSizeBytes: fn.codeSizeBytes,
    // Lambda reports zipped sizes only; unzipped sizes are not in any API response.
    codeSizeUnzippedBytes: null,
    layers: fn.layers.map((l, i) => {
      const lv = layers[i];
      return {
        arn: l.arn,
        codeSizeBytes: l.codeSizeBytes ?? (lv?.state === "ok" ? lv.value.codeSizeBytes : null),
        account: l.arn.split(":")[4] ?? "",
        compatibleRuntimes: lv?.state === "ok" ? lv.value.compatibleRuntimes : null,
      };
    }),
    environment: {
      variables: fn.environment.variables.map((v) => ({ ...v })),
      totalBytes: fn.environment.totalBytes,
    },
    role: roleOf(fn.roleArn),
    vpc: fn.vpc,
    tracing: fn.tracing,
    logFormat: fn.logFormat,
    logGroup: {
      name: fn.logGroupName,
      retentionDays: group?.retentionDays ?? null,
      storedBytes: group?.storedBytes ?? null,
      createdAt: typeof group?.creationTime === "number" ? new Date(group.creationTime).toISOString() : null,
    },
    snapStart: fn.snapStart,
    deadLetterTarget: fn.deadLetterTarget,
    state: fn.state,
    lastModified: fn.lastModified,
    version: fn.version,
    tags: t?.tags ?? {},
    team: teamOf(t?.tags),
    reservedConcurrency: t?.reservedConcurrency ?? null,
    provisionedConcurrency: pcs ?? null,
    functionUrl: u ?? null,
    asyncConfig: a ?? null,
    eventSources: (mappings ?? [])
      .filter((m) => m.functionArn === fn.arn || m.functionArn.startsWith(`${fn.arn}:`))
      .map((m) => ({
        uuid: m.uuid,
        eventSourceArn: m.eventSourceArn,
        state: m.state,
        batchSize: m.batchSize,
      })),
    aliases: al ?? [],
    ...(pol === undefined ? {} : { resourcePolicy: pol }),
    ...(unavailable.length ? { unavailable } : {}),
  };
  return { config, asOf, stale, partial };
}

/** One function's full configuration as a section (the function detail's `config`). */
export async function functionConfigSection(
  scope: AwsScope,
  fn: LambdaFunction,
  inventory: CacheResult<LambdaFunction[]>,
  waitMs?: number,
): Promise<Section<FunctionConfig>> {
  if (inventory.state !== "ok")
    return errorSection(inventory.state === "error" ? inventory.error : pendingError());
  try {
    const building = buildFunctionConfig(scope, fn, inventory.asOf, inventory.stale);
    // Past the wait the reads go on (their results land in the cache) and the answer says "pending".
    const built = waitMs === undefined ? await building : await raceTimeout(building, waitMs);
    if (!built) return errorSection(pendingError());
    return {
      status: "ok",
      data: built.config,
      asOf: iso(built.asOf),
      ...(built.stale ? { stale: true } : {}),
      ...(built.partial ? { partial: true } : {}),
    };
  } catch (err) {
    return errorSection(err);
  }
}

/**
 * Building block for findings and costs: every function of a region with the parts of its
 * configuration `plan` asks for. Reading everything costs about six calls per function the first
 * time (four from the shared 15/s bucket); the findings plan needs GetPolicy per function, plus
 * GetFunction only in a region with reservations, ListProvisionedConcurrencyConfigs only where the
 * region's claimed concurrency says it can be, and the URL and async configuration of the functions
 * whose policy or traffic makes them matter. Nothing more until the cache entries expire.
 */
export async function getFunctionConfigs(
  scope: AwsScope,
  plan: ReadPlan = READ_EVERYTHING,
): Promise<Section<FunctionConfig[]>> {
  const inventory = await regionFunctions(scope);
  if (inventory.state !== "ok")
    return errorSection(inventory.state === "error" ? inventory.error : pendingError());
  // GetPolicy bounds a large region's read (15/s) and waits on nothing: queue every function's now,
  // rather than behind builds that wait for the plan's metrics. The rate bucket paces them.
  for (const fn of inventory.value) void resourcePolicy(scope, fn.name);
  const built = await mapPool(inventory.value, 16, (fn) =>
    buildFunctionConfig(scope, fn, inventory.asOf, inventory.stale, plan),
  );
  const asOf = built.reduce((m, b) => Math.min(m, b.asOf), inventory.asOf);
  const stale = built.some((b) => b.stale);
  const partial = built.some((b) => b.partial);
  return {
    status: "ok",
    data: built.map((b) => b.config),
    asOf: iso(asOf),
    ...(stale ? { stale: true } : {}),
    ...(partial ? { partial: true } : {}),
  };
}
