import { queryOptions } from "@tanstack/react-query";
import type { FindingsParams, FindingsResponse } from "@/lib/schemas/findings";
import { fetchJson, queryString } from "./fetch-json";

/**
 * GET /api/v1/findings. The key holds every parameter of the request, so two views never share an
 * answer they should not; the security page filters by severity in the browser on one read.
 */

const paramsOf = (p: FindingsParams) => ({
  range: p.range,
  from: p.from,
  to: p.to,
  kind: p.kind,
  category: p.category,
  severity: p.severity,
  account: p.account,
  region: p.region,
  function: p.function,
  team: p.team,
});

export const findingKeys = {
  all: ["findings"] as const,
  list: (p: FindingsParams) => [...findingKeys.all, "list", paramsOf(p)] as const,
};

export function findingsQuery(params: FindingsParams) {
  return queryOptions({
    queryKey: findingKeys.list(params),
    queryFn: ({ signal }) =>
      fetchJson<FindingsResponse>(`/api/v1/findings${queryString(paramsOf(params))}`, { signal }),
  });
}

/** Some part of some region is partial or still reading: ask again soon. */
export function findingsIncomplete(r: FindingsResponse | undefined): boolean {
  if (!r) return false;
  return Object.values(r.status).some((part) =>
    part.some((s) => s.partial === true || (s.status === "error" && s.error?.code === "timeout")),
  );
}
