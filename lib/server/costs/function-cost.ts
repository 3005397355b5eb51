import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import { getConfig } from "@/lib/config";
import type { Section } from "@/lib/schemas/common";
import type { FunctionCostDetail } from "@/lib/schemas/costs";
import { AppError } from "../errors";
import type { ResolvedRange } from "../range";
import { pendingError } from "../section";
import { functionView, priceInfo, savingViews } from "./get-costs";
import { configuredPriceBook } from "./price-book";
import { readScopeCosts } from "./scope-costs";

/**
 * How long the detail waits for its region to be priced. Pricing needs every function of the region
 * (AWS's volume tiers are per account, region and architecture), read once and cached; on a cold
 * cache the section says "still reading" and the page asks again, rather than holding up the rest.
 */
export const DETAIL_COST_WAIT_MS = 3_000;

/**
 * The cost section of a function's detail: its estimate over the range and per month (with the
 * account-wide tiers of its region, hence the region's facts), its cold-start cost and the savings
 * that apply. The previous period is not read here (the Costs page has the change).
 */
export async function functionCostSection(
  scope: AwsScope,
  name: string,
  range: ResolvedRange,
  waitMs: number,
): Promise<Section<FunctionCostDetail>> {
  const prices = configuredPriceBook();
  const read = await readScopeCosts(scope, range, {
    waitMs: Math.min(waitMs, DETAIL_COST_WAIT_MS),
    prices,
    teamTagKey: getConfig().teamTagKey,
  });
  const { status } = read;
  if (status.status === "error")
    return {
      status: "error",
      error:
        status.error ?? new AppError("aws_error", `${scope.region} could not be priced`).toSectionError(),
    };
  const priced = read.priced.find((p) => p.facts.name === name);
  if (!priced) {
    const why = status.issues.find((i) => i.part === "metrics" || i.part === "configuration")?.error;
    return {
      status: "error",
      error: status.partial
        ? (why ?? pendingError().toSectionError())
        : new AppError("aws_error", `no usage figures for ${name} in this range`).toSectionError(),
    };
  }
  return {
    status: "ok",
    data: {
      cost: functionView(priced, null),
      savings: savingViews(priced),
      monthFactor: priced.cost.monthFactor,
      prices: priceInfo(prices),
    },
    asOf: status.asOf ?? new Date().toISOString(),
    ...(status.partial ? { partial: true } : {}),
  };
}
