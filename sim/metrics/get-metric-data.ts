import { createHash } from "node:crypto";
import { AwsError } from "../types";
import type { Dimension } from "./lambda-metrics";
import { evaluate, MathError, parseExpression, referencedIds, type MathValue } from "./math";
import { MetricStatSeries, type SeriesContext } from "./metric-series";
import { isValidPeriod } from "./retention";
import { ArraySeries, type Series } from "./series";
import { parseStatistic, type Statistic } from "./statistics";
import type { Work } from "../work";

/**
 * GetMetricData over the workload model (facts sheet 2b and 3; the SDK model's text of
 * GetMetricDataInput, MetricDataQuery and MetricStat): up to 500 queries, each a MetricStat or a
 * metric math expression; at most MaxDatapoints (default and ceiling 100,800) datapoints per
 * response, walked in ScanBy order (timestamp, then query) and continued with NextToken.
 */

export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;
const MAX_DIMENSIONS = 30;
const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

export interface MetricStatInput {
  Metric: { Namespace?: string; MetricName?: string; Dimensions: Dimension[] };
  Period?: number;
  Stat?: string;
  Unit?: string;
}

export interface MetricDataQueryInput {
  Id?: string;
  MetricStat?: MetricStatInput;
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
}

export interface GetMetricDataInput {
  MetricDataQueries: MetricDataQueryInput[];
  /** Epoch ms. */
  StartTime?: number;
  EndTime?: number;
  NextToken?: string;
  ScanBy?: string;
  MaxDatapoints?: number;
}

export interface MetricDataResult {
  Id: string;
  Label: string;
  /** Epoch seconds. */
  Timestamps: number[];
  Values: number[];
  StatusCode: "Complete" | "PartialData";
  Messages: never[];
}

export interface GetMetricDataOutput {
  MetricDataResults: MetricDataResult[];
  NextToken?: string;
  Messages: never[];
}

const validation = (message: string) => new AwsError("ValidationError", message);
const invalidValue = (message: string) => new AwsError("InvalidParameterValue", message);

interface StatQuery {
  kind: "stat";
  id: string;
  label: string;
  returnData: boolean;
  series: MetricStatSeries;
}

interface MathQuery {
  kind: "math";
  id: string;
  label: string;
  returnData: boolean;
  expression: string;
  ast: ReturnType<typeof parseExpression>;
}

type Query = StatQuery | MathQuery;

interface Output {
  id: string;
  label: string;
  series: Series;
}

