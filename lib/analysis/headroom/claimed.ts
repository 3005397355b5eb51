import type { Series } from "@/lib/schemas/functions";

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
 * The latest datapoint where ClaimedAccountConcurrency is below the limit is used (at the limit it
 * is capped, and the difference would undercount). A period without an
 * UnreservedConcurrentExecutions datapoint had no unreserved executions: Lambda publishes
 * concurrency only while something runs. Undefined when no such datapoint exists.
 */
export function provisionedFromClaimed(
  claimed: Series,
  unreserved: Series,
  reserved: number,
  limit: number,
): ClaimedSplit | undefined {
  const unreservedAt = new Map<number, number>();
  for (const [t, v] of unreserved) if (v !== null) unreservedAt.set(t, v);
  for (let i = claimed.length - 1; i >= 0; i--) {
    const point = claimed[i];
    if (!point) continue;
    const [t, c] = point;
    if (c === null || c >= limit) continue;
    return { provisioned: Math.max(0, Math.round(c - (unreservedAt.get(t) ?? 0) - reserved)), at: t };
  }
  return undefined;
}
