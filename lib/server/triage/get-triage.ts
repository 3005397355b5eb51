import "server-only";
import { createHash } from "node:crypto";
import type { AwsScope } from "@/lib/aws/clients";
import { getMetricData, type LambdaStat, type MetricQuery } from "@/lib/aws/cloudwatch";
import type { LambdaFunction } from "@/lib/aws/lambda";
import { alignDown, basePeriodSeconds } from "@/lib/aws/metric-period";
import { assessFunction, compareAssessments, signalSeries } from "@/lib/analysis/triage/assess";
import { lambdaFunctionUrl, logGroupUrl, logsInsightsUrl } from "@/lib/analysis/triage/console-links";
import {
  TRIAGE_DEFAULTS,
  type ChangeEvent,
  type ReasonKind,
  type TriageAssessment,
  type TriageFunctionInput,
  type TriageSeries,
  type TriageThresholds,
} from "@/lib/analysis/triage/types";
import { downsample } from "@/lib/charts/sparkline";
import { getConfig } from "@/lib/config";
import type { ScopeStatus } from "@/lib/schemas/common";
import type { Series } from "@/lib/schemas/functions";
import {
  TRIAGE_DEFAULT_LIMIT,
  type TriageEntry,
  type TriageParams,
  type TriageResponse,
} from "@/lib/schemas/triage";
import { getCache, type CacheResult } from "../cache";
import { regionColdStarts, type RegionColdStarts } from "../cold-starts";
import { errorsQuery, functionErrorMessages } from "../function-errors";
import { functionVersions, regionFunctions, regionLogGroups } from "../inventory";
import { toSeries } from "../metrics";
import { rangeToSchema, resolveRange, type ResolvedRange } from "../range";
import { scopeKey, scopesFromFilter } from "../scope";
import { iso, oldestAsOf, scopeStatus, toSection } from "../section";

/**
 * GET /api/v1/triage: every function of the selected regions ranked by what hurts now (the
 * rules of lib/analysis/triage), with since when, what changed, top error messages and console
 * links. Per region, AWS is read in bulk: ListFunctions (shared with the list), GetMetricData at
 * ≤ 500 queries per call for all functions at once, and the list's Logs Insights summary (memory
 * used, for out-of-memory kills). Large regions are screened first on a coarse grid (48 points per
 * series), then only the candidates are read at the range's own period. Error messages are read
 * for the first few entries only (one Insights query each, cached).
 */

interface MetricSpec {
  metric: string;
  stat: LambdaStat;
}

const SERIES_SPECS = {
  invocations: { metric: "Invocations", stat: "Sum" },
  errors: { metric: "Errors", stat: "Sum" },
  throttles: { metric: "Throttles", stat: "Sum" },
  durationP99: { metric: "Duration", stat: "p99" },
  durationMax: { metric: "Duration", stat: "Maximum" },
  iteratorAge: { metric: "IteratorAge", stat: "Maximum" },
} as const satisfies Record<keyof TriageSeries, MetricSpec>;
type SeriesKey = keyof typeof SERIES_SPECS;
const SERIES_KEYS = Object.keys(SERIES_SPECS) as SeriesKey[];

/** Regions with more functions than this are screened on a coarse grid first. */
export const SCREEN_ABOVE = Math.floor(500 / SERIES_KEYS.length);
/** Points per series of the screen. */
const SCREEN_POINTS = 48;
/** Candidates per region read at the full period after a screen. */
const FINE_CANDIDATES = 40;
/** Entries whose error messages are read (one Logs Insights query each). */
export const MESSAGES_FOR_TOP = 5;
const SPARKLINE_POINTS = 120;

/** The screen is deliberately loose: it only decides what is read in detail. */
const SCREEN_THRESHOLDS: TriageThresholds = {
  ...TRIAGE_DEFAULTS,
  minBaselineIntervals: 6,
  minRunIntervals: 1,
  minLogLikelihoodRatio: 6,
  minShiftT: 3,
};

export interface TriageOptions {
  /** How long to wait for slow parts before answering with partial data, ms (default: config). */
  waitMs?: number;
  /** Screen regions with more functions than this first (default: what fits one GetMetricData call). */
  screenAbove?: number;
}

