import "server-only";
import { INIT_BILLING_START } from "@/lib/analysis/cost/estimate";
import { CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH, type PriceBook } from "@/lib/analysis/cost/prices";
import { getConfig } from "@/lib/config";
import type {
  CostBreakdown,
  CostChangeView,
  CostGroup,
  CostGroupBy,
  CostsParams,
  CostsResponse,
  FunctionCostView,
  SavingView,
} from "@/lib/schemas/costs";
import { DEFAULT_COST_GROUP_BY } from "@/lib/schemas/costs";
import { rangeToSchema, resolveRange } from "../range";
import { scopesFromFilter, scopeKey } from "../scope";
import { iso } from "../section";
import { configuredPriceBook } from "./price-book";
import { addBreakdowns, type PricedFunction } from "./price-region";
import { previousRange, readScopeCosts, type ScopeCosts } from "./scope-costs";

/**
 * GET /api/v1/costs: what the selected accounts and regions cost over the range, projected to a
 * month, grouped (team by default), against the previous period of equal length, with the most
 * expensive functions, what cold starts cost, and the savings that apply. Each region is read on
 * its own (lib/server/facts, cached): a region that fails is reported in `status` and left out of
 * the figures; the others stand. Nothing here calls AWS directly.
 */

/** Rows of the group table before the rest is merged into "other". */
export const MAX_GROUPS = 50;
export const TOP_FUNCTIONS = 20;
export const MAX_SAVINGS = 100;
export const OTHER_GROUP = "other";

export function costChangeOf(current: number, previous: number): CostChangeView {
  const delta = current - previous;
  return { previous, delta, ratio: previous === 0 ? null : delta / previous };
}

function runtimeKey(p: PricedFunction): string {
  return p.facts.runtime ?? (p.facts.packageType === "Image" ? "container image" : "unknown");
}

function groupKeyOf(groupBy: CostGroupBy, multiAccount: boolean): (p: PricedFunction) => string {
  switch (groupBy) {
    case "team":
      return (p) => p.team;
    case "function":
      return (p) => p.id;
    case "runtime":
      return runtimeKey;
    case "architecture":
      return (p) => p.facts.architecture;
    case "region":
      return (p) => (multiAccount ? `${p.facts.account}/${p.facts.region}` : p.facts.region);
  }
}

export function functionView(p: PricedFunction, change: CostChangeView | null): FunctionCostView {
  return {
    id: p.id,
    account: p.facts.account,
    region: p.facts.region,
    name: p.facts.name,
    team: p.team,
    runtime: p.facts.runtime ?? null,
    architecture: p.facts.architecture,
    memoryMB: p.facts.memoryMB,
    invocations: p.usage.invocations,
    window: p.window,
    monthly: p.monthly,
    coldStarts: p.usage.coldStarts ?? null,
    initBilled: p.initBilled,
    coldStartMonthly: p.coldStartMonthly,
    change,
    assumptions: p.cost.assumptions,
  };
}

export function savingViews(p: PricedFunction): SavingView[] {
  return p.savings.map((s) => ({
    id: s.id,
    kind: s.kind,
    account: s.function.account,
    region: s.function.region,
    name: s.function.name,
    team: p.team,
    monthlyAmount: s.monthlyAmount,
    title: s.title,
    detail: s.detail,
    assumption: s.assumption,
    ...(s.suggested ? { suggested: s.suggested } : {}),
    links: s.links ?? [],
  }));
}

export function priceInfo(book: PriceBook): CostsResponse["prices"] {
  return {
    currency: "USD",
    asOf: book.default.asOf,
    source: [
      ...book.default.source,
      "Amazon CloudWatch pricing (Logs storage), https://aws.amazon.com/cloudwatch/pricing/",
    ],
    configuredRegions: Object.keys(book.regions ?? {}).sort(),
    initBillingStart: INIT_BILLING_START.slice(0, 10),
    logStoragePerGbMonth: CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH,
  };
}

function assumptionsFor(book: PriceBook, teamTagKey: string): string[] {
  const configured = Object.keys(book.regions ?? {});
  return [
    `AWS list prices for us-east-1 as of ${book.default.asOf}${
      configured.length ? `; ${configured.join(", ")} priced from configuration` : ""
    }; other regions are priced like us-east-1.`,
    "Monthly figures project the range to 30 days (× 30 days / range length).",
    "The free tier (1M requests and 400,000 GB-seconds a month per account) is not subtracted.",
    `Since ${INIT_BILLING_START.slice(0, 10)} AWS bills the INIT phase of on-demand functions on managed runtimes: cold starts are counted in compute.`,
    "Duration volume tiers are applied per account, region and architecture, shared in proportion to GB-seconds.",
    `CloudWatch Logs storage at $${CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH} per GB-month on each log group's current size; log ingestion is not included.`,
    `Teams come from the "${teamTagKey}" tag; functions without it are "untagged".`,
    "Savings are estimated one at a time; some overlap (arm64 and right-sizing both lower compute), so their sum is an upper bound.",
    "Change compares with the previous period of equal length, with today's configuration (memory, provisioned concurrency).",
  ];
}

interface Period {
  reads: ScopeCosts[];
  functions: PricedFunction[];
}

