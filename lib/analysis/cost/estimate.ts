import type { FunctionFacts, FunctionUsage } from "@/lib/analysis/function-facts";
import { baseDurationPrice, DEFAULT_PRICE_BOOK, pricesForRegion, type PriceBook } from "./prices";

/** Billed quantities over the usage window. */
export interface CostQuantities {
  requests: number;
  billableRequests: number;
  /** On-demand duration incl. billed INIT, before the free tier. */
  onDemandGbS: number;
  billableOnDemandGbS: number;
  /** The INIT part of `onDemandGbS`. */
  initGbS: number;
  /** Provisioned concurrency: allocated environments × the time configured. */
  provisionedGbS: number;
  /** Duration of invocations served by provisioned concurrency. */
  provisionedDurationGbS: number;
  /** Ephemeral storage above 512 MB × duration. */
  ephemeralGbS: number;
}

/** USD over the usage window; `monthlyProjection` scales `total` to 30 days. */
export interface FunctionCost {
  requests: number;
  /** On-demand duration at the tier-1 price (see `applyTiers` for account-wide tiers). */
  compute: number;
  /** Provisioned concurrency plus the duration of invocations it served. */
  provisioned: number;
  ephemeral: number;
  /** The part of `compute` attributable to INIT (cold starts). */
  initCost: number;
  total: number;
  monthlyProjection: number;
  /** 30 days / window length, or the caller's factor. */
  monthFactor: number;
  quantities: CostQuantities;
  pricesAsOf: string;
  /** Plain sentences: what the estimate assumed. Show them beside the figures. */
  assumptions: string[];
}

export interface CostOptions {
  prices?: PriceBook;
  /**
   * Apply the monthly free tier (1M requests, 400,000 GB-s) to this function alone, pro-rated to the
   * window. Right for a single-function estimate like AWS's examples; for a fleet the free tier is
   * one account-wide allowance, so leave it off there.
   */
  freeTier?: boolean;
  /** Overrides 30 days / window length. */
  monthFactor?: number;
}

const MONTH_MS = 30 * 86_400_000;

/** BLOG-INIT: INIT of on-demand .zip functions on managed runtimes is billed from this day. */
export const INIT_BILLING_START = "2025-08-01T00:00:00Z";

export function windowSeconds(usage: FunctionUsage): number {
  return Math.max(0, (Date.parse(usage.windowEnd) - Date.parse(usage.windowStart)) / 1000);
}

/** 30 days / window length: multiply a window's figure by this to project a month. */
export function monthFactorFor(usage: FunctionUsage): number {
  const seconds = windowSeconds(usage);
  return seconds > 0 ? MONTH_MS / 1000 / seconds : 0;
}

/**
 * Whether a cold start's INIT time is billed (BLOG-INIT, "AWS Lambda standardizes billing for INIT
 * Phase", https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/):
 * container images and OS-only runtimes always were; on-demand .zip functions on managed runtimes
 * are from 2025-08-01. SnapStart restores are billed differently (cache + restore) and not modeled.
 */
