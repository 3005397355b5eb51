import { functionRef, type FunctionFacts, type FunctionUsage } from "@/lib/analysis/function-facts";
import { runtimeInfo } from "@/lib/analysis/runtimes/table";
import { RULE_DEFAULTS } from "@/lib/analysis/thresholds";
import { windowSeconds, type FunctionCost } from "./estimate";
import {
  baseDurationPrice,
  CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH,
  DEFAULT_PRICE_BOOK,
  pricesForRegion,
  type PriceBook,
} from "./prices";

export type SavingKind = "arm64" | "right-size-memory" | "release-provisioned-concurrency" | "log-retention";

export interface Saving {
  /** Stable: `${kind}:${account}/${region}/${name}`. */
  id: string;
  kind: SavingKind;
  function: { account: string; region: string; name: string };
  /** Estimated USD per month. */
  monthlyAmount: number;
  title: string;
  detail: string;
  /** The assumption the amount rests on, in one sentence. */
  assumption: string;
  suggested?: {
    architecture?: "arm64";
    memoryMB?: number;
    provisionedConcurrency?: number;
    retentionDays?: number;
  };
  links?: string[];
}

/** Memory sizes we suggest (MB); the usual steps of AWS Lambda Power Tuning runs, up to the 10,240 MB maximum (LQ). */
export const STANDARD_MEMORY_SIZES = [
  128, 256, 512, 1024, 1536, 2048, 3008, 4096, 5120, 6144, 7168, 8192, 9216, 10240,
] as const;
/** Headroom kept above the highest memory use when right-sizing. */
export const MEMORY_HEADROOM = 1.3;
/** Utilization right-sized provisioned concurrency should peak at. */
const PROVISIONED_TARGET_UTILIZATION = 0.7;
/** Retention we suggest for log groups that never expire. */
const SUGGESTED_RETENTION_DAYS = 30;

const POWER_TUNING = "https://github.com/alexcasalboni/aws-lambda-power-tuning";
const GIB = 1024 ** 3;
const DAY_MS = 86_400_000;
const usd = (n: number) => `$${n.toFixed(2)}`;

function saving(
  facts: FunctionFacts,
  kind: SavingKind,
  rest: Omit<Saving, "id" | "kind" | "function">,
): Saving {
  return {
    id: `${kind}:${facts.account}/${facts.region}/${facts.name}`,
    kind,
    function: functionRef(facts),
    ...rest,
  };
}

/** x86 function on a runtime that runs on arm64: Graviton's GB-s prices are ~20 % lower (PRICE). */
export function arm64Saving(
  facts: FunctionFacts,
  cost: FunctionCost,
  book: PriceBook = DEFAULT_PRICE_BOOK,
): Saving | undefined {
  if (facts.architecture !== "x86_64" || runtimeInfo(facts.runtime)?.arm64 !== true) return undefined;
  const prices = pricesForRegion(book, facts.region);
  const x86 = prices.architectures.x86_64;
  const arm = prices.architectures.arm64;
  const q = cost.quantities;
  const monthlyAmount =
    cost.monthFactor *
    (q.billableOnDemandGbS * (baseDurationPrice(prices, "x86_64") - baseDurationPrice(prices, "arm64")) +
      q.provisionedGbS * (x86.provisionedPerGbS - arm.provisionedPerGbS) +
      q.provisionedDurationGbS * (x86.provisionedDurationPerGbS - arm.provisionedDurationPerGbS));
  if (monthlyAmount <= 0) return undefined;
  return saving(facts, "arm64", {
    monthlyAmount,
    title: "Move to arm64",
    detail: `${facts.runtime} runs on arm64 (Graviton), whose duration and provisioned-concurrency prices are about 20 % lower than x86_64: about ${usd(monthlyAmount)} a month.`,
    assumption:
      "Same duration on arm64; native dependencies must have arm64 builds. Measure before switching.",
    suggested: { architecture: "arm64" },
    links: ["https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html"],
  });
}

/** Smallest standard size ≥ max memory used × 1.3, when it is below the configured size. */
export function rightSizeSaving(
  facts: FunctionFacts,
  usage: FunctionUsage,
  cost: FunctionCost,
): Saving | undefined {
  if (usage.maxMemoryUsedMB === undefined) return undefined;
  const needed = usage.maxMemoryUsedMB * MEMORY_HEADROOM;
  const target = STANDARD_MEMORY_SIZES.find((size) => size >= needed);
  if (target === undefined || target >= facts.memoryMB) return undefined;
  const monthlyAmount = (cost.compute + cost.provisioned) * cost.monthFactor * (1 - target / facts.memoryMB);
  if (monthlyAmount <= 0) return undefined;
  return saving(facts, "right-size-memory", {
    monthlyAmount,
    title: `Lower memory to ${target} MB`,
    detail: `Highest memory used is ${usage.maxMemoryUsedMB} MB of ${facts.memoryMB} MB; ${target} MB keeps 30 % headroom and would save about ${usd(monthlyAmount)} a month.`,
    assumption:
      "Same duration at the lower size. CPU scales with memory, so duration may rise and eat the saving: confirm with AWS Lambda Power Tuning.",
    suggested: { memoryMB: target },
    links: [POWER_TUNING],
  });
}

