import { queryOptions } from "@tanstack/react-query";
import type { RangeParams } from "@/lib/schemas/params";
import type { TriageResponse } from "@/lib/schemas/triage";
import { toRangeParams, type ViewState } from "@/lib/search-params";
import { fetchJson, queryString } from "./fetch-json";
import { sectionIncomplete } from "./section";

/** The triage list (GET /api/v1/triage): functions ranked by what hurts now. */

export interface TriageQueryParams extends RangeParams {
  account?: string;
  region?: string;
  limit?: number;
}

const keyParams = (p: TriageQueryParams) => ({
  range: p.range,
  from: p.from,
  to: p.to,
  account: p.account,
  region: p.region,
  limit: p.limit,
});

export const triageKeys = {
  all: ["triage"] as const,
  list: (p: TriageQueryParams) => [...triageKeys.all, keyParams(p)] as const,
};

/**
 * The request of a view: its range, account and region (the server reads only the regions
 * asked for). The triage page and the overview's "needs attention" panel share it.
 */
export function triageParams(view: Pick<ViewState, "range" | "scope">): TriageQueryParams {
  return {
    ...toRangeParams(view.range),
    ...(view.scope.account ? { account: view.scope.account } : {}),
    ...(view.scope.region ? { region: view.scope.region } : {}),
  };
}

export function triageQuery(params: TriageQueryParams) {
  return queryOptions({
    queryKey: triageKeys.list(params),
    queryFn: ({ signal }) =>
      fetchJson<TriageResponse>(
        `/api/v1/triage${queryString({
          range: params.range,
          from: params.from,
          to: params.to,
          account: params.account,
          region: params.region,
          limit: params.limit === undefined ? undefined : String(params.limit),
        })}`,
        { signal },
      ),
  });
}

/** Some region's read is partial or timed out, or an entry's error messages are still being read: ask again soon. */
/** Some region's metrics are still being read: an empty list says nothing yet. */
export function metricsPending(t: TriageResponse | undefined): boolean {
  return Boolean(t?.status.metrics.some((s) => s.partial === true || s.error?.code === "timeout"));
}

export function triageIncomplete(t: TriageResponse | undefined): boolean {
  if (!t) return false;
  const scopes = [...t.status.inventory, ...t.status.metrics, ...t.status.logs];
  return (
    scopes.some((s) => s.partial === true || s.error?.code === "timeout") ||
    t.entries.some((e) => e.errors !== null && sectionIncomplete(e.errors))
  );
}
