import type { Series } from "@/lib/schemas/functions";

/** Periods the figure is the median of. */
export const RECENT_PERIODS = 5;

export interface ClaimedSplit {
  /** Provisioned concurrency on functions without reserved concurrency, in executions. */
  provisioned: number;
  /** The datapoint it was read from, epoch ms. */
  at: number;
}

/**
 * Provisioned concurrency allocated outside reservations, from the region's own series rather
 * than one ListProvisionedConcurrencyConfigs per function. ClaimedAccountConcurrency is the
 * unreserved concurrency in use plus everything allocated: all reserved concurrency and the
 * provisioned concurrency of functions without a reservation (LM-CONC, "Monitoring concurrency",
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-concurrency.html). Both series are
 * per-period maxima and the allocation is constant within a period, so at any datapoint
 *
 *   provisioned = ClaimedAccountConcurrency − UnreservedConcurrentExecutions − reserved.
 *
 * Periods count where ClaimedAccountConcurrency is below the limit (at the limit it is capped, and
 * the difference would undercount) and UnreservedConcurrentExecutions has a datapoint too: the
 * newest minute often has the one and not yet the other, and taking the missing one as zero would
 * count every unreserved execution as provisioned. Only when the range has no
 * UnreservedConcurrentExecutions datapoint at all (nothing unreserved ran: Lambda publishes
 * concurrency only while something runs) is the claim alone used. The answer is the median over
 * the latest RECENT_PERIODS such periods, so one period whose two maxima were taken at different
 * moments does not decide it; `at` is the latest of them. Undefined when no period qualifies.
 */
export function provisionedFromClaimed(
  claimed: Series,
  unreserved: Series,
  reserved: number,
  limit: number,
): ClaimedSplit | undefined {
  const unreservedAt = new Map<number, number>();
  for (const [t, v] of unreserved) if (v !== null) unreservedAt.set(t, v);
  const idle = unreservedAt.size === 0;
  const found: number[] = [];
  let at: number | undefined;
  for (let i = claimed.length - 1; i >= 0 && found.length < RECENT_PERIODS; i--) {
    const point = claimed[i];
    if (!point) continue;
    const [t, c] = point;
    const inUse = idle ? 0 : unreservedAt.get(t);
    if (c === null || c >= limit || inUse === undefined) continue;
    found.push(Math.max(0, Math.round(c - inUse - reserved)));
    at ??= t;
  }
  if (at === undefined) return undefined;
  found.sort((a, b) => a - b);
  return { provisioned: found[Math.floor((found.length - 1) / 2)] ?? 0, at };
}