/** Provisioned concurrency whose peak utilization stays under 60 %: release what the peak never used. */
export function idleProvisionedSaving(
  facts: FunctionFacts,
  usage: FunctionUsage,
  cost: FunctionCost,
  book: PriceBook = DEFAULT_PRICE_BOOK,
): Saving | undefined {
  const allocated = facts.provisionedConcurrency?.allocated ?? 0;
  const utilization = usage.provisionedUtilizationMax;
  if (allocated <= 0 || utilization === undefined || utilization >= RULE_DEFAULTS.provisionedUnderusedRatio) {
    return undefined;
  }
  const suggested = Math.ceil((allocated * utilization) / PROVISIONED_TARGET_UTILIZATION);
  const released = allocated - suggested;
  if (released <= 0) return undefined;
  const prices = pricesForRegion(book, facts.region);
  const monthlySeconds = (usage.provisionedEnabledSeconds ?? windowSeconds(usage)) * cost.monthFactor;
  const monthlyAmount =
    released *
    (facts.memoryMB / 1024) *
    monthlySeconds *
    prices.architectures[facts.architecture].provisionedPerGbS;
  return saving(facts, "release-provisioned-concurrency", {
    monthlyAmount,
    title: `Lower provisioned concurrency from ${allocated} to ${suggested}`,
    detail: `Peak utilization was ${(utilization * 100).toFixed(0)} %: ${released} of ${allocated} environments were never used at once. Releasing them saves about ${usd(monthlyAmount)} a month.`,
    assumption: `The window's peak is representative; ${suggested} environments keep that peak at or under ${PROVISIONED_TARGET_UTILIZATION * 100} % utilization, so served invocations stay on provisioned concurrency.`,
    suggested: { provisionedConcurrency: suggested },
  });
}

/**
 * A log group that never expires, priced at CloudWatch Logs storage ($0.03 per GB-month, us-east-1,
 * https://aws.amazon.com/cloudwatch/pricing/). GB taken as 2^30 bytes, on `storedBytes`.
 */
export function logRetentionSaving(facts: FunctionFacts, today: Date): Saving | undefined {
  const { retentionDays, storedBytes, creationTime } = facts.logGroup;
  if (retentionDays !== null || storedBytes === undefined || creationTime === undefined) return undefined;
  const ageDays = (today.getTime() - Date.parse(creationTime)) / DAY_MS;
  if (!(ageDays > SUGGESTED_RETENTION_DAYS)) return undefined;
  const kept = SUGGESTED_RETENTION_DAYS / ageDays;
  const monthlyAmount = (storedBytes / GIB) * CLOUDWATCH_LOGS_STORAGE_PER_GB_MONTH * (1 - kept);
  if (monthlyAmount <= 0) return undefined;
  return saving(facts, "log-retention", {
    monthlyAmount,
    title: `Set log retention to ${SUGGESTED_RETENTION_DAYS} days`,
    detail: `${facts.logGroup.name} keeps ${(storedBytes / GIB).toFixed(1)} GB forever. ${SUGGESTED_RETENTION_DAYS}-day retention would save about ${usd(monthlyAmount)} a month in storage.`,
    assumption: `Logs were written evenly over the group's ${Math.floor(ageDays)} days, so ${SUGGESTED_RETENTION_DAYS}-day retention keeps about ${SUGGESTED_RETENTION_DAYS}/${Math.floor(ageDays)} of them.`,
    suggested: { retentionDays: SUGGESTED_RETENTION_DAYS },
  });
}

/** Every saving that applies, largest first. */
export function savingsFor(
  facts: FunctionFacts,
  usage: FunctionUsage,
  cost: FunctionCost,
  options: { prices?: PriceBook; today: Date },
): Saving[] {
  return [
    arm64Saving(facts, cost, options.prices),
    rightSizeSaving(facts, usage, cost),
    idleProvisionedSaving(facts, usage, cost, options.prices),
    logRetentionSaving(facts, options.today),
  ]
    .filter((s): s is Saving => s !== undefined)
    .sort((a, b) => b.monthlyAmount - a.monthlyAmount);
}