export async function getCosts(params: CostsParams, opts: { waitMs?: number } = {}): Promise<CostsResponse> {
  const range = resolveRange(params);
  const before = previousRange(range);
  const scopes = scopesFromFilter(params.account, params.region);
  const config = getConfig();
  const waitMs = opts.waitMs ?? config.limits.responseWaitSeconds * 1000;
  const prices = configuredPriceBook();
  const teamTagKey = config.teamTagKey;
  const groupBy = params.groupBy ?? DEFAULT_COST_GROUP_BY;
  const team = params.team?.trim().toLowerCase();
  const inTeam = (p: PricedFunction) => !team || p.team.toLowerCase() === team;
  const read = { waitMs, prices, teamTagKey };

  const [current, previous] = (await Promise.all(
    [range, before].map(async (r): Promise<Period> => {
      const reads = await Promise.all(scopes.map((s) => readScopeCosts(s, r, read)));
      return { reads, functions: reads.flatMap((x) => x.priced).filter(inTeam) };
    }),
  )) as [Period, Period];

  // Change figures only where both periods were read in full.
  const complete = (s: ScopeCosts | undefined) => s?.status.status === "ok" && !s.status.partial;
  const comparable = new Set<string>();
  const comparisonExcludes: CostsResponse["comparisonExcludes"] = [];
  current.reads.forEach((c, i) => {
    if (complete(c) && complete(previous.reads[i])) comparable.add(scopeKey(c.scope));
    else comparisonExcludes.push({ account: c.scope.account.id, region: c.scope.region });
  });
  const isComparable = (p: PricedFunction) => comparable.has(`${p.facts.account}:${p.facts.region}`);
  const previousMonthly = new Map(previous.functions.map((p) => [p.id, p.monthly.total]));
  const changeOf = (items: readonly PricedFunction[]): CostChangeView | null => {
    const compared = items.filter(isComparable);
    if (compared.length === 0) return null;
    const now = compared.reduce((sum, p) => sum + p.monthly.total, 0);
    const then = compared.reduce((sum, p) => sum + (previousMonthly.get(p.id) ?? 0), 0);
    return costChangeOf(now, then);
  };

  const functions = [...current.functions].sort(
    (a, b) => b.monthly.total - a.monthly.total || a.id.localeCompare(b.id),
  );

  // Groups, largest first; past MAX_GROUPS the rest is one "other" row, so groups still add up.
  const multiAccount = new Set(scopes.map((s) => s.account.id)).size > 1;
  const keyOf = groupKeyOf(groupBy, multiAccount);
  const byKey = new Map<string, PricedFunction[]>();
  for (const p of functions) byKey.set(keyOf(p), [...(byKey.get(keyOf(p)) ?? []), p]);
  const group = (key: string, items: PricedFunction[], other = false): CostGroup => ({
    key,
    ...(other ? { other: true } : {}),
    functions: items.length,
    window: addBreakdowns(items.map((p) => p.window)),
    monthly: addBreakdowns(items.map((p) => p.monthly)),
    change: changeOf(items),
  });
  let groups = [...byKey].map(([key, items]) => group(key, items));
  groups.sort((a, b) => b.monthly.total - a.monthly.total || a.key.localeCompare(b.key));
  if (groups.length > MAX_GROUPS) {
    const kept = new Set(groups.slice(0, MAX_GROUPS - 1).map((g) => g.key));
    const rest = functions.filter((p) => !kept.has(keyOf(p)));
    groups = [...groups.slice(0, MAX_GROUPS - 1), group(OTHER_GROUP, rest, true)];
  }

  const view = (p: PricedFunction) =>
    functionView(p, isComparable(p) ? costChangeOf(p.monthly.total, previousMonthly.get(p.id) ?? 0) : null);
  const withColdStarts = functions
    .filter((p) => (p.coldStartMonthly ?? 0) > 0)
    .sort((a, b) => (b.coldStartMonthly ?? 0) - (a.coldStartMonthly ?? 0) || a.id.localeCompare(b.id));
  const savings = functions
    .flatMap(savingViews)
    .sort((a, b) => b.monthlyAmount - a.monthlyAmount || a.id.localeCompare(b.id));

  const window: CostBreakdown = addBreakdowns(functions.map((p) => p.window));
  const monthly: CostBreakdown = addBreakdowns(functions.map((p) => p.monthly));
  const statuses = current.reads.map((r) => r.status);
  const asOfs = statuses
    .map((s) => s.asOf)
    .filter((a): a is string => Boolean(a))
    .sort();
  const partial = [...statuses, ...previous.reads.map((r) => r.status)].some(
    (s) => s.partial === true || s.error?.code === "timeout",
  );

  return {
    range: rangeToSchema(range),
    previousRange: rangeToSchema(before),
    groupBy,
    teamTagKey,
    team: params.team ?? null,
    monthFactor: (30 * 86_400_000) / (range.endMs - range.startMs),
    totals: {
      functions: functions.length,
      invocations: functions.reduce((n, p) => n + p.usage.invocations, 0),
      window,
      monthly,
      change: changeOf(functions),
    },
    groups,
    topFunctions: functions.slice(0, TOP_FUNCTIONS).map(view),
    coldStarts: {
      monthly: withColdStarts.reduce((sum, p) => sum + (p.coldStartMonthly ?? 0), 0),
      functionsWithColdStarts: withColdStarts.length,
      functions: withColdStarts.slice(0, TOP_FUNCTIONS).map(view),
    },
    savings: {
      monthly: savings.reduce((sum, s) => sum + s.monthlyAmount, 0),
      count: savings.length,
      items: savings.slice(0, MAX_SAVINGS),
    },
    prices: priceInfo(prices),
    assumptions: assumptionsFor(prices, teamTagKey),
    status: statuses,
    previousStatus: previous.reads.map((r) => r.status),
    comparisonExcludes,
    partial,
    asOf: asOfs[0] ?? iso(Date.now()),
  };
}
