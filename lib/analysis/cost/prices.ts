import type { Architecture } from "@/lib/analysis/function-facts";

/** One duration tier: the price applies to monthly GB-seconds up to `upToGbS` (null: no upper end). */
export interface PriceTier {
  upToGbS: number | null;
  pricePerGbS: number;
}

export interface ArchitecturePrices {
  /** On-demand duration, tiered on the monthly total per account, Region and architecture. */
  durationTiers: PriceTier[];
  /** Provisioned concurrency, for the time it is configured (GB-s of allocated environments). */
  provisionedPerGbS: number;
  /** Duration of invocations served by provisioned concurrency. */
  provisionedDurationPerGbS: number;
}

export interface LambdaPrices {
  currency: "USD";
  /** The day these prices were read. */
  asOf: string;
  source: readonly string[];
  requestsPerMillion: number;
  architectures: Record<Architecture, ArchitecturePrices>;
  /** Ephemeral storage configured above the free 512 MB. */
  ephemeralPerGbS: number;
  /** Monthly free tier; AWS does not apply it to usage served by provisioned concurrency. */
  freeTier: { requests: number; gbS: number };
}

/**
 * us-east-1 prices (reference sheet §5).
 * - PRICE: "AWS Lambda Pricing", https://aws.amazon.com/lambda/pricing/ (2026 copy, incl. worked examples)
 * - BLOG-TIER: "Introducing tiered pricing for AWS Lambda" (2022),
 *   https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/ (tier bounds, -10 %/-20 %)
 * - Tier 2/3 prices and arm64 provisioned-concurrency prices come from third-party extractions of the
 *   AWS Price List API (PL-3P), not from an AWS page; they match the blog's percentages.
 */
export const US_EAST_1_PRICES: LambdaPrices = {
  currency: "USD",
  asOf: "2026-11-22",
  source: [
    "AWS Lambda Pricing, https://aws.amazon.com/lambda/pricing/",
    "AWS Compute Blog, Introducing tiered pricing for AWS Lambda, https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/",
    "AWS Price List API (third-party extraction) for tier 2/3 and arm64 provisioned concurrency",
  ],
  requestsPerMillion: 0.2,
  architectures: {
    x86_64: {
      durationTiers: [
        { upToGbS: 6e9, pricePerGbS: 0.0000166667 },
        { upToGbS: 15e9, pricePerGbS: 0.000015 },
        { upToGbS: null, pricePerGbS: 0.0000133334 },
      ],
      provisionedPerGbS: 0.0000041667,
      provisionedDurationPerGbS: 0.0000097222,
    },
    arm64: {
      durationTiers: [
        { upToGbS: 7.5e9, pricePerGbS: 0.0000133334 },
        { upToGbS: 18.75e9, pricePerGbS: 0.0000120001 },
        { upToGbS: null, pricePerGbS: 0.0000106667 },
      ],
      provisionedPerGbS: 0.0000033334,
      provisionedDurationPerGbS: 0.0000077778,
    },
  },
  ephemeralPerGbS: 0.0000000309,
  freeTier: { requests: 1_000_000, gbS: 400_000 },
};

/**
 * CloudWatch Logs storage ("Store (Archival)"), us-east-1: $0.03 per GB-month.
 * Source: "Amazon CloudWatch pricing", https://aws.amazon.com/cloudwatch/pricing/ (Logs tab).
 */
export const CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH = 0.03;

/** Per-Region replacements: any field given replaces the default's field. */
export type RegionPriceOverride = Partial<Omit<LambdaPrices, "architectures">> & {
  architectures?: Partial<Record<Architecture, ArchitecturePrices>>;
};

/** The default prices plus per-Region overrides, typically from config. */
export interface PriceBook {
  default: LambdaPrices;
  regions?: Record<string, RegionPriceOverride>;
}

export const DEFAULT_PRICE_BOOK: PriceBook = { default: US_EAST_1_PRICES };

/**
 * Prices for one Region. AWS publishes per-Region tables that the reference sheet does not have, so
 * without an override every Region is priced like us-east-1 (most commercial Regions match it).
 */
export function pricesForRegion(book: PriceBook, region: string): LambdaPrices {
  const override = book.regions?.[region];
  if (!override) return book.default;
  return {
    ...book.default,
    ...override,
    architectures: { ...book.default.architectures, ...override.architectures },
  };
}

/** Tier-1 on-demand price per GB-s: what a single function is charged before account-wide tiers. */
export function baseDurationPrice(prices: LambdaPrices, architecture: Architecture): number {
  return prices.architectures[architecture].durationTiers[0]?.pricePerGbS ?? 0;
}
