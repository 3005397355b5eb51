import "server-only";
import type { PriceBook } from "@/lib/analysis/cost/prices";
import type { AwsScope } from "@/lib/aws/clients";
import { choosePeriodSeconds } from "@/lib/aws/metric-period";
import { errorCodeSchema, type SectionError } from "@/lib/schemas/common";
import type { CostScopeStatus } from "@/lib/schemas/costs";
import { getCache, STALE_KEEP_MS } from "../cache";
import { toAppError } from "../errors";
import { regionFacts, type RegionFacts } from "../facts";
import type { ResolvedRange } from "../range";
import { scopeKey } from "../scope";
import { scopeOf } from "../section";
import { priceRegion, type PricedFunction } from "./price-region";

/**
 * One account and region priced for one range: the region's facts (lib/server/facts, cached there),
 * the cost model, and a status that says what is missing. A region whose facts fail is an error
 * status with no figures; the other regions are unaffected. The per-function monthly totals are
 * also kept in the cache, so the function list can show them without reading AWS again.
 */

export interface ScopeCosts {
  scope: AwsScope;
  status: CostScopeStatus;
  priced: PricedFunction[];
}

/** The period of equal length that ends where `range` starts. */
export function previousRange(range: ResolvedRange): ResolvedRange {
  const span = range.endMs - range.startMs;
  const startMs = range.startMs - span;
  const endMs = range.startMs;
  return {
    startMs,
    endMs,
    periodSeconds: choosePeriodSeconds(startMs, endMs, range.nowMs),
    key: `previous:${range.key}`,
    nowMs: range.nowMs,
  };
}

const PART_LABEL: Record<RegionFacts["errors"][number]["part"], string> = {
  config: "configuration",
  metrics: "metrics",
  coldStarts: "cold starts",
  account: "account settings",
};

const costsCacheKey = (scope: AwsScope, range: ResolvedRange) => `costs:${scopeKey(scope)}:${range.key}`;

/** Monthly totals per function name, as last priced for this scope and range (no AWS call). */
export async function peekMonthlyCosts(
  scope: AwsScope,
  range: ResolvedRange,
): Promise<Record<string, number> | undefined> {
  const r = await getCache().peekResult<Record<string, number>>("metrics", costsCacheKey(scope, range));
  return r?.state === "ok" ? r.value : undefined;
}

/** The facts' error as a section error; a code the API does not know becomes aws_error. */
function sectionError(e: { code: string; message: string }): SectionError {
  const code = errorCodeSchema.safeParse(e.code);
  return { code: code.success ? code.data : "aws_error", message: e.message };
}

export async function readScopeCosts(
  scope: AwsScope,
  range: ResolvedRange,
  opts: { waitMs: number; prices: PriceBook; teamTagKey: string },
): Promise<ScopeCosts> {
  const base = { ...scopeOf(scope), functions: 0, priced: 0, issues: [] };
  let facts: RegionFacts;
  try {
    facts = await regionFacts(scope, range, { waitMs: opts.waitMs });
  } catch (err) {
    return {
      scope,
      status: { ...base, status: "error", error: toAppError(err).toSectionError() },
      priced: [],
    };
  }
  const errors = facts.errors.map((e) => ({ part: e.part, error: sectionError(e.error) }));
  const errorOf = (part: RegionFacts["errors"][number]["part"]) => errors.find((e) => e.part === part)?.error;
  const configError = errorOf("config");
  const metricsError = errorOf("metrics");

  if (facts.functions.length === 0 && configError) {
    return { scope, status: { ...base, status: "error", error: configError }, priced: [] };
  }

  const { priced } = priceRegion(facts.functions, facts.usage, {
    prices: opts.prices,
    teamTagKey: opts.teamTagKey,
    today: new Date(range.endMs),
  });

  const issues = errors
    .filter((e) => e.part !== "account")
    .map((e) => ({ part: PART_LABEL[e.part], error: e.error }));
  const counts = { functions: facts.functions.length, priced: priced.length };
  let status: CostScopeStatus;
  if (facts.functions.length > 0 && priced.length === 0 && metricsError) {
    status = { ...base, ...counts, status: "error", error: metricsError, asOf: facts.asOf, issues };
  } else {
    const partial = facts.partial || issues.length > 0 || priced.length < facts.functions.length;
    status = {
      ...base,
      ...counts,
      status: "ok",
      asOf: facts.asOf,
      ...(partial ? { partial: true } : {}),
      issues,
    };
    await getCache().store.set(
      `metrics:${costsCacheKey(scope, range)}`,
      {
        value: Object.fromEntries(priced.map((p) => [p.facts.name, p.monthly.total])),
        storedAt: Date.parse(facts.asOf) || Date.now(),
        ...(partial ? { partial: true } : {}),
      },
      STALE_KEEP_MS,
    );
  }
  return { scope, status, priced };
}
