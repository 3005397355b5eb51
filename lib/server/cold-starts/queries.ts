import "server-only";
import type { ColdStartSummary, Series } from "@/lib/schemas/functions";

/**
 * Logs Insights queries over Lambda's REPORT records, in both log formats
 * (shared/reference/lambda-logs-and-insights.md sections 1-4):
 * - Text: the discovered REPORT fields (@initDuration present only on cold starts; @maxMemoryUsed
 *   and @memorySize in bytes, MB × 1,000,000);
 * - JSON: `platform.report` records with record.metrics.* (memory in MB).
 * Functions of the two formats never share a query.
 */

export type LogFormat = "Text" | "JSON";

interface Fields {
  filter: string;
  init: string;
  maxMem: string;
  memSize: string;
  billed: string;
  timeout: string;
  /** Multiplier from the field's memory unit to MB. */
  toMB: number;
}

const FIELDS: Readonly<Record<LogFormat, Fields>> = {
  Text: {
    filter: 'filter @type = "REPORT"',
    init: "@initDuration",
    maxMem: "@maxMemoryUsed",
    memSize: "@memorySize",
    billed: "@billedDuration",
    timeout: 'strcontains(@message, "Status: timeout")',
    toMB: 1 / 1_000_000,
  },
  JSON: {
    filter: 'filter type = "platform.report"',
    init: "record.metrics.initDurationMs",
    maxMem: "record.metrics.maxMemoryUsedMB",
    memSize: "record.metrics.memorySizeMB",
    billed: "record.metrics.billedDurationMs",
    timeout: 'strcontains(record.status, "timeout")',
    toMB: 1,
  },
};

/** Summary per log group (`by @log`), or for the whole query when `byLog` is false. */
export function coldStartSummaryQuery(format: LogFormat, byLog: boolean): string {
  const f = FIELDS[format];
  return [
    f.filter,
    `| stats count(*) as invocations, count(${f.init}) as coldStarts,`,
    `    pct(${f.init}, 50) as initP50, pct(${f.init}, 95) as initP95, pct(${f.init}, 99) as initP99, max(${f.init}) as initMax,`,
    `    max(${f.maxMem}) as memMax, pct(${f.maxMem}, 99) as memP99, max(${f.memSize}) as memSize,`,
    `    sum(${f.billed}) as billedSum, sum(${f.init}) as initSum, sum(${f.timeout}) as timeouts`,
    byLog ? "    by @log" : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** An Insights period literal for `bin()`: 5m, 1h, 90s. */
export function binLiteral(periodS: number): string {
  if (periodS % 3600 === 0) return `${periodS / 3600}h`;
  if (periodS % 60 === 0) return `${periodS / 60}m`;
  return `${periodS}s`;
}

export function coldStartSeriesQuery(format: LogFormat, periodS: number): string {
  const f = FIELDS[format];
  return `${f.filter}\n| stats count(*) as invocations, count(${f.init}) as coldStarts, pct(${f.init}, 99) as initP99 by bin(${binLiteral(periodS)})`;
}

const num = (v: string | undefined): number | null => {
  if (v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export const emptyColdStartSummary = (): ColdStartSummary => ({
  invocations: 0,
  coldStarts: 0,
  coldStartRate: null,
  initP50Ms: null,
  initP95Ms: null,
  initP99Ms: null,
  initMaxMs: null,
  maxMemoryUsedMB: null,
  maxMemoryUsedP99MB: null,
  memorySizeMB: null,
  timeouts: 0,
  billedDurationMsSum: null,
  initDurationMsSum: null,
});

export function parseSummaryRow(row: Record<string, string>, format: LogFormat): ColdStartSummary {
  const toMB = FIELDS[format].toMB;
  const mb = (v: string | undefined) => {
    const n = num(v);
    return n === null ? null : Math.round(n * toMB * 100) / 100;
  };
  const invocations = num(row.invocations) ?? 0;
  const coldStarts = num(row.coldStarts) ?? 0;
  return {
    invocations,
    coldStarts,
    coldStartRate: invocations > 0 ? coldStarts / invocations : null,
    initP50Ms: num(row.initP50),
    initP95Ms: num(row.initP95),
    initP99Ms: num(row.initP99),
    initMaxMs: num(row.initMax),
    maxMemoryUsedMB: mb(row.memMax),
    maxMemoryUsedP99MB: mb(row.memP99),
    memorySizeMB: mb(row.memSize),
    timeouts: num(row.timeouts) ?? 0,
    billedDurationMsSum: invocations > 0 ? num(row.billedSum) : null,
    initDurationMsSum: coldStarts > 0 ? num(row.initSum) : invocations > 0 ? 0 : null,
  };
}

/** `@log` is `<account id>:<log group>`. */
export function logGroupOf(logField: string | undefined): string | undefined {
  if (!logField) return undefined;
  const i = logField.indexOf(":");
  return i >= 0 ? logField.slice(i + 1) : logField;
}

/** Insights prints times as `YYYY-MM-DD HH:MM:SS.mmm` (UTC); some aggregates give epoch ms. */
export function parseInsightsTime(v: string | undefined): number | null {
  if (!v) return null;
  if (/^\d{10,}$/.test(v)) return Number(v);
  const ms = Date.parse(`${v.trim().replace(" ", "T")}Z`);
  return Number.isNaN(ms) ? null : ms;
}

export interface ColdStartSeries {
  coldStarts: Series;
  initP99: Series;
  invocations: Series;
}

/** Places `stats ... by bin()` rows on the chart grid; bins without rows are gaps. */
export function parseSeriesRows(
  rows: ReadonlyArray<Record<string, string>>,
  grid: readonly number[],
): ColdStartSeries {
  const known = new Set(["invocations", "coldStarts", "initP99"]);
  const byTime = new Map<number, Record<string, string>>();
  for (const row of rows) {
    const binKey = Object.keys(row).find((k) => !known.has(k));
    const t = parseInsightsTime(binKey ? row[binKey] : undefined);
    if (t !== null) byTime.set(t, row);
  }
  const pick = (field: string): Series => grid.map((t) => [t, num(byTime.get(t)?.[field])]);
  return { coldStarts: pick("coldStarts"), initP99: pick("initP99"), invocations: pick("invocations") };
}
