import type { Architecture, FunctionFacts } from "@/lib/analysis/function-facts";
import type { FunctionCost } from "./estimate";
import {
  baseDurationPrice,
  DEFAULT_PRICE_BOOK,
  pricesForRegion,
  type PriceBook,
  type PriceTier,
} from "./prices";

/** Cost of `monthlyGbS` on-demand GB-seconds through the volume tiers (BLOG-TIER). */
export function applyTiers(monthlyGbS: number, tiers: readonly PriceTier[]): number {
  let cost = 0;
  let lower = 0;
  for (const tier of tiers) {
    const upper = tier.upToGbS ?? Number.POSITIVE_INFINITY;
    cost += Math.max(0, Math.min(monthlyGbS, upper) - lower) * tier.pricePerGbS;
    if (monthlyGbS <= upper) break;
    lower = upper;
  }
  return cost;
}

export interface TierGroup {
  account: string;
  region: string;
  architecture: Architecture;
  /** Sum of the functions' projected monthly on-demand GB-s. */
  monthlyGbS: number;
  /** That total at the tier-1 price, and through the tiers. */
  tier1Cost: number;
  tieredCost: number;
  /** tieredCost / tier1Cost: 1 below the first tier boundary. */
  factor: number;
}

export interface CostItem {
  facts: FunctionFacts;
  cost: FunctionCost;
}

/**
 * Applies the volume tiers where AWS applies them: to the monthly on-demand duration of all functions
 * of one account, Region and architecture together (PRICE: "per architecture, per Region, per
 * account"; under consolidated billing AWS aggregates per organization, which this does not see).
 *
 * Allocation: each function's compute is multiplied by its group's tieredCost / tier1Cost, i.e. the
 * discount is shared in proportion to GB-seconds, not given to whichever function crossed the line.
 * Provisioned concurrency, requests and ephemeral storage are not tiered.
 */
export function applyAccountTiers<T extends CostItem>(
  items: readonly T[],
  book: PriceBook = DEFAULT_PRICE_BOOK,
): { items: T[]; groups: TierGroup[] } {
  const groups = new Map<string, TierGroup>();
  const keyOf = (f: FunctionFacts) => `${f.account}/${f.region}/${f.architecture}`;
  for (const { facts, cost } of items) {
    const key = keyOf(facts);
    const group = groups.get(key) ?? {
      account: facts.account,
      region: facts.region,
      architecture: facts.architecture,
      monthlyGbS: 0,
      tier1Cost: 0,
      tieredCost: 0,
      factor: 1,
    };
    group.monthlyGbS += cost.quantities.billableOnDemandGbS * cost.monthFactor;
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const prices = pricesForRegion(book, group.region);
    group.tier1Cost = group.monthlyGbS * baseDurationPrice(prices, group.architecture);
    group.tieredCost = applyTiers(group.monthlyGbS, prices.architectures[group.architecture].durationTiers);
    group.factor = group.tier1Cost > 0 ? group.tieredCost / group.tier1Cost : 1;
  }
  const adjusted = items.map((item) => {
    const factor = groups.get(keyOf(item.facts))?.factor ?? 1;
    if (factor === 1) return item;
    const { cost } = item;
    const compute = cost.compute * factor;
    const total = cost.total - cost.compute + compute;
    return {
      ...item,
      cost: {
        ...cost,
        compute,
        initCost: cost.initCost * factor,
        total,
        monthlyProjection: total * cost.monthFactor,
        assumptions: [
          ...cost.assumptions,
          `Account-wide volume tiers: duration ${((1 - factor) * 100).toFixed(1)} % below the tier-1 price, shared in proportion to GB-seconds.`,
        ],
      },
    };
  });
  return { items: adjusted, groups: [...groups.values()] };
}
