import "server-only";
import type { FunctionFacts, FunctionUsage } from "@/lib/analysis/function-facts";
import { teamOf } from "@/lib/analysis/cost/aggregate";
import {
  estimateFunctionCost,
  initIsBilled,
  monthlyColdStartCost,
  type FunctionCost,
} from "@/lib/analysis/cost/estimate";
import { CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH, type PriceBook } from "@/lib/analysis/cost/prices";
import { savingsFor, type Saving } from "@/lib/analysis/cost/savings";
import { applyAccountTiers } from "@/lib/analysis/cost/tiers";
import type { CostBreakdown } from "@/lib/schemas/costs";

/**
 * Prices the functions of one account and region with the cost model of lib/analysis/cost: each
 * function's estimate (requests, on-demand duration incl. billed INIT, provisioned concurrency,
 * ephemeral storage), then AWS's volume tiers over the account, region and architecture together,
 * then the savings that apply. Pure: the facts come from lib/server/facts.
 */

const GIB = 1024 ** 3;

export interface PricedFunction {
  id: string;
  facts: FunctionFacts;
  usage: FunctionUsage;
  /** After account-wide volume tiers. */
  cost: FunctionCost;
  team: string;
  /** CloudWatch Logs storage per month on the log group's current size; null when the size is unknown. */
  logStorageMonthly: number | null;
  window: CostBreakdown;
  monthly: CostBreakdown;
  initBilled: boolean;
  coldStartMonthly: number | null;
  savings: Saving[];
}

export interface PricedRegion {
  priced: PricedFunction[];
  /** Functions without usage figures (their metrics could not be read): left out, not counted as $0. */
  unpriced: FunctionFacts[];
}

export const functionId = (f: { account: string; region: string; name: string }): string =>
  `${f.account}/${f.region}/${f.name}`;

/** The usage of a function, whichever key the facts use (name within the region, or the full id). */
export function usageOf(
  usage: ReadonlyMap<string, FunctionUsage>,
  f: FunctionFacts,
): FunctionUsage | undefined {
  return usage.get(f.name) ?? usage.get(functionId(f));
}

/**
 * CloudWatch Logs storage, "Store (Archival)" $0.03 per GB-month in us-east-1
 * (https://aws.amazon.com/cloudwatch/pricing/, Logs tab), on DescribeLogGroups' storedBytes.
 */
export function logStorageMonthly(facts: FunctionFacts): number | null {
  const bytes = facts.logGroup.storedBytes;
  return bytes === undefined ? null : (bytes / GIB) * CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH;
}

function breakdown(cost: FunctionCost, logStorage: number, factor: number): CostBreakdown {
  const requests = cost.requests * factor;
  const compute = cost.compute * factor;
  const provisioned = cost.provisioned * factor;
  const ephemeral = cost.ephemeral * factor;
  return {
    requests,
    compute,
    init: cost.initCost * factor,
    provisioned,
    ephemeral,
    logStorage,
    total: requests + compute + provisioned + ephemeral + logStorage,
  };
}

export function priceRegion(
  functions: readonly FunctionFacts[],
  usage: ReadonlyMap<string, FunctionUsage>,
  opts: { prices: PriceBook; teamTagKey: string; today: Date },
): PricedRegion {
  const unpriced: FunctionFacts[] = [];
  const items: Array<{ facts: FunctionFacts; usage: FunctionUsage; cost: FunctionCost }> = [];
  for (const facts of functions) {
    const u = usageOf(usage, facts);
    if (!u) {
      unpriced.push(facts);
      continue;
    }
    items.push({ facts, usage: u, cost: estimateFunctionCost(facts, u, { prices: opts.prices }) });
  }
  const tiered = applyAccountTiers(items, opts.prices).items;
  const priced = tiered.map(({ facts, usage: u, cost }): PricedFunction => {
    const logMonthly = logStorageMonthly(facts);
    const factor = cost.monthFactor;
    const initBilled = initIsBilled(facts, u.windowEnd);
    return {
      id: functionId(facts),
      facts,
      usage: u,
      cost,
      team: teamOf(facts, opts.teamTagKey),
      logStorageMonthly: logMonthly,
      window: breakdown(cost, factor > 0 ? (logMonthly ?? 0) / factor : 0, 1),
      monthly: breakdown(cost, logMonthly ?? 0, factor),
      initBilled,
      coldStartMonthly: !initBilled ? 0 : u.coldStarts === undefined ? null : monthlyColdStartCost(cost),
      savings: savingsFor(facts, u, cost, { prices: opts.prices, today: opts.today }),
    };
  });
  return { priced, unpriced };
}

export const ZERO_BREAKDOWN: Readonly<CostBreakdown> = Object.freeze({
  requests: 0,
  compute: 0,
  init: 0,
  provisioned: 0,
  ephemeral: 0,
  logStorage: 0,
  total: 0,
});

export function addBreakdowns(parts: Iterable<CostBreakdown>): CostBreakdown {
  const sum: CostBreakdown = { ...ZERO_BREAKDOWN };
  for (const p of parts) {
    sum.requests += p.requests;
    sum.compute += p.compute;
    sum.init += p.init;
    sum.provisioned += p.provisioned;
    sum.ephemeral += p.ephemeral;
    sum.logStorage += p.logStorage;
    sum.total += p.total;
  }
  return sum;
}
