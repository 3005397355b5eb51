import "server-only";
import { provisionedFromClaimed } from "@/lib/analysis/headroom/claimed";
import type { LambdaAccountSettings } from "@/lib/aws/lambda";
import { configuredScopes, getConfig } from "@/lib/config";
import type { ConcurrencyLedger, Overview } from "@/lib/schemas/accounts";
import type { Section } from "@/lib/schemas/common";
import type { RangeParams } from "@/lib/schemas/params";
import { regionSettings, reservedTotal } from "../accounts/settings";
import type { CacheResult } from "../cache";
import { withDataAsOf } from "../errors";
import { regionMetrics, type RegionMetrics } from "../metrics";
import { rangeToSchema, resolveRange } from "../range";
import { iso, scopeOf, toSection } from "../section";

/** AWS keeps at least this much concurrency unreserved (PutFunctionConcurrency). */
export const UNRESERVED_MINIMUM = 100;

interface LedgerInputs {
  settings: CacheResult<LambdaAccountSettings>;
  metrics: CacheResult<RegionMetrics>;
}

/**
 * The concurrency ledger of a region: the limit, what reservations take (limit minus the
 * unreserved limit GetAccountSettings reports), provisioned concurrency outside reservations (from
 * the region's ClaimedAccountConcurrency and UnreservedConcurrentExecutions series, so no call per
 * function), and the peaks of the range.
 */
function ledgerSection({ settings, metrics }: LedgerInputs): Section<ConcurrencyLedger> {
  if (settings.state !== "ok") return toSection(settings);
  const s = settings.value;
  const m = metrics.state === "ok" ? metrics.value : undefined;
  const reserved = reservedTotal(s);
  const split =
    m && provisionedFromClaimed(m.series.claimed, m.series.unreserved, reserved, s.concurrencyLimit);
  const data: ConcurrencyLedger = {
    limit: s.concurrencyLimit,
    reserved,
    unreservedPool: s.unreservedConcurrencyLimit,
    unreservedMinimum: UNRESERVED_MINIMUM,
    provisioned: split?.provisioned ?? null,
    provisionedAt: split ? iso(split.at) : null,
    peak: m?.peakConcurrency ?? null,
    peakUnreserved: m?.peakUnreserved ?? null,
  };
  const asOf = Math.min(settings.asOf, metrics.state === "ok" ? metrics.asOf : settings.asOf);
  if (settings.refreshError)
    return {
      status: "error",
      error: withDataAsOf(settings.refreshError, settings.asOf),
      asOf: iso(asOf),
      data,
    };
  const stale = settings.stale || (metrics.state === "ok" && metrics.stale);
  const partial = metrics.state === "pending" || (metrics.state === "ok" && metrics.partial);
  return {
    status: "ok",
    data,
    asOf: iso(asOf),
    ...(stale ? { stale: true } : {}),
    ...(partial ? { partial: true } : {}),
  };
}

/**
 * GET /api/v1/overview: per configured region, the concurrency ledger and the range's totals and
 * series. Calls per region: GetAccountSettings 1, GetMetricData 1 (six region-wide series).
 */
export async function getOverview(params: RangeParams): Promise<Overview> {
  const range = resolveRange(params);
  const deadline = Date.now() + getConfig().limits.responseWaitSeconds * 1000;
  const regions = await Promise.all(
    configuredScopes().map(async (scope) => {
      const [settings, metrics] = await Promise.all([
        regionSettings(scope, Math.max(0, deadline - Date.now())),
        regionMetrics(scope, range, Math.max(0, deadline - Date.now())),
      ]);
      return {
        ...scopeOf(scope),
        ledger: ledgerSection({ settings, metrics }),
        totals: toSection(metrics, (m) => ({
          invocations: m.invocations,
          errors: m.errors,
          throttles: m.throttles,
          series: {
            invocations: m.series.invocations,
            errors: m.series.errors,
            throttles: m.series.throttles,
            concurrency: m.series.concurrency,
          },
        })),
      };
    }),
  );
  const asOfs = regions.flatMap((r) => [r.ledger.asOf, r.totals.asOf]).filter((a): a is string => Boolean(a));
  return {
    range: rangeToSchema(range),
    regions,
    asOf: asOfs.length ? asOfs.reduce((a, b) => (a < b ? a : b)) : iso(Date.now()),
  };
}