function validateQueries(
  input: GetMetricDataInput,
  ctx: SeriesContext,
  startMs: number,
  endMs: number,
): Query[] {
  const queries = input.MetricDataQueries;
  if (queries.length === 0)
    throw validation(
      "1 validation error detected: Value '[]' at 'metricDataQueries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  if (queries.length > MAX_QUERIES)
    throw validation(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  const seen = new Set<string>();
  const out: Query[] = [];
  queries.forEach((q, index) => {
    const at = `MetricDataQueries.member.${index + 1}`;
    const id = q.Id ?? "";
    if (!ID_PATTERN.test(id) || id.length > 255)
      throw validation(
        `The value ${id} for parameter ${at}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`,
      );
    if (seen.has(id)) throw validation("The values for parameter id in MetricDataQueries are not unique.");
    seen.add(id);
    const returnData = q.ReturnData !== false;
    if ((q.MetricStat === undefined) === (q.Expression === undefined))
      throw validation(`Exactly one of MetricStat and Expression must be set in ${at}.`);
    if (q.Expression !== undefined) {
      let ast;
      try {
        ast = parseExpression(q.Expression);
      } catch (err) {
        if (err instanceof MathError)
          throw validation(`Invalid expression in ${at}.Expression "${q.Expression}": ${err.message}.`);
        throw err;
      }
      out.push({ kind: "math", id, label: q.Label ?? id, returnData, expression: q.Expression, ast });
      return;
    }
    const ms = q.MetricStat;
    if (!ms) return;
    const metricName = ms.Metric.MetricName;
    const namespace = ms.Metric.Namespace;
    if (!metricName) throw validation(`The parameter ${at}.MetricStat.Metric.MetricName is required.`);
    if (!namespace) throw validation(`The parameter ${at}.MetricStat.Metric.Namespace is required.`);
    if (ms.Metric.Dimensions.length > MAX_DIMENSIONS)
      throw validation(
        `The collection ${at}.MetricStat.Metric.Dimensions must not have a size greater than ${MAX_DIMENSIONS}.`,
      );
    if (ms.Period === undefined) throw validation(`The parameter ${at}.MetricStat.Period is required.`);
    if (!isValidPeriod(ms.Period))
      throw validation(
        `The parameter ${at}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60 (got ${ms.Period}).`,
      );
    if (ms.Stat === undefined) throw validation(`The parameter ${at}.MetricStat.Stat is required.`);
    const stat: Statistic | undefined = parseStatistic(ms.Stat);
    if (!stat)
      throw invalidValue(
        `The value ${ms.Stat} for parameter ${at}.MetricStat.Stat is not a supported statistic.`,
      );
    const series = new MetricStatSeries(
      ctx,
      {
        namespace,
        metricName,
        dimensions: ms.Metric.Dimensions,
        periodS: ms.Period,
        unit: ms.Unit,
        startMs,
        endMs,
      },
      [stat],
    );
    out.push({ kind: "stat", id, label: q.Label ?? metricName, returnData, series });
  });
  for (const q of out) {
    if (q.kind !== "math") continue;
    for (const ref of referencedIds(q.ast))
      if (!seen.has(ref))
        throw validation(`Error in expression ${q.id} ("${q.expression}"): unknown identifier ${ref}.`);
  }
  return out;
}

/** The queries metric math may read: those its expressions name, or all of them with METRICS(). */
function readByMath(queries: Query[]): Set<string> | "all" {
  const ids = new Set<string>();
  for (const q of queries) {
    if (q.kind !== "math") continue;
    if (/\bMETRICS\s*\(/i.test(q.expression)) return "all";
    referencedIds(q.ast, ids);
  }
  return ids;
}

/** Evaluates the expressions that return data (and those they use); each yields one or more outputs. */
function resolveOutputs(queries: Query[]): Output[] {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const memo = new Map<string, MathValue>();
  const stack = new Set<string>();
  const statValue = (q: StatQuery): ArraySeries => new ArraySeries(q.series, q.series.values(), q.label);
  const firstStat = queries.find((q): q is StatQuery => q.kind === "stat");

  const valueOf = (id: string): MathValue => {
    const hit = memo.get(id);
    if (hit) return hit;
    const q = byId.get(id);
    if (!q) throw new MathError(`unknown identifier ${id}`);
    if (q.kind === "stat") {
      const v: MathValue = { kind: "series", series: statValue(q) };
      memo.set(id, v);
      return v;
    }
    if (stack.has(id)) throw new MathError(`circular reference through ${id}`);
    stack.add(id);
    try {
      const v = evaluate(q.ast, {
        resolve: valueOf,
        metrics: (filter) =>
          queries
            .filter((x): x is StatQuery => x.kind === "stat")
            .filter((x) => filter === undefined || x.id.includes(filter) || x.label.includes(filter))
            .map(statValue),
      });
      const labelled: MathValue =
        v.kind === "series" ? { kind: "series", series: relabel(v.series, q.label) } : v;
      memo.set(id, labelled);
      return labelled;
    } finally {
      stack.delete(id);
    }
  };

  const outputs: Output[] = [];
  for (const q of queries) {
    if (!q.returnData) continue;
    if (q.kind === "stat") {
      outputs.push({ id: q.id, label: q.label, series: q.series });
      continue;
    }
    let v: MathValue;
    try {
      v = valueOf(q.id);
    } catch (err) {
      if (err instanceof MathError)
        throw validation(`Error in expression ${q.id} ("${q.expression}"): ${err.message}.`);
      throw err;
    }
    if (v.kind === "series") outputs.push({ id: q.id, label: q.label, series: v.series });
    else if (v.kind === "array")
      for (const s of v.items) outputs.push({ id: q.id, label: s.label, series: s });
    else {
      // A scalar: the same value at every timestamp of the request's first metric (none without one).
      const grid = firstStat?.series ?? { start: 0, period: 60_000, n: 0, lo: 0, hi: -1 };
      const values = new Float64Array(grid.n).fill(NaN);
      if (Number.isFinite(v.value)) values.fill(v.value, Math.max(0, grid.lo), Math.max(0, grid.hi + 1));
      outputs.push({ id: q.id, label: q.label, series: new ArraySeries(grid, values, q.label) });
    }
  }
  return outputs;
}

function relabel(s: ArraySeries, label: string): ArraySeries {
  return s.label === label ? s : new ArraySeries(s, s.values, label);
}

// ---------------------------------------------------------------------------------------------
// paging

interface Cursor {
  /** Position in scan order among the union of timestamps, and the output to resume at. */
  k: number;
  q: number;
}

function fingerprint(input: GetMetricDataInput, region: string): string {
  const request = { ...input, NextToken: undefined };
  return createHash("sha256").update(region).update(JSON.stringify(request)).digest("base64url").slice(0, 22);
}

function encodeToken(c: Cursor, h: string): string {
  return Buffer.from(JSON.stringify({ k: c.k, q: c.q, h }), "utf8").toString("base64url");
}

function decodeToken(token: string, h: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === "object" && parsed !== null) {
    const { k, q, h: hash } = parsed as Record<string, unknown>;
    if (Number.isSafeInteger(k) && Number.isSafeInteger(q) && hash === h)
      return { k: k as number, q: q as number };
  }
  throw new AwsError("InvalidNextToken", "The NextToken is invalid or does not belong to this request.");
}

/** The union of the outputs' timestamps (ms) that can hold data, ascending. */
function timeline(outputs: Output[]): { count: number; at(k: number): number } {
  const first = outputs[0];
  if (!first) return { count: 0, at: () => 0 };
  const sameGrid = outputs.every(
    (o) => o.series.start === first.series.start && o.series.period === first.series.period,
  );
  if (sameGrid) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const o of outputs) {
      if (o.series.hi < o.series.lo) continue;
      lo = Math.min(lo, Math.max(0, o.series.lo));
      hi = Math.max(hi, o.series.hi);
    }
    if (hi < lo) return { count: 0, at: () => 0 };
    const { start, period } = first.series;
    return { count: hi - lo + 1, at: (k) => start + (lo + k) * period };
  }
  const set = new Set<number>();
  for (const { series: s } of outputs)
    for (let i = Math.max(0, s.lo); i <= s.hi; i++) set.add(s.start + i * s.period);
  const times = Float64Array.from(set).sort();
  return { count: times.length, at: (k) => times[k] ?? 0 };
}

