import { csvField } from "@/lib/functions-table";
import type { CostBreakdown, CostGroup, CostsResponse } from "@/lib/schemas/costs";

/**
 * Pure preparers of the Costs page: the rows of the cost-mix chart and the CSV of what the page
 * shows. Figures are monthly projections in USD.
 */

export interface CostMixRow {
  key: string;
  requests: number;
  compute: number;
  provisioned: number;
  /** Ephemeral storage and log storage. */
  other: number;
  total: number;
}

function mixOf(key: string, b: CostBreakdown): CostMixRow {
  return {
    key,
    requests: b.requests,
    compute: b.compute,
    provisioned: b.provisioned,
    other: b.ephemeral + b.logStorage,
    total: b.total,
  };
}

/**
 * Requests against compute against provisioned concurrency (and the rest) per group, largest
 * first; past `limit` bars the remaining groups are one bar, so the bars still add up to the total.
 */
export function costMixRows(groups: readonly CostGroup[], limit = 10): CostMixRow[] {
  const sorted = [...groups].sort((a, b) => b.monthly.total - a.monthly.total);
  if (sorted.length <= limit) return sorted.map((g) => mixOf(g.key, g.monthly));
  const kept = sorted.slice(0, limit - 1);
  const rest = sorted.slice(limit - 1);
  const sum = rest.reduce<CostBreakdown>(
    (acc, g) => ({
      requests: acc.requests + g.monthly.requests,
      compute: acc.compute + g.monthly.compute,
      init: acc.init + g.monthly.init,
      provisioned: acc.provisioned + g.monthly.provisioned,
      ephemeral: acc.ephemeral + g.monthly.ephemeral,
      logStorage: acc.logStorage + g.monthly.logStorage,
      total: acc.total + g.monthly.total,
    }),
    { requests: 0, compute: 0, init: 0, provisioned: 0, ephemeral: 0, logStorage: 0, total: 0 },
  );
  return [...kept.map((g) => mixOf(g.key, g.monthly)), mixOf(`${rest.length} more`, sum)];
}

const HEADER = [
  "section",
  "name",
  "team",
  "account",
  "region",
  "functions",
  "range_usd",
  "monthly_usd",
  "requests_monthly_usd",
  "compute_monthly_usd",
  "init_monthly_usd",
  "provisioned_monthly_usd",
  "ephemeral_monthly_usd",
  "log_storage_monthly_usd",
  "change_monthly_usd",
  "change_ratio",
  "cold_start_monthly_usd",
  "saving_monthly_usd",
  "note",
] as const;

type CsvCell = string | number | null;
type Row = Partial<Record<(typeof HEADER)[number], CsvCell>>;

const money = (n: number) => Number(n.toFixed(6));

function breakdownCells(window: CostBreakdown, monthly: CostBreakdown): Row {
  return {
    range_usd: money(window.total),
    monthly_usd: money(monthly.total),
    requests_monthly_usd: money(monthly.requests),
    compute_monthly_usd: money(monthly.compute),
    init_monthly_usd: money(monthly.init),
    provisioned_monthly_usd: money(monthly.provisioned),
    ephemeral_monthly_usd: money(monthly.ephemeral),
    log_storage_monthly_usd: money(monthly.logStorage),
  };
}

function changeCells(change: CostGroup["change"]): Row {
  return change
    ? {
        change_monthly_usd: money(change.delta),
        change_ratio: change.ratio === null ? null : money(change.ratio),
      }
    : {};
}

/**
 * The report as CSV (CRLF lines, one header): the total, one row per group, the top functions, the
 * cold-start costs and the savings, each row marked with its section.
 */
export function costReportCsv(report: CostsResponse): string {
  const rows: Row[] = [
    {
      section: "total",
      name: report.team ? `team ${report.team}` : "all functions",
      functions: report.totals.functions,
      ...breakdownCells(report.totals.window, report.totals.monthly),
      ...changeCells(report.totals.change),
      cold_start_monthly_usd: money(report.coldStarts.monthly),
      saving_monthly_usd: money(report.savings.monthly),
      note: `${report.range.start} to ${report.range.end}; prices as of ${report.prices.asOf}`,
    },
    ...report.groups.map((g): Row => ({
      section: `by ${report.groupBy}`,
      name: g.key,
      functions: g.functions,
      ...breakdownCells(g.window, g.monthly),
      ...changeCells(g.change),
    })),
    ...report.topFunctions.map((f): Row => ({
      section: "top function",
      name: f.name,
      team: f.team,
      account: f.account,
      region: f.region,
      functions: 1,
      ...breakdownCells(f.window, f.monthly),
      ...changeCells(f.change),
      cold_start_monthly_usd: f.coldStartMonthly === null ? null : money(f.coldStartMonthly),
    })),
    ...report.coldStarts.functions.map((f): Row => ({
      section: "cold starts",
      name: f.name,
      team: f.team,
      account: f.account,
      region: f.region,
      functions: 1,
      cold_start_monthly_usd: f.coldStartMonthly === null ? null : money(f.coldStartMonthly),
      note: f.coldStarts === null ? null : `${f.coldStarts} cold starts in the range`,
    })),
    ...report.savings.items.map((s): Row => ({
      section: "saving",
      name: s.name,
      team: s.team,
      account: s.account,
      region: s.region,
      saving_monthly_usd: money(s.monthlyAmount),
      note: `${s.title}. Assumes: ${s.assumption}`,
    })),
  ];
  const lines = [HEADER.join(",")];
  for (const row of rows) lines.push(HEADER.map((h) => csvField(row[h] ?? null)).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
