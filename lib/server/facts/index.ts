import "server-only";
import type { AccountFacts, FunctionFacts, FunctionUsage } from "@/lib/analysis/function-facts";
import { provisionedFromClaimed } from "@/lib/analysis/headroom/claimed";
import { errorRateBaseline } from "@/lib/analysis/headroom/function";
import { RULE_DEFAULTS } from "@/lib/analysis/thresholds";
import type { AwsScope } from "@/lib/aws/clients";
import { getMetricData, type MetricQuery, type MetricResult } from "@/lib/aws/cloudwatch";
import type { LambdaAccountSettings, LambdaFunction } from "@/lib/aws/lambda";
import { alignDown, basePeriodSeconds, summaryPeriodSeconds } from "@/lib/aws/metric-period";
import { getConfig } from "@/lib/config";
import type { Scope, SectionError } from "@/lib/schemas/common";
import type { ColdStartSummary, FunctionConfig, MetricSummary } from "@/lib/schemas/functions";
import { regionSettings, reservedTotal } from "../accounts/settings";
import { ERROR_TTL_MS, getCache, type CacheResult } from "../cache";
import { regionColdStarts, type RegionColdStarts } from "../cold-starts";
import { toAppError } from "../errors";
import {
  functionTags,
  getFunctionConfigs,
  provisionedConcurrency,
  regionFunctions,
  regionLogGroups,
  type ReadPlan,
} from "../inventory";
import { log } from "../log";
import { mapPool } from "../pool";
import { regionMetricSummaries, regionMetrics } from "../metrics";
import { rangeFigureTtlMs, resolveRange, type ResolvedRange } from "../range";
import { iso, pendingError, scopeOf } from "../section";
import { scopeKey } from "../scope";

/**
 * The inputs of every analysis rule for one account and region, read through the cached building
 * blocks of lib/server (inventory, metrics, cold starts, account settings) and mapped onto the
 * SDK-free shapes of lib/analysis/function-facts.ts. A part that cannot be read is listed in
 * `errors` and leaves its figures unknown (undefined), never zero; the other parts still answer.
 */

export type FactsPart = "config" | "metrics" | "coldStarts" | "account";

export interface RegionFacts {
  scope: Scope;
  functions: FunctionFacts[];
  /** By function name, over the range; an absent entry means the function's metrics are unknown. */
  usage: Map<string, FunctionUsage>;
  /** Null when the account settings could not be read. */
  account: AccountFacts | null;
  errors: { part: FactsPart; error: { code: string; message: string } }[];
  /** Some inputs are incomplete (an Insights query still running or stopped early, reads still pending). */
  partial: boolean;
  /** ISO: when the oldest input was read from AWS. */
  asOf: string;
}

/** RegionFacts plus the full configurations they were built from (role, resource policy, function URL…). */
export interface RegionFactsWithConfigs {
  facts: RegionFacts;
  configs: FunctionConfig[];
}

const HOUR_S = 3600;
const DAY_MS = 86_400_000;

/** The error-rate baseline: hourly rates over the seven days before the range. */
export const BASELINE_DAYS = 7;
/**
 * Hours with fewer invocations than this are left out of the baseline: one error in three calls
 * is noise, not a rate. (The rule itself ignores ranges under 100 invocations.)
 */
export const BASELINE_MIN_PERIOD_INVOCATIONS = 20;

/**
 * Services that invoke a function asynchronously when they are its callers (Lambda developer
 * guide, "Invoking Lambda with events from other AWS services": S3, SNS, EventBridge, SES,
 * CloudWatch Logs, IoT, CodeCommit, Config and CloudFormation use asynchronous invocation).
 */
const ASYNC_SERVICE_PRINCIPALS = new Set([
  "s3.amazonaws.com",
  "sns.amazonaws.com",
  "events.amazonaws.com",
  "ses.amazonaws.com",
  "logs.amazonaws.com",
  "iot.amazonaws.com",
  "codecommit.amazonaws.com",
  "config.amazonaws.com",
  "cloudformation.amazonaws.com",
  "scheduler.amazonaws.com",
]);

export async function regionFacts(
  scope: AwsScope,
  range: ResolvedRange,
  opts?: { waitMs?: number },
): Promise<RegionFacts> {
  return (await regionFactsWithConfigs(scope, range, opts)).facts;
}

type Timed<T> = { done: true; value: T } | { done: false };

