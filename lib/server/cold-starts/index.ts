import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import type { LambdaFunction } from "@/lib/aws/lambda";
import { isNotFound } from "@/lib/aws/errors";
import {
  MAX_GROUPS_PER_QUERY,
  runInsightsQuery,
  type InsightsRequest,
  type InsightsResult,
  type LogGroupInfo,
} from "@/lib/aws/logs";
import { getConfig } from "@/lib/config";
import type { ColdStartSummary } from "@/lib/schemas/functions";
import { getCache, type CacheResult } from "../cache";
import { toAppError } from "../errors";
import { seriesGrid } from "../metrics";
import { mapPool } from "../pool";
import { rangeFigureTtlMs, type ResolvedRange } from "../range";
import { scopeKey } from "../scope";
import {
  coldStartSeriesQuery,
  coldStartSummaryQuery,
  emptyColdStartSummary,
  logGroupOf,
  parseSeriesRows,
  parseSummaryRow,
  type ColdStartSeries,
  type LogFormat,
} from "./queries";

export { coldStartSummaryQuery, coldStartSeriesQuery } from "./queries";

/**
 * Cold starts from Logs Insights over REPORT records: per region in batches of ≤ 50 log groups
 * (one query per batch and log format), and per function for its detail page and series.
 */

function insightsOptions() {
  const { insightsConcurrency, insightsDeadlineSeconds } = getConfig().limits;
  return { concurrency: insightsConcurrency, deadlineMs: insightsDeadlineSeconds * 1000 };
}

/** One log group's query; a log group that does not exist (the function never ran) has no rows. */
async function queryOneGroup(scope: AwsScope, req: InsightsRequest): Promise<InsightsResult> {
  try {
    return await runInsightsQuery(scope, req);
  } catch (err) {
    if (isNotFound(err)) return { rows: [], status: "Complete", partial: false, recordsScanned: 0 };
    throw err;
  }
}

export interface RegionColdStarts {
  /** Per function; a function missing here could not be attributed (its log group is shared) or its batch failed. */
  byFunction: Record<string, ColdStartSummary>;
  /** A query did not complete, or some batches failed. */
  partial: boolean;
}

/**
 * Cold-start summaries of every function of a region: ⌈groups / 50⌉ queries per log format.
 * Functions whose log group does not exist yet have logged nothing: zero invocations.
 */
export function regionColdStarts(
  scope: AwsScope,
  functions: readonly LambdaFunction[],
  logGroups: Readonly<Record<string, LogGroupInfo>>,
  range: ResolvedRange,
  waitMs?: number,
): Promise<CacheResult<RegionColdStarts>> {
  return getCache().read(
    "coldStarts",
    `region:${scopeKey(scope)}:${range.key}`,
    async () => {
      const byGroup = new Map<string, LambdaFunction[]>();
      for (const fn of functions) byGroup.set(fn.logGroupName, [...(byGroup.get(fn.logGroupName) ?? []), fn]);
      const byFunction: Record<string, ColdStartSummary> = {};
      const batches: Array<{ format: LogFormat; groups: string[] }> = [];
      for (const format of ["Text", "JSON"] as const) {
        const groups: string[] = [];
        for (const [group, fns] of byGroup) {
          // A log group shared by several functions cannot be split per function from REPORT lines.
          if (fns.length !== 1 || fns[0]?.logFormat !== format) continue;
          if (!(group in logGroups)) {
            byFunction[fns[0].name] = emptyColdStartSummary();
            continue;
          }
          groups.push(group);
        }
        for (let i = 0; i < groups.length; i += MAX_GROUPS_PER_QUERY)
          batches.push({ format, groups: groups.slice(i, i + MAX_GROUPS_PER_QUERY) });
      }
      const opts = insightsOptions();
      let partial = false;
      let firstError: unknown;
      let failed = 0;
      await mapPool(batches, opts.concurrency, async (b) => {
        try {
          const res = await batchSummaries(scope, range, b, opts);
          partial ||= res.partial;
          const seen = new Set<string>();
          for (const row of res.rows) {
            const group = logGroupOf(row["@log"]);
            const fn = group ? byGroup.get(group)?.[0] : undefined;
            if (!fn || !group) continue;
            seen.add(group);
            byFunction[fn.name] = parseSummaryRow(row, b.format);
          }
          // Groups without REPORT lines in the range: nothing ran.
          if (!res.partial)
            for (const g of b.groups)
              if (!seen.has(g)) {
                const fn = byGroup.get(g)?.[0];
                if (fn) byFunction[fn.name] = emptyColdStartSummary();
              }
        } catch (err) {
          failed++;
          firstError ??= err;
        }
      });
      if (failed > 0 && failed === batches.length) throw toAppError(firstError);
      return { byFunction, partial: partial || failed > 0 };
    },
    { isPartial: (v) => v.partial, waitMs, ttlMs: rangeFigureTtlMs(range, "coldStarts") },
  );
}

