import { queryOptions } from "@tanstack/react-query";
import type { Overview } from "@/lib/schemas/accounts";
import type { RangeParams } from "@/lib/schemas/params";
import { fetchJson, queryString } from "./fetch-json";
import { sectionIncomplete } from "./section";

/** Per-region concurrency ledger and totals (GET /api/v1/overview). */

export const overviewKeys = {
  all: ["overview"] as const,
  range: (p: RangeParams) => [...overviewKeys.all, { range: p.range, from: p.from, to: p.to }] as const,
};

export function overviewQuery(params: RangeParams) {
  return queryOptions({
    queryKey: overviewKeys.range(params),
    queryFn: ({ signal }) =>
      fetchJson<Overview>(
        `/api/v1/overview${queryString({ range: params.range, from: params.from, to: params.to })}`,
        {
          signal,
        },
      ),
  });
}

/** Some region's ledger or totals are partial or timed out: ask again soon. */
export function overviewIncomplete(o: Overview | undefined): boolean {
  return Boolean(o?.regions.some((r) => sectionIncomplete(r.ledger) || sectionIncomplete(r.totals)));
}