interface GridRead {
  byFunction: Record<string, TriageSeries>;
  periodS: number;
  startMs: number;
  partial: boolean;
}

/** Series of many functions on one grid: ⌈functions × 6 / 500⌉ GetMetricData calls. */
async function readGrid(
  scope: AwsScope,
  names: readonly string[],
  range: ResolvedRange,
  periodS: number,
): Promise<GridRead> {
  const startMs = alignDown(range.startMs, periodS);
  const grid: number[] = [];
  for (let t = startMs; t < range.endMs; t += periodS * 1000) grid.push(t);
  const queries: MetricQuery[] = [];
  names.forEach((name, i) =>
    SERIES_KEYS.forEach((k, j) =>
      queries.push({
        id: `f${i}_${j}`,
        metric: SERIES_SPECS[k].metric,
        stat: SERIES_SPECS[k].stat,
        functionName: name,
      }),
    ),
  );
  const results = queries.length
    ? await getMetricData(scope, queries, startMs, range.endMs, periodS)
    : new Map();
  let partial = false;
  const byFunction: Record<string, TriageSeries> = {};
  names.forEach((name, i) => {
    const series = {} as Record<SeriesKey, Series>;
    SERIES_KEYS.forEach((k, j) => {
      const r = results.get(`f${i}_${j}`);
      if (r && !r.complete) partial = true;
      series[k] = toSeries(grid, r);
    });
    byFunction[name] = series;
  });
  return { byFunction, periodS, startMs, partial };
}

/** The screen's period: about 48 points over the range, a multiple of the retention tier's period. */
export function screenPeriodSeconds(range: ResolvedRange): number {
  const base = basePeriodSeconds(range.startMs, range.nowMs);
  const raw = (range.endMs - range.startMs) / 1000 / SCREEN_POINTS;
  return Math.max(range.periodSeconds, Math.ceil(raw / base) * base);
}

const hashOf = (names: readonly string[]) =>
  createHash("sha1").update(names.join("\n")).digest("hex").slice(0, 16);

function readSeries(
  scope: AwsScope,
  names: readonly string[],
  range: ResolvedRange,
  periodS: number,
  waitMs: number,
): Promise<CacheResult<GridRead>> {
  return getCache().read(
    "metrics",
    `triage:${scopeKey(scope)}:${range.key}:${periodS}:${hashOf(names)}`,
    () => readGrid(scope, names, range, periodS),
    { isPartial: (v) => v.partial, waitMs },
  );
}

/** How many of the first entries get their published versions read. */
const VERSIONS_FOR_TOP = 10;

/** LastModified as a change event (published versions are added for the first entries). */
function changesOf(fn: LambdaFunction): ChangeEvent[] {
  const at = Date.parse(fn.lastModified);
  return Number.isFinite(at) ? [{ kind: "modified", atMs: at }] : [];
}

function inputOf(
  fn: LambdaFunction,
  read: GridRead,
  range: ResolvedRange,
  coldStarts: RegionColdStarts | undefined,
): TriageFunctionInput | null {
  const series = read.byFunction[fn.name];
  if (!series) return null;
  const logs = coldStarts?.byFunction[fn.name];
  return {
    periodMs: read.periodS * 1000,
    window: { startMs: read.startMs, endMs: range.endMs },
    series,
    timeoutMs: fn.timeoutS * 1000,
    memoryMB: fn.memoryMB,
    maxMemoryUsedMB: logs?.maxMemoryUsedMB ?? null,
    timeoutsInLogs: logs?.timeouts ?? null,
    changes: changesOf(fn),
  };
}

interface Ranked {
  scope: AwsScope;
  fn: LambdaFunction;
  input: TriageFunctionInput;
  verdict: TriageAssessment;
}

interface ScopeRead {
  scope: AwsScope;
  inventory: CacheResult<LambdaFunction[]>;
  metrics?: CacheResult<GridRead>;
  logs?: CacheResult<RegionColdStarts>;
  ranked: Ranked[];
  checked: number;
}

