import "server-only";
import type { Architecture } from "@/lib/analysis/function-facts";
import {
  DEFAULT_PRICE_BOOK,
  type ArchitecturePrices,
  type PriceBook,
  type RegionPriceOverride,
} from "@/lib/analysis/cost/prices";
import { configuredScopes, getConfig, type PriceTable } from "@/lib/config";
import { DEFAULT_PRICES } from "@/lib/config/schema";

/**
 * The price book of this installation: the dated us-east-1 list prices of lib/analysis/cost/prices
 * (AWS Lambda Pricing, https://aws.amazon.com/lambda/pricing/) with the config file's
 * `pricing.regions` overrides. An override gives the tier-1 GB-second price; the lower tiers keep
 * AWS's published steps from it (-10 % above 6 billion GB-s, -20 % above 15 billion for x86_64;
 * 7.5 and 18.75 billion for arm64; "Introducing tiered pricing for AWS Lambda",
 * https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/).
 */

function overrideFor(table: PriceTable): RegionPriceOverride | undefined {
  const base = DEFAULT_PRICES;
  const changed = (Object.keys(base) as Array<keyof PriceTable>).some((k) => table[k] !== base[k]);
  if (!changed) return undefined;
  const defaults = DEFAULT_PRICE_BOOK.default;
  const arch = (
    a: Architecture,
    gbS: number,
    provisioned: number,
    provisionedDuration: number,
  ): ArchitecturePrices => {
    const tiers = defaults.architectures[a].durationTiers;
    const tier1 = tiers[0]?.pricePerGbS ?? gbS;
    return {
      durationTiers: tiers.map((t) => ({ upToGbS: t.upToGbS, pricePerGbS: (t.pricePerGbS / tier1) * gbS })),
      provisionedPerGbS: provisioned,
      provisionedDurationPerGbS: provisionedDuration,
    };
  };
  return {
    requestsPerMillion: table.requestsPerMillion,
    ephemeralPerGbS: table.ephemeralStorageGbSecond,
    architectures: {
      x86_64: arch(
        "x86_64",
        table.x86GbSecond,
        table.provisionedX86GbSecond,
        table.provisionedDurationX86GbSecond,
      ),
      arm64: arch(
        "arm64",
        table.arm64GbSecond,
        table.provisionedArm64GbSecond,
        table.provisionedDurationArm64GbSecond,
      ),
    },
  };
}

/** The default prices plus an override for every configured region whose prices differ. */
export function configuredPriceBook(): PriceBook {
  const config = getConfig();
  const regions: Record<string, RegionPriceOverride> = {};
  for (const region of new Set(configuredScopes().map((s) => s.region))) {
    const override = overrideFor(config.priceFor(region));
    if (override) regions[region] = override;
  }
  return Object.keys(regions).length ? { default: DEFAULT_PRICE_BOOK.default, regions } : DEFAULT_PRICE_BOOK;
}
