import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import type { LambdaAccountSettings } from "@/lib/aws/lambda";
import { configuredScopes, getConfig } from "@/lib/config";
import type { ConcurrencyLedger, Overview } from "@/lib/schemas/accounts";
import type { Section } from "@/lib/schemas/common";
import type { RangeParams } from "@/lib/schemas/params";
import { regionSettings } from "../accounts/settings";
import type { CacheResult } from "../cache";
import { withDataAsOf } from "../errors";
import { regionFunctions, regionProvisioned } from "../inventory";
import { regionMetrics, type RegionMetrics } from "../metrics";
import { rangeToSchema, resolveRange } from "../range";
import { iso, scopeOf, toSection } from "../section";

/** AWS keeps at least this much concurrency unreserved (PutFunctionConcurrency). */
export const UNRESERVED_MINIMUM = 100;

interface LedgerInputs {
  settings: CacheResult<LambdaAccountSettings>;
  metrics: CacheResult<RegionMetrics>;
  provisioned: { total: number; asOf: number; stale: boolean; complete: boolean };
}

/**
 * The concurrency ledger of a region: the limit, what reservations take (limit minus the
 * unreserved limit GetAccountSettings reports), provisioned concurrency (summed over the region's
 * functions), and the peaks of the range. Incomplete provisioned figures make it partial.
 */
function ledgerSection({ settings, metrics, provisioned }: LedgerInputs): Section<ConcurrencyLedger> {
  if (settings.state !== "ok") return toSection(settings);
  const s = settings.value;
  const m = metrics.state === "ok" ? metrics.value : undefined;
  const data: ConcurrencyLedger = {
    limit: s.concurrencyLimit,
    reserved: Math.max(0, s.concurrencyLimit - s.unreservedConcurrencyLimit),
    unreservedPool: s.unreservedConcurrencyLimit,
    unreservedMinimum: UNRESERVED_MINIMUM,
    provisioned: provisioned.total,
    peak: m?.peakConcurrency ?? null,
    peakUnreserved: m?.peakUnreserved ?? null,
  };
  const asOf = Math.min(
    settings.asOf,
    provisioned.asOf,
    metrics.state === "ok" ? metrics.asOf : settings.asOf,
  );
  if (settings.refreshError)
    return {
      status: "error",
      error: withDataAsOf(settings.refreshError, settings.asOf),
      asOf: iso(asOf),
      data,
    };
  const stale = settings.stale || provisioned.stale || (metrics.state === "ok" && metrics.stale);
  const partial = !provisioned.complete || (metrics.state === "ok" && metrics.partial);
  return {
    status: "ok",
    data,
    asOf: iso(asOf),
    ...(stale ? { stale: true } : {}),
    ...(partial ? { partial: true } : {}),
  };
}

/** Provisioned concurrency allocated in a region: ListProvisionedConcurrencyConfigs per function, within the wait budget. */
async function provisionedTotal(scope: AwsScope, deadline: number): Promise<LedgerInputs["provisioned"]> {
  const now = Date.now();
  const inventory = await regionFunctions(scope, Math.max(0, deadline - now));
  if (inventory.state !== "ok") return { total: 0, asOf: now, stale: false, complete: false };
  const names = inventory.value.map((f) => f.name);
  const { results, pending } = await regionProvisioned(scope, names, Math.max(0, deadline - Date.now()));
  let total = 0;
  let asOf = inventory.asOf;
  let stale = inventory.stale;
  let complete = pending === 0;
  for (const r of results.values()) {
    if (r.state !== "ok") {
      complete = false;
      continue;
    }
    total += r.value.reduce((n, c) => n + c.allocated, 0);
    asOf = Math.min(asOf, r.asOf);
    stale ||= r.stale;
  }
  return { total, asOf, stale, complete };
}

/**
 * GET /api/v1/overview: per configured region, the concurrency ledger and the range's totals and
 * series. Calls per region: GetAccountSettings 1, GetMetricData 1 (six region-wide series),
 * ListFunctions ⌈N/50⌉, ListProvisionedConcurrencyConfigs N (cached per function).
 */
export async function getOverview(params: RangeParams): Promise<Overview> {
  const range = resolveRange(params);
  const deadline = Date.now() + getConfig().limits.responseWaitSeconds * 1000;
  const regions = await Promise.all(
    configuredScopes().map(async (scope) => {
      const [settings, metrics, provisioned] = await Promise.all([
        regionSettings(scope, Math.max(0, deadline - Date.now())),
        regionMetrics(scope, range, Math.max(0, deadline - Date.now())),
        provisionedTotal(scope, deadline),
      ]);
      return {
        ...scopeOf(scope),
        ledger: ledgerSection({ settings, metrics, provisioned }),
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
