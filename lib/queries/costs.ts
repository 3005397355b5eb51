import { queryOptions } from "@tanstack/react-query";
import type { CostsParams, CostsResponse } from "@/lib/schemas/costs";
import { fetchJson, queryString } from "./fetch-json";

/** The team cost review (GET /api/v1/costs). The key holds every parameter of the request. */

const costParams = (p: CostsParams) => ({
  range: p.range,
  from: p.from,
  to: p.to,
  groupBy: p.groupBy,
  account: p.account,
  region: p.region,
  team: p.team,
});

export const costKeys = {
  all: ["costs"] as const,
  report: (p: CostsParams) => [...costKeys.all, costParams(p)] as const,
};

export function costsQuery(params: CostsParams) {
  return queryOptions({
    queryKey: costKeys.report(params),
    queryFn: ({ signal }) =>
      fetchJson<CostsResponse>(`/api/v1/costs${queryString(costParams(params))}`, { signal }),
  });
}

/** Some region is still being read (or timed out while AWS was answering): ask again soon. */
export function costsIncomplete(c: CostsResponse | undefined): boolean {
  return Boolean(c?.partial);
}