/** The longest a batch's query may run once earlier attempts stopped at their deadline. */
export const MAX_BATCH_DEADLINE_MS = 15 * 60_000;

interface BatchRead {
  result: InsightsResult;
  /** The deadline it ran under. */
  deadlineMs: number;
}

/**
 * One batch's query, cached on its own: when some batches of a region stop at the deadline, the
 * region is read again soon (it is partial), and then only those batches are queried again, each
 * with twice the deadline it stopped at (up to MAX_BATCH_DEADLINE_MS), so a scan that needs longer
 * gets it rather than being stopped, and paid for, again and again. Complete batches are reused
 * while fresh.
 */
async function batchSummaries(
  scope: AwsScope,
  range: ResolvedRange,
  b: { format: LogFormat; groups: string[] },
  opts: ReturnType<typeof insightsOptions>,
): Promise<InsightsResult> {
  const cache = getCache();
  const key = `batch:${scopeKey(scope)}:${range.key}:${b.format}:${b.groups.length}:${b.groups[0] ?? ""}:${b.groups.at(-1) ?? ""}`;
  const known = await cache.peekResult<BatchRead>("coldStarts", key);
  if (known?.state === "ok" && !known.stale && !known.partial) return known.value.result;
  const stoppedAt = known?.state === "ok" && known.value.result.partial ? known.value.deadlineMs : undefined;
  const deadlineMs = stoppedAt ? Math.min(MAX_BATCH_DEADLINE_MS, stoppedAt * 2) : opts.deadlineMs;
  // Partial, stale or failed: query again now rather than serve it while refreshing.
  if (known) await cache.invalidate("coldStarts", key);
  const r = await cache.read(
    "coldStarts",
    key,
    async (): Promise<BatchRead> => ({
      result: await runInsightsQuery(scope, {
        logGroups: b.groups,
        startMs: range.startMs,
        endMs: range.endMs,
        query: coldStartSummaryQuery(b.format, true),
        ...opts,
        deadlineMs,
      }),
      deadlineMs,
    }),
    { isPartial: (v) => v.result.partial, ttlMs: rangeFigureTtlMs(range, "coldStarts") },
  );
  if (r.state === "ok") return r.value.result;
  throw r.state === "error" ? r.error : new Error("an Insights batch read without a wait came back pending");
}

export interface FunctionColdStarts {
  summary: ColdStartSummary;
  partial: boolean;
}

/**
 * One function's summary. Uses the region's batch when it is already cached and fresh (the list
 * ran it), else one query over the function's log group.
 */
export async function functionColdStartSummary(
  scope: AwsScope,
  fn: LambdaFunction,
  range: ResolvedRange,
  waitMs?: number,
): Promise<CacheResult<FunctionColdStarts>> {
  const batch = await getCache().peekResult<RegionColdStarts>(
    "coldStarts",
    `region:${scopeKey(scope)}:${range.key}`,
  );
  const fromBatch =
    batch?.state === "ok" && !batch.stale && !batch.refreshError
      ? batch.value.byFunction[fn.name]
      : undefined;
  if (batch?.state === "ok" && fromBatch)
    return {
      state: "ok",
      value: { summary: fromBatch, partial: batch.partial },
      asOf: batch.asOf,
      stale: false,
      partial: batch.partial,
    };
  return getCache().read(
    "coldStarts",
    `fn:${scopeKey(scope)}:${fn.name}:${range.key}`,
    async () => {
      const res = await queryOneGroup(scope, {
        logGroups: [fn.logGroupName],
        startMs: range.startMs,
        endMs: range.endMs,
        query: coldStartSummaryQuery(fn.logFormat, false),
        ...insightsOptions(),
      });
      const row = res.rows[0];
      return {
        summary: row ? parseSummaryRow(row, fn.logFormat) : emptyColdStartSummary(),
        partial: res.partial,
      };
    },
    { isPartial: (v) => v.partial, waitMs },
  );
}

/** Cold starts, invocations and init p99 per chart bin of one function. */
export function functionColdStartSeries(
  scope: AwsScope,
  fn: LambdaFunction,
  range: ResolvedRange,
  waitMs?: number,
): Promise<CacheResult<{ series: ColdStartSeries; partial: boolean }>> {
  return getCache().read(
    "coldStarts",
    `series:${scopeKey(scope)}:${fn.name}:${range.key}`,
    async () => {
      const grid = seriesGrid(range);
      const res = await queryOneGroup(scope, {
        logGroups: [fn.logGroupName],
        startMs: grid[0] ?? range.startMs,
        endMs: range.endMs,
        query: coldStartSeriesQuery(fn.logFormat, range.periodSeconds),
        ...insightsOptions(),
      });
      return { series: parseSeriesRows(res.rows, grid), partial: res.partial };
    },
    { isPartial: (v) => v.partial, waitMs },
  );
}
