import "server-only";
import type { FunctionMetrics } from "@/lib/schemas/functions";
import type { FunctionPath, RangeParams } from "@/lib/schemas/params";
import { regionSettings } from "../accounts/settings";
import { valueOrThrow } from "../cache";
import { findFunction, functionTags } from "../inventory";
import { functionSeries } from "../metrics";
import { rangeToSchema, resolveRange } from "../range";
import { scopeFromPath } from "../scope";
import { iso, pendingError } from "../section";

/**
 * GET /api/v1/functions/{account}/{region}/{name}/metrics: nine series at the range's chart
 * period (one GetMetricData call), with the limits to draw on the charts. If the series cannot be
 * read the whole response is an error; the limits are null when their reads fail.
 */
export async function getFunctionMetrics(path: FunctionPath, params: RangeParams): Promise<FunctionMetrics> {
  const range = resolveRange(params);
  const scope = scopeFromPath(path.account, path.region);
  const { fn } = await findFunction(scope, path.name);
  const [series, tags, settings] = await Promise.all([
    functionSeries(scope, fn.name, range),
    functionTags(scope, fn.name),
    regionSettings(scope),
  ]);
  const value = valueOrThrow(series, pendingError);
  const asOf = series.state === "ok" ? series.asOf : Date.now();
  const stale = series.state === "ok" && (series.stale || Boolean(series.refreshError));
  return {
    range: rangeToSchema(range),
    series: value.series,
    limits: {
      timeoutMs: fn.timeoutS * 1000,
      reservedConcurrency: tags.state === "ok" ? tags.value.reservedConcurrency : null,
      accountConcurrency: settings.state === "ok" ? settings.value.concurrencyLimit : null,
    },
    asOf: iso(asOf),
    ...(stale ? { stale: true } : {}),
  };
}