export function initIsBilled(facts: FunctionFacts, at: string): boolean {
  if (facts.snapStart) return false;
  if (facts.packageType === "Image" || !facts.runtime || facts.runtime.startsWith("provided")) return true;
  return Date.parse(at) >= Date.parse(INIT_BILLING_START);
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/**
 * What a function cost over the usage window (AWS's model, reference sheet §5, PRICE):
 * requests × $/1M + on-demand GB-s × $/GB-s + provisioned concurrency (allocated GB-s and the
 * duration it served) + ephemeral storage above 512 MB. Cold starts add their INIT time to the
 * on-demand GB-s when INIT is billed. The free tier, when asked for, covers on-demand usage only:
 * AWS's own examples take the 1M free requests from on-demand requests and nothing from invocations
 * served by provisioned concurrency.
 */
export function estimateFunctionCost(
  facts: FunctionFacts,
  usage: FunctionUsage,
  options: CostOptions = {},
): FunctionCost {
  const book = options.prices ?? DEFAULT_PRICE_BOOK;
  const prices = pricesForRegion(book, facts.region);
  const arch = prices.architectures[facts.architecture];
  const monthFactor = options.monthFactor ?? monthFactorFor(usage);
  const memoryGb = facts.memoryMB / 1024;
  const assumptions: string[] = [];

  assumptions.push(
    book.regions?.[facts.region]
      ? `Prices for ${facts.region} from configuration.`
      : `us-east-1 list prices of ${prices.asOf}; ${facts.region} has no configured override.`,
  );

  // Invocations served by provisioned concurrency, and the rest (on demand).
  const allocated = facts.provisionedConcurrency?.allocated ?? 0;
  let pcInvocations = 0;
  if (allocated > 0) {
    if (usage.provisionedInvocations !== undefined) {
      pcInvocations = usage.provisionedInvocations;
    } else if (usage.spilloverInvocations !== undefined) {
      pcInvocations = usage.invocations - usage.spilloverInvocations;
      assumptions.push("Invocations on provisioned concurrency = invocations − spillover.");
    } else {
      pcInvocations = usage.invocations;
      assumptions.push("Spillover unknown: all invocations assumed served by provisioned concurrency.");
    }
  }
  pcInvocations = Math.min(Math.max(0, pcInvocations), usage.invocations);
  const onDemandInvocations = usage.invocations - pcInvocations;

  // INIT: cold starts × average init duration, when billed.
  const billedInit = initIsBilled(facts, usage.windowEnd);
  let initMs = 0;
  if (!billedInit) {
    assumptions.push("INIT time is not billed for this function (SnapStart, or before 2025-08-01).");
  } else if (usage.coldStarts !== undefined && usage.initDurationAvgMs !== undefined) {
    initMs = usage.coldStarts * usage.initDurationAvgMs;
    assumptions.push(
      `INIT billed (since 2025-08-01 for managed runtimes): ${usage.coldStarts} cold starts × ${round(usage.initDurationAvgMs, 1)} ms average init.`,
    );
  } else {
    assumptions.push("Cold starts unknown: billed INIT time is missing, so compute is a lower bound.");
  }

  const pcDurationMs = pcInvocations * (usage.provisionedDurationAvgMs ?? usage.durationAvgMs);
  let totalMs: number;
  if (usage.billedDurationMsSum !== undefined) {
    totalMs = usage.billedDurationMsSum;
    assumptions.push("Duration = sum of Billed Duration from REPORT log lines (includes billed INIT).");
  } else {
    totalMs = usage.invocations * usage.durationAvgMs + initMs;
    assumptions.push(
      "Duration = invocations × average Duration; the 1 ms round-up per invocation is not modeled.",
    );
  }
  const onDemandMs = Math.max(0, totalMs - pcDurationMs);

  const free = options.freeTier
    ? { requests: prices.freeTier.requests / monthFactor, gbS: prices.freeTier.gbS / monthFactor }
    : { requests: 0, gbS: 0 };
  assumptions.push(
    options.freeTier
      ? "Free tier applied as if this function were the account's only usage (on-demand only, not provisioned concurrency)."
      : "No free tier: it is one allowance per account, not per function.",
  );

  const onDemandGbS = (onDemandMs / 1000) * memoryGb;
  const initGbS = (initMs / 1000) * memoryGb;
  const billableOnDemandGbS = Math.max(0, onDemandGbS - free.gbS);
  const billableRequests = usage.invocations - Math.min(free.requests, onDemandInvocations);
  const provisionedSeconds = usage.provisionedEnabledSeconds ?? windowSeconds(usage);
  const provisionedGbS = allocated * memoryGb * provisionedSeconds;
  const provisionedDurationGbS = (pcDurationMs / 1000) * memoryGb;
  const ephemeralGbS = (Math.max(0, facts.ephemeralStorageMB - 512) / 1024) * (totalMs / 1000);
  if (allocated > 0) {
    assumptions.push(
      usage.provisionedEnabledSeconds === undefined
        ? `Provisioned concurrency of ${allocated} assumed configured for the whole window.`
        : `Provisioned concurrency of ${allocated} configured for ${round(provisionedSeconds / 3600, 1)} h of the window.`,
    );
  }

  const requests = (billableRequests / 1e6) * prices.requestsPerMillion;
  const compute = billableOnDemandGbS * baseDurationPrice(prices, facts.architecture);
  const initCost = onDemandGbS > 0 ? compute * (initGbS / onDemandGbS) : 0;
  const provisioned =
    provisionedGbS * arch.provisionedPerGbS + provisionedDurationGbS * arch.provisionedDurationPerGbS;
  const ephemeral = ephemeralGbS * prices.ephemeralPerGbS;
  const total = requests + compute + provisioned + ephemeral;

  assumptions.push(
    "Tier-1 duration price; account-wide volume tiers are applied by applyTiers.",
    `Monthly projection = window × ${round(monthFactor, 3)} (30 days / window length).`,
  );

  return {
    requests,
    compute,
    provisioned,
    ephemeral,
    initCost,
    total,
    monthlyProjection: total * monthFactor,
    monthFactor,
    quantities: {
      requests: usage.invocations,
      billableRequests,
      onDemandGbS,
      billableOnDemandGbS,
      initGbS,
      provisionedGbS,
      provisionedDurationGbS,
      ephemeralGbS,
    },
    pricesAsOf: prices.asOf,
    assumptions,
  };
}

/** What cold starts cost per month: the INIT share of compute, projected to 30 days. */
export function monthlyColdStartCost(cost: FunctionCost): number {
  return cost.initCost * cost.monthFactor;
}