async function readScope(
  scope: AwsScope,
  range: ResolvedRange,
  deadline: number,
  screenAbove: number,
): Promise<ScopeRead> {
  const remaining = () => Math.max(0, deadline - Date.now());
  const inventory = await regionFunctions(scope, remaining());
  if (inventory.state !== "ok") return { scope, inventory, ranked: [], checked: 0 };
  const fns = [...inventory.value].sort((a, b) => a.name.localeCompare(b.name));
  const logsRead = (async (): Promise<CacheResult<RegionColdStarts>> => {
    const groups = await regionLogGroups(scope, remaining());
    if (groups.state !== "ok") return groups;
    return regionColdStarts(scope, fns, groups.value, range, remaining());
  })();

  let candidates = fns;
  let screen: CacheResult<GridRead> | undefined;
  if (fns.length > screenAbove) {
    screen = await readSeries(
      scope,
      fns.map((f) => f.name),
      range,
      screenPeriodSeconds(range),
      remaining(),
    );
    if (screen.state !== "ok")
      return { scope, inventory, metrics: screen, logs: await logsRead, ranked: [], checked: 0 };
    const coarse = screen.value;
    candidates = fns
      .map((fn) => {
        const input = inputOf(fn, coarse, range, undefined);
        return { fn, verdict: input ? assessFunction(input, SCREEN_THRESHOLDS) : null };
      })
      .filter((c): c is { fn: LambdaFunction; verdict: TriageAssessment } => c.verdict !== null)
      .sort((a, b) => compareAssessments(a.verdict, b.verdict))
      .slice(0, FINE_CANDIDATES)
      .map((c) => c.fn)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  const [fine, logs] = await Promise.all([
    readSeries(
      scope,
      candidates.map((f) => f.name),
      range,
      range.periodSeconds,
      remaining(),
    ),
    logsRead,
  ]);
  const metrics =
    fine.state === "ok" && screen?.state === "ok" && screen.partial ? { ...fine, partial: true } : fine;
  if (fine.state !== "ok") return { scope, inventory, metrics, logs, ranked: [], checked: 0 };
  const coldStarts = logs.state === "ok" ? logs.value : undefined;
  const ranked: Ranked[] = [];
  for (const fn of candidates) {
    const input = inputOf(fn, fine.value, range, coldStarts);
    const verdict = input ? assessFunction(input) : null;
    if (input && verdict) ranked.push({ scope, fn, input, verdict });
  }
  return { scope, inventory, metrics, logs, ranked, checked: fns.length };
}

const SPARK_UNIT: Readonly<Record<ReasonKind, "ratio" | "ms" | "count">> = {
  errors: "ratio",
  throttles: "ratio",
  timeouts: "ms",
  duration: "ms",
  out_of_memory: "count",
  iterator_age: "ms",
};

function toEntry(r: Ranked, range: ResolvedRange): TriageEntry {
  const { scope, fn, verdict, input } = r;
  const lead = verdict.signals[0];
  const leadKind: ReasonKind = lead?.kind ?? "errors";
  const query = errorsQuery(fn.logFormat);
  const lastModified = Date.parse(fn.lastModified);
  const changeView = (c: ChangeEvent) => ({
    kind: c.kind,
    at: iso(c.atMs),
    ...(c.version ? { version: c.version } : {}),
  });
  return {
    id: `${scope.account.id}/${scope.region}/${fn.name}`,
    account: scope.account.id,
    region: scope.region,
    name: fn.name,
    runtime: fn.runtime,
    memoryMB: fn.memoryMB,
    timeoutS: fn.timeoutS,
    severity: verdict.severity,
    score: verdict.score,
    since: iso(verdict.sinceMs),
    sinceStartOfData: verdict.sinceStartOfData,
    reasons: verdict.signals.map((s) => ({
      kind: s.kind,
      severity: s.severity,
      unit: s.unit,
      current: s.current,
      baseline: s.baseline,
      since: iso(s.sinceMs),
      sinceStartOfData: s.sinceStartOfData,
      ...(s.intervals ? { intervals: s.intervals } : {}),
      score: s.score,
    })),
    change: {
      lastModified: Number.isFinite(lastModified) ? iso(lastModified) : null,
      inRange: verdict.change.inRange.map(changeView),
      before: verdict.change.before ? changeView(verdict.change.before) : null,
      startedAfterChange: verdict.change.startedAfterChange,
    },
    sparkline: {
      kind: leadKind,
      unit: SPARK_UNIT[leadKind],
      series: downsample(signalSeries(leadKind, input), SPARKLINE_POINTS),
      badFrom: iso(lead?.sinceMs ?? verdict.sinceMs),
    },
    logGroupName: fn.logGroupName,
    insightsQuery: query,
    links: {
      function: lambdaFunctionUrl(scope.region, fn.name),
      logGroup: logGroupUrl(scope.region, fn.logGroupName),
      insights: logsInsightsUrl({
        region: scope.region,
        logGroups: [fn.logGroupName],
        query,
        startMs: range.startMs,
        endMs: range.endMs,
      }),
    },
    errors: null,
  };
}

function logsStatus(read: ScopeRead): ScopeStatus {
  if (read.inventory.state !== "ok" || !read.logs) return scopeStatus(read.scope, read.inventory);
  return scopeStatus(read.scope, read.logs);
}

/** The triage list. `opts.waitMs` bounds how long slow parts are awaited. */
export async function getTriage(params: TriageParams, opts: TriageOptions = {}): Promise<TriageResponse> {
  const range = resolveRange(params);
  const scopes = scopesFromFilter(params.account, params.region);
  const limit = params.limit ?? TRIAGE_DEFAULT_LIMIT;
  const waitMs = opts.waitMs ?? getConfig().limits.responseWaitSeconds * 1000;
  const now = Date.now();
  const screenAbove = opts.screenAbove ?? SCREEN_ABOVE;
  const reads = await Promise.all(scopes.map((s) => readScope(s, range, now + waitMs, screenAbove)));

  const status: TriageResponse["status"] = { inventory: [], metrics: [], logs: [] };
  const everything: Array<CacheResult<unknown>> = [];
  for (const read of reads) {
    status.inventory.push(scopeStatus(read.scope, read.inventory));
    status.metrics.push(scopeStatus(read.scope, read.metrics ?? read.inventory));
    status.logs.push(logsStatus(read));
    everything.push(read.inventory);
    if (read.metrics) everything.push(read.metrics);
  }
  const ranked = reads.flatMap((r) => r.ranked).sort((a, b) => compareAssessments(a.verdict, b.verdict));
  const top = ranked.slice(0, limit);

  // Published versions for the first entries only (ListVersionsByFunction shares the region's
  // 15/s control-plane bucket): a version published in the window is a change marker too.
  await Promise.all(
    top.slice(0, VERSIONS_FOR_TOP).map(async (r, i) => {
      const versions = await functionVersions(r.scope, r.fn.name);
      if (versions.state !== "ok") return;
      const published = versions.value
        .map((v) => ({ kind: "version" as const, atMs: Date.parse(v.lastModified), version: v.version }))
        .filter((c) => Number.isFinite(c.atMs));
      if (published.length === 0) return;
      const input = { ...r.input, changes: [...r.input.changes, ...published] };
      const verdict = assessFunction(input);
      if (verdict) top[i] = { ...r, input, verdict };
    }),
  );
  const entries = top.map((r) => toEntry(r, range));

  // Error messages for the first entries only: one (cached) Insights query each.
  const remaining = Math.max(0, now + waitMs - Date.now());
  await Promise.all(
    top.slice(0, MESSAGES_FOR_TOP).map(async (r, i) => {
      const result = await functionErrorMessages(r.scope, r.fn, range, remaining);
      const entry = entries[i];
      if (entry) entry.errors = toSection(result, (v) => v.messages.slice(0, 5));
    }),
  );

  return {
    range: rangeToSchema(range),
    entries,
    total: ranked.length,
    checked: reads.reduce((n, r) => n + r.checked, 0),
    status,
    asOf: iso(oldestAsOf(everything, now)),
  };
}
