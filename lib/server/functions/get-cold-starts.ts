import "server-only";
import { getConfig } from "@/lib/config";
import type { ColdStartsResponse } from "@/lib/schemas/functions";
import type { FunctionPath, RangeParams } from "@/lib/schemas/params";
import { functionColdStartSeries, functionColdStartSummary } from "../cold-starts";
import { withDataAsOf } from "../errors";
import { findFunction } from "../inventory";
import { rangeToSchema, resolveRange } from "../range";
import { scopeFromPath } from "../scope";
import { iso, pendingError, toSection } from "../section";

/**
 * GET /api/v1/functions/{account}/{region}/{name}/cold-starts: the range's cold-start summary
 * (a section) and per-bin series, from two Logs Insights queries over the function's log group.
 */
export async function getColdStarts(path: FunctionPath, params: RangeParams): Promise<ColdStartsResponse> {
  const range = resolveRange(params);
  const scope = scopeFromPath(path.account, path.region);
  const { fn } = await findFunction(scope, path.name);
  const waitMs = getConfig().limits.responseWaitSeconds * 1000;
  const [summary, series] = await Promise.all([
    functionColdStartSummary(scope, fn, range, waitMs),
    functionColdStartSeries(scope, fn, range, waitMs),
  ]);
  const empty = { coldStarts: [], initP99: [], invocations: [] };
  const summarySection = toSection(summary, (v) => v.summary);
  const asOfs = [summarySection.asOf, series.state === "ok" ? iso(series.asOf) : undefined]
    .filter((a): a is string => Boolean(a))
    .sort();
  const base = { range: rangeToSchema(range), summary: summarySection, asOf: asOfs[0] ?? iso(Date.now()) };
  if (series.state === "ok")
    return {
      ...base,
      series: series.value.series,
      ...(series.refreshError ? { seriesError: withDataAsOf(series.refreshError, series.asOf) } : {}),
      ...(series.partial ? { seriesPartial: true } : {}),
    };
  if (series.state === "pending")
    return { ...base, series: empty, seriesPartial: true, seriesError: pendingError().toSectionError() };
  return { ...base, series: empty, seriesError: series.error.toSectionError() };
}