/** Waits for `p` at most `ms`; the work goes on in the background (its parts land in the cache). */
async function within<T>(p: Promise<T>, ms: number): Promise<Timed<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Timed<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([p.then((value): Timed<T> => ({ done: true, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function regionFactsWithConfigs(
  scope: AwsScope,
  range: ResolvedRange,
  opts: { waitMs?: number } = {},
): Promise<RegionFactsWithConfigs> {
  const startedAt = Date.now();
  const waitMs = opts.waitMs ?? getConfig().limits.responseWaitSeconds * 1000;
  const deadline = startedAt + waitMs;
  const remaining = () => Math.max(0, deadline - Date.now());
  const errors: RegionFacts["errors"] = [];
  const note = (part: FactsPart, e: SectionError) => {
    if (!errors.some((x) => x.part === part && x.error.message === e.message))
      errors.push({ part, error: e });
  };
  const fail = (part: FactsPart, err: unknown) => note(part, toAppError(err).toSectionError());
  let partial = false;
  let asOf = startedAt;
  const seen = (r: { asOf: number; partial: boolean }) => {
    asOf = Math.min(asOf, r.asOf);
    partial ||= r.partial;
  };
  /** Value of a cache read, recording its failure (or a refresh failure) under `part`. */
  const take = <T>(part: FactsPart, r: CacheResult<T>): T | undefined => {
    if (r.state === "pending") {
      partial = true;
      fail(part, pendingError());
      return undefined;
    }
    if (r.state === "error") {
      fail(part, r.error);
      return undefined;
    }
    seen(r);
    if (r.refreshError) fail(part, r.refreshError);
    return r.value;
  };

  const [inventoryResult, settingsResult, regionMetricsResult] = await Promise.all([
    regionFunctions(scope, remaining()),
    regionSettings(scope, remaining()),
    regionMetrics(scope, range, remaining()),
  ]);
  const inventory = take("config", inventoryResult);
  const fns = inventory ?? [];
  const names = fns.map((f) => f.name);

  const summariesRead = inventory
    ? regionMetricSummaries(scope, names, range, "full", remaining())
    : Promise.resolve(undefined);
  const extrasRead = inventory ? readExtras(scope, fns, range, remaining()) : Promise.resolve(undefined);
  const reservations =
    settingsResult.state === "ok" && reservedTotal(settingsResult.value) === 0 ? "none" : "read";
  let provisionedVerdict: Promise<(name: string) => boolean> | undefined;
  const plan: ReadPlan = {
    aliases: false,
    functionUrl: "whenPolicyGrantsUrlInvoke",
    asyncConfig: async (name, policy) => {
      if (policyInvokesAsync(policy)) return true;
      // The plan waits for the figures it decides on (the same read as the facts', not bounded by their wait).
      const read = await regionMetricSummaries(scope, names, range, "full");
      // Traffic unknown (metrics unreadable or still pending): read the configuration, don't guess.
      if (read?.state !== "ok") return true;
      const m = read.value.byFunction[name];
      return m === undefined || known(m.asyncEventAgeMaxMs);
    },
    reservations,
    provisioned: async (name, reserved) => {
      // Provisioned concurrency inside a reservation is not in the region's claimed figure: read it.
      if (reserved !== null) return true;
      provisionedVerdict ??= provisionedCandidates(
        scope,
        () => readExtras(scope, fns, range),
        settingsResult,
        reservations,
      );
      return (await provisionedVerdict)(name);
    },
  };
  const [configsTimed, summaries, coldStarts, extras] = await Promise.all([
    inventory ? within(getFunctionConfigs(scope, plan), remaining()) : Promise.resolve(undefined),
    summariesRead,
    inventory ? readColdStarts(scope, fns, range, remaining()) : Promise.resolve(undefined),
    extrasRead,
  ]);

  // Configurations: a region read that did not finish in time is a partial answer.
  let configs: FunctionConfig[] = [];
  if (configsTimed && !configsTimed.done) {
    partial = true;
    fail("config", pendingError());
  } else if (configsTimed?.done) {
    const section = configsTimed.value;
    if (section.status === "ok") {
      configs = section.data;
      asOf = Math.min(asOf, Date.parse(section.asOf));
      partial ||= section.partial === true;
      const unavailable = configs.flatMap((c) => c.unavailable ?? []);
      const first = unavailable[0];
      if (first) {
        partial = true;
        note("config", {
          code: first.error.code,
          message: `${unavailable.length} configuration part${unavailable.length === 1 ? "" : "s"} could not be read: ${first.error.message}`,
        });
      }
    } else note("config", section.error);
  }

  const metricSummaries = summaries ? take("metrics", summaries) : undefined;
  const coldStartSummaries = coldStarts ? take("coldStarts", coldStarts) : undefined;
  const extraValues = extras ? take("metrics", extras) : undefined;
  const peak = take("metrics", regionMetricsResult);
  const settings = take("account", settingsResult);

  const configByName = new Map(configs.map((c) => [c.name, c]));
  const usage = new Map<string, FunctionUsage>();
  for (const fn of fns) {
    const u = usageOf(
      range,
      metricSummaries?.byFunction[fn.name],
      coldStartSummaries?.byFunction[fn.name],
      fn.name,
      extraValues,
      provisionedAllocated(configByName.get(fn.name)),
    );
    if (u) usage.set(fn.name, u);
  }

  const functions = configs.map((c) =>
    factsOf(c, known(metricSummaries?.byFunction[c.name]?.asyncEventAgeMaxMs)),
  );

  const account: AccountFacts | null = settings
    ? {
        account: scope.account.id,
        region: scope.region,
        concurrencyLimit: settings.concurrencyLimit,
        unreservedConcurrencyLimit: settings.unreservedConcurrencyLimit,
        // What reservations take, as GetAccountSettings reports it (limit minus the unreserved limit).
        reservedTotal: reservedTotal(settings),
        provisionedTotal: configs.reduce((n, c) => n + provisionedAllocated(c), 0),
        codeStorageUsedBytes: settings.codeStorageUsedBytes,
        codeStorageLimitBytes: settings.codeStorageLimitBytes,
        functionCount: settings.functionCount,
        ...(peak?.peakConcurrency != null ? { peakConcurrency: peak.peakConcurrency } : {}),
        peakWindow: { start: iso(range.startMs), end: iso(range.endMs) },
      }
    : null;

  return {
    facts: { scope: scopeOf(scope), functions, usage, account, errors, partial, asOf: iso(asOf) },
    configs,
  };
}

/**
 * Which functions without a reservation may have provisioned concurrency, so that
 * ListProvisionedConcurrencyConfigs (the shared 15/s bucket) is called for those alone. The
 * candidates are the functions with ProvisionedConcurrencyInvocations in the range; their
 * allocations are read and checked against the region's total outside reservations, which
 * ClaimedAccountConcurrency gives without a call per function (lib/analysis/headroom/claimed.ts).
 * When the candidates account for the whole total, no other function has any. Otherwise (idle
 * provisioned concurrency, a failed or partial read, no datapoint) every function is read.
 */
async function provisionedCandidates(
  scope: AwsScope,
  readExtrasNow: () => Promise<CacheResult<Extras>>,
  settings: CacheResult<LambdaAccountSettings>,
  reservations: ReadPlan["reservations"],
): Promise<(name: string) => boolean> {
  /** Reads every function, and says why in the log (it is thousands of calls in a large region). */
  const everyFunction = (why: string) => {
    log().info({ scope: scopeKey(scope), why }, "reading every function's provisioned concurrency");
    return () => true;
  };
  if (settings.state !== "ok") return everyFunction("account settings unknown");
  const now = await withRetries(() => regionMetrics(scope, resolveRange({ range: "1h" })));
  if (now.state !== "ok") return everyFunction(`ClaimedAccountConcurrency: ${now.state}`);
  const claimed = provisionedFromClaimed(
    now.value.series.claimed,
    now.value.series.unreserved,
    reservedTotal(settings.value),
    settings.value.concurrencyLimit,
  );
  if (!claimed) return everyFunction("no ClaimedAccountConcurrency datapoint below the limit");
  // Nothing provisioned outside reservations: only reserved functions (read by the caller) can have any.
  if (claimed.provisioned === 0) return () => false;
  const extras = await withRetries(readExtrasNow);
  if (extras.state !== "ok") return everyFunction(`provisioned invocations: ${extras.state}`);
  if (extras.value.partial) return everyFunction("provisioned invocations partial");
  const candidates = Object.entries(extras.value.provisionedInvocations)
    .filter(([, n]) => n > 0)
    .map(([name]) => name);
  const allocations = await mapPool(candidates, 16, async (name) => {
    const [pc, tags] = await Promise.all([
      provisionedConcurrency(scope, name),
      reservations === "read" ? functionTags(scope, name) : undefined,
    ]);
    if (pc.state !== "ok" || (tags && tags.state !== "ok")) return undefined;
    const reserved = tags?.state === "ok" ? tags.value.reservedConcurrency : null;
    return reserved === null ? allocatedOf(pc.value) : 0;
  });
  if (allocations.some((a) => a === undefined)) return everyFunction("a candidate could not be read");
  const found = allocations.reduce((n: number, a) => n + (a ?? 0), 0);
  if (found < claimed.provisioned)
    return everyFunction(
      `${candidates.length} functions with provisioned invocations hold ${found} of the ${claimed.provisioned} claimed`,
    );
  const names = new Set(candidates);
  return (name) => names.has(name);
}

/**
 * A read the plan decides on, tried up to three times: a failure is remembered for ERROR_TTL_MS,
 * so each try waits that long. Falling back to thousands of per-function calls because one
 * GetMetricData timed out would cost far more than the wait (the builds wait; GetPolicy does not).
 */
async function withRetries<T>(read: () => Promise<CacheResult<T>>): Promise<CacheResult<T>> {
  let r = await read();
  for (let attempt = 1; attempt < 3 && r.state === "error"; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, ERROR_TTL_MS));
    r = await read();
  }
  return r;
}

/** Cold-start summaries need the region's log groups first; a failed listing fails them. */
async function readColdStarts(
  scope: AwsScope,
  fns: readonly LambdaFunction[],
  range: ResolvedRange,
  waitMs: number,
): Promise<CacheResult<RegionColdStarts>> {
  const started = Date.now();
  const groups = await regionLogGroups(scope, waitMs);
  if (groups.state !== "ok") return groups;
  return regionColdStarts(scope, fns, groups.value, range, Math.max(0, waitMs - (Date.now() - started)));
}

export interface Extras {
  /** Hourly error rates' 90th percentile over the baseline window, per function (absent: too little traffic). */
  baseline: Record<string, number>;
  /** ProvisionedConcurrencyInvocations over the range, per function with provisioned concurrency. */
  provisionedInvocations: Record<string, number>;
  partial: boolean;
}

/**
 * Figures the shared summaries do not carry, in at most two GetMetricData calls per 250 functions:
 * the error-rate baseline (Invocations and Errors, hourly, over the BASELINE_DAYS before the range;
 * hour periods are valid in every CloudWatch retention tier) and ProvisionedConcurrencyInvocations
 * over the range. Cached per region, range and baseline hour.
 */
export function readExtras(
  scope: AwsScope,
  fns: ReadonlyArray<{ name: string }>,
  range: ResolvedRange,
  waitMs?: number,
  /** Set when reading a single function rather than the whole region. */
  only?: string,
): Promise<CacheResult<Extras>> {
  const baselineEnd = alignDown(range.startMs, HOUR_S);
  const baselineStart = baselineEnd - BASELINE_DAYS * DAY_MS;
  return getCache().read(
    "metrics",
    `facts-extras:${scopeKey(scope)}${only ? `:fn:${only}` : ""}:${range.key}:${baselineEnd}`,
    async () => {
      const names = fns.map((f) => f.name);
      const baselineQueries: MetricQuery[] = names.flatMap((name, i) => [
        { id: `b${i}_inv`, metric: "Invocations", stat: "Sum", functionName: name },
        { id: `b${i}_err`, metric: "Errors", stat: "Sum", functionName: name },
      ]);
      const pcQueries: MetricQuery[] = names.map((name, i) => ({
        id: `p${i}_inv`,
        metric: "ProvisionedConcurrencyInvocations",
        stat: "Sum",
        functionName: name,
      }));
      // Same one-period window as the summaries (CloudWatch rounds StartTime to its tier's period).
      const periodS = summaryPeriodSeconds(range.startMs, range.endMs, range.nowMs);
      const summaryStart = alignDown(range.startMs, basePeriodSeconds(range.startMs, range.nowMs));
      const [baseline, pc] = await Promise.all([
        names.length
          ? getMetricData(scope, baselineQueries, baselineStart, baselineEnd, HOUR_S)
          : new Map<string, MetricResult>(),
        names.length
          ? getMetricData(scope, pcQueries, summaryStart, summaryStart + periodS * 1000, periodS)
          : new Map<string, MetricResult>(),
      ]);
      const out: Extras = { baseline: {}, provisionedInvocations: {}, partial: false };
      names.forEach((name, i) => {
        const inv = baseline.get(`b${i}_inv`);
        const err = baseline.get(`b${i}_err`);
        if ((inv && !inv.complete) || (err && !err.complete)) out.partial = true;
        const errorsAt = new Map<number, number>();
        err?.timestamps.forEach((t, k) => errorsAt.set(t, err.values[k] ?? 0));
        const rates: number[] = [];
        inv?.timestamps.forEach((t, k) => {
          const n = inv.values[k] ?? 0;
          // Lambda publishes Errors only when there were some: no datapoint in an hour with invocations is 0 errors.
          if (n >= BASELINE_MIN_PERIOD_INVOCATIONS) rates.push((errorsAt.get(t) ?? 0) / n);
        });
        const b = errorRateBaseline(rates);
        if (b !== undefined) out.baseline[name] = b;
        const p = pc.get(`p${i}_inv`);
        if (p && !p.complete) out.partial = true;
        if (p && p.values.length) out.provisionedInvocations[name] = p.values.reduce((a, v) => a + v, 0);
      });
      return out;
    },
    { isPartial: (v) => v.partial, waitMs, ttlMs: rangeFigureTtlMs(range, "metrics") },
  );
}

const known = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/**
 * A function's usage over the range, or undefined when its metrics are unknown. Lambda publishes
 * Invocations, Errors and Throttles only for periods that had some (facts sheet section 4), so once
 * the region's read succeeded a missing sum is zero; every other missing figure stays undefined.
 */
export function usageOf(
  range: ResolvedRange,
  m: MetricSummary | undefined,
  cold: ColdStartSummary | undefined,
  name: string,
  extras: Extras | undefined,
  allocated: number,
): FunctionUsage | undefined {
  if (!m) return undefined;
  const invocations = m.invocations ?? 0;
  const durationAvgMs = m.durationAvgMs ?? (invocations === 0 ? 0 : undefined);
  if (durationAvgMs === undefined) return undefined;
  const u: FunctionUsage = {
    windowStart: iso(range.startMs),
    windowEnd: iso(range.endMs),
    invocations,
    errors: m.errors ?? 0,
    throttles: m.throttles ?? 0,
    durationAvgMs,
  };
  if (known(m.durationP50Ms)) u.durationP50Ms = m.durationP50Ms;
  if (known(m.durationP99Ms)) u.durationP99Ms = m.durationP99Ms;
  if (known(m.durationMaxMs)) u.durationMaxMs = m.durationMaxMs;
  if (known(m.concurrencyMax)) u.concurrencyMax = m.concurrencyMax;
  if (known(m.iteratorAgeMaxMs)) u.iteratorAgeMaxMs = m.iteratorAgeMaxMs;

  if (allocated > 0) {
    // Spillover is published only for functions with provisioned concurrency: none means 0.
    u.spilloverInvocations = m.provisionedSpillover ?? 0;
    const served = extras?.provisionedInvocations[name];
    if (served !== undefined) u.provisionedInvocations = served;
    const utilization = provisionedUtilization(allocated, u.concurrencyMax, u.spilloverInvocations);
    if (utilization !== undefined) u.provisionedUtilizationMax = utilization;
  }

  if (cold) {
    u.timeouts = cold.timeouts;
    u.coldStarts = cold.coldStarts;
    if (known(cold.initP99Ms)) u.initDurationP99Ms = cold.initP99Ms;
    if (known(cold.initDurationMsSum) && cold.coldStarts > 0)
      u.initDurationAvgMs = cold.initDurationMsSum / cold.coldStarts;
    if (known(cold.billedDurationMsSum)) u.billedDurationMsSum = cold.billedDurationMsSum;
    if (known(cold.maxMemoryUsedMB)) u.maxMemoryUsedMB = cold.maxMemoryUsedMB;
    if (known(cold.maxMemoryUsedP99MB)) u.maxMemoryUsedP99MB = cold.maxMemoryUsedP99MB;
  }
  const baseline = extras?.baseline[name];
  if (baseline !== undefined) u.errorRateBaseline = baseline;
  return u;
}

/**
 * Peak provisioned-concurrency utilization, where the function-level metrics decide it.
 * ProvisionedConcurrencyUtilization itself is published per alias or version only (FunctionName +
 * Resource, LM-TYPES), which the shared metric reads do not query. Instead:
 * - spillover happened: every provisioned environment was busy at that moment, so the peak is 100 %;
 * - otherwise provisioned executions never exceed all executions, so peak ConcurrentExecutions over
 *   the allocation bounds the utilization from above; that bound is reported only when it is low
 *   enough to show idle capacity, since a high bound says nothing about the alias itself.
 */
function provisionedUtilization(
  allocated: number,
  concurrencyMax: number | undefined,
  spillover: number | undefined,
): number | undefined {
  if (spillover !== undefined && spillover > 0) return 1;
  if (concurrencyMax === undefined) return undefined;
  const bound = Math.min(1, concurrencyMax / allocated);
  return bound < RULE_DEFAULTS.provisionedUnderusedRatio ? bound : undefined;
}

export function provisionedAllocated(c: FunctionConfig | undefined): number {
  return allocatedOf(c?.provisionedConcurrency ?? []);
}

/** Provisioned concurrency allocated over a function's configurations (aliases and versions). */
function allocatedOf(configs: ReadonlyArray<{ allocated: number }>): number {
  return configs.reduce((n, p) => n + p.allocated, 0);
}

/**
 * FunctionConfig (API shape) to FunctionFacts (rule input). `asyncTraffic`: AsyncEventAge had
 * datapoints in the range.
 */
export function factsOf(c: FunctionConfig, asyncTraffic: boolean): FunctionFacts {
  const allocated = provisionedAllocated(c);
  return {
    account: c.account,
    region: c.region,
    name: c.name,
    arn: c.arn,
    ...(c.runtime ? { runtime: c.runtime } : {}),
    packageType: c.packageType,
    architecture: c.architecture,
    memoryMB: c.memoryMB,
    timeoutS: c.timeoutS,
    ephemeralStorageMB: c.ephemeralStorageMB,
    codeSizeBytes: c.codeSizeBytes,
    ...(c.codeSizeUnzippedBytes !== null ? { codeSizeUnzippedBytes: c.codeSizeUnzippedBytes } : {}),
    layers: c.layers.map((l) => ({
      arn: l.arn,
      account: l.account,
      ...(l.codeSizeBytes !== null ? { codeSizeBytes: l.codeSizeBytes } : {}),
    })),
    environment: {
      names: c.environment.variables.map((v) => v.name),
      totalBytes: c.environment.totalBytes,
      secretLooking: c.environment.variables.filter((v) => v.secretLooking).map((v) => v.name),
    },
    vpc: c.vpc !== null && c.vpc.subnetIds.length > 0,
    tracing: c.tracing,
    logFormat: c.logFormat,
    logGroup: {
      name: c.logGroup.name,
      retentionDays: c.logGroup.retentionDays,
      ...(c.logGroup.storedBytes !== null ? { storedBytes: c.logGroup.storedBytes } : {}),
      ...(c.logGroup.createdAt ? { creationTime: c.logGroup.createdAt } : {}),
    },
    snapStart: c.snapStart,
    ...(c.deadLetterTarget ? { deadLetterTarget: c.deadLetterTarget } : {}),
    asyncDestinations: {
      ...(c.asyncConfig?.onFailure ? { onFailure: c.asyncConfig.onFailure } : {}),
      ...(c.asyncConfig?.onSuccess ? { onSuccess: c.asyncConfig.onSuccess } : {}),
    },
    // AsyncEventAge is published only for asynchronous invocations (LM-TYPES); services that push
    // events asynchronously in the resource-based policy count too.
    invokedAsync: asyncTraffic || policyInvokesAsync(c.resourcePolicy ?? undefined),
    ...(c.reservedConcurrency !== null ? { reservedConcurrency: c.reservedConcurrency } : {}),
    ...(allocated > 0 ? { provisionedConcurrency: { allocated } } : {}),
    lastModified: c.lastModified,
    tags: c.tags,
  };
}

/** A service that invokes asynchronously may call the function (its resource-based policy says so). */
function policyInvokesAsync(statements: ReadonlyArray<Record<string, unknown>> | undefined): boolean {
  return (statements ?? []).some((s) =>
    servicePrincipals(s.Principal).some((p) => ASYNC_SERVICE_PRINCIPALS.has(p)),
  );
}

function servicePrincipals(principal: unknown): string[] {
  if (typeof principal !== "object" || principal === null) return [];
  const service = (principal as { Service?: unknown }).Service;
  if (typeof service === "string") return [service.toLowerCase()];
  return Array.isArray(service)
    ? service.filter((s): s is string => typeof s === "string").map((s) => s.toLowerCase())
    : [];
}