/**
 * The call as work that yields between datapoints, so a 500-query request over days can run in
 * slices while the sim serves other calls.
 */
export function* getMetricData(input: GetMetricDataInput, ctx: SeriesContext): Work<GetMetricDataOutput> {
  if (input.StartTime === undefined) throw validation("The parameter StartTime is required.");
  if (input.EndTime === undefined) throw validation("The parameter EndTime is required.");
  const startMs = input.StartTime;
  const endMs = input.EndTime;
  if (!(startMs < endMs))
    throw invalidValue("The parameter StartTime must be less than the parameter EndTime.");
  const scanBy = input.ScanBy ?? "TimestampDescending";
  if (scanBy !== "TimestampDescending" && scanBy !== "TimestampAscending")
    throw validation(
      `1 validation error detected: Value '${scanBy}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]`,
    );
  const max = input.MaxDatapoints ?? MAX_DATAPOINTS;
  if (!Number.isInteger(max) || max < 1)
    throw invalidValue(
      `The value ${max} for parameter MaxDatapoints is invalid: it must be a positive integer.`,
    );
  const limit = Math.min(max, MAX_DATAPOINTS);

  const queries = validateQueries(input, ctx, startMs, endMs);
  const hash = fingerprint(input, ctx.region);
  const cursor = input.NextToken !== undefined ? decodeToken(input.NextToken, hash) : { k: 0, q: 0 };
  const stats = queries.filter((q): q is StatQuery => q.kind === "stat");
  for (const q of stats) yield* q.series.prepare();
  // Metric math reads whole series: compute the ones it may read ahead, a datapoint at a time.
  const read = readByMath(queries);
  for (const q of stats) if (read === "all" || read.has(q.id)) yield* q.series.valuesWork();
  const outputs = resolveOutputs(queries);

  const results: MetricDataResult[] = outputs.map((o) => ({
    Id: o.id,
    Label: o.label,
    Timestamps: [],
    Values: [],
    StatusCode: "Complete",
    Messages: [],
  }));
  const line = timeline(outputs);
  const descending = scanBy === "TimestampDescending";
  let emitted = 0;
  let next: Cursor | undefined;
  walk: for (let k = cursor.k; k < line.count; k++) {
    const ts = line.at(descending ? line.count - 1 - k : k);
    const seconds = ts / 1000;
    for (let q = k === cursor.k ? cursor.q : 0; q < outputs.length; q++) {
      const o = outputs[q];
      const r = results[q];
      if (!o || !r) continue;
      const s = o.series;
      const off = ts - s.start;
      if (off < 0 || off % s.period !== 0) continue;
      const i = off / s.period;
      if (i < s.lo || i > s.hi) continue;
      const v = s.get(i);
      yield;
      if (v !== v) continue;
      if (emitted === limit) {
        next = { k, q };
        break walk;
      }
      r.Timestamps.push(seconds);
      r.Values.push(v);
      emitted++;
    }
  }
  if (next) for (const r of results) r.StatusCode = "PartialData";
  return {
    MetricDataResults: results,
    ...(next ? { NextToken: encodeToken(next, hash) } : {}),
    Messages: [],
  };
}
