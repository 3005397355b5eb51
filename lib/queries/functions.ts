import { queryOptions } from "@tanstack/react-query";
import type {
  ColdStartsResponse,
  FunctionDetail,
  FunctionErrors,
  FunctionListWire,
  FunctionMetrics,
} from "@/lib/schemas/functions";
import { decodeFunctionList } from "@/lib/schemas/function-list";
import type { FunctionListParams, FunctionPath, RangeParams } from "@/lib/schemas/params";
import { fetchJson, queryString } from "./fetch-json";
import { sectionIncomplete } from "./section";

/**
 * The function list and a function's detail, metrics, cold starts and errors. Every query key
 * holds every parameter of its request, so two views never share an answer they should not.
 */

const listParams = (p: FunctionListParams) => ({
  range: p.range,
  from: p.from,
  to: p.to,
  account: p.account,
  region: p.region,
  runtime: p.runtime,
  team: p.team,
  q: p.q,
});

const rangeOf = (p: RangeParams) => ({ range: p.range, from: p.from, to: p.to });
const pathOf = (p: FunctionPath) => ({ account: p.account, region: p.region, name: p.name });

export const functionKeys = {
  all: ["functions"] as const,
  lists: () => [...functionKeys.all, "list"] as const,
  list: (p: FunctionListParams) => [...functionKeys.lists(), listParams(p)] as const,
  one: (path: FunctionPath) => [...functionKeys.all, "one", pathOf(path)] as const,
  detail: (path: FunctionPath, r: RangeParams) => [...functionKeys.one(path), "detail", rangeOf(r)] as const,
  metrics: (path: FunctionPath, r: RangeParams) =>
    [...functionKeys.one(path), "metrics", rangeOf(r)] as const,
  coldStarts: (path: FunctionPath, r: RangeParams) =>
    [...functionKeys.one(path), "cold-starts", rangeOf(r)] as const,
  errors: (path: FunctionPath, r: RangeParams) => [...functionKeys.one(path), "errors", rangeOf(r)] as const,
};

function functionPath(path: FunctionPath, suffix = ""): string {
  return `/api/v1/functions/${encodeURIComponent(path.account)}/${encodeURIComponent(path.region)}/${encodeURIComponent(path.name)}${suffix}`;
}

export function functionListQuery(params: FunctionListParams) {
  return queryOptions({
    queryKey: functionKeys.list(params),
    queryFn: ({ signal }) =>
      fetchJson<FunctionListWire>(`/api/v1/functions${queryString(listParams(params))}`, { signal }),
    // Columns on the wire, rows in the page; decoded once per answer (react-query keeps the result).
    select: decodeFunctionList,
  });
}

export function functionDetailQuery(path: FunctionPath, range: RangeParams) {
  return queryOptions({
    queryKey: functionKeys.detail(path, range),
    queryFn: ({ signal }) =>
      fetchJson<FunctionDetail>(`${functionPath(path)}${queryString(rangeOf(range))}`, { signal }),
  });
}

export function functionMetricsQuery(path: FunctionPath, range: RangeParams) {
  return queryOptions({
    queryKey: functionKeys.metrics(path, range),
    queryFn: ({ signal }) =>
      fetchJson<FunctionMetrics>(`${functionPath(path, "/metrics")}${queryString(rangeOf(range))}`, {
        signal,
      }),
  });
}

export function coldStartsQuery(path: FunctionPath, range: RangeParams) {
  return queryOptions({
    queryKey: functionKeys.coldStarts(path, range),
    queryFn: ({ signal }) =>
      fetchJson<ColdStartsResponse>(`${functionPath(path, "/cold-starts")}${queryString(rangeOf(range))}`, {
        signal,
      }),
  });
}

export function functionErrorsQuery(path: FunctionPath, range: RangeParams) {
  return queryOptions({
    queryKey: functionKeys.errors(path, range),
    queryFn: ({ signal }) =>
      fetchJson<FunctionErrors>(`${functionPath(path, "/errors")}${queryString(rangeOf(range))}`, { signal }),
  });
}

/** Some region's part of the list is partial or timed out: ask again soon. */
export function functionListIncomplete(list: Pick<FunctionListWire, "status"> | undefined): boolean {
  if (!list) return false;
  const { inventory, metrics, coldStarts, findings } = list.status;
  return [...inventory, ...metrics, ...coldStarts, ...findings].some(
    (s) => s.partial === true || (s.status === "error" && s.error?.code === "timeout"),
  );
}

export function functionDetailIncomplete(d: FunctionDetail | undefined): boolean {
  return Boolean(
    d && (sectionIncomplete(d.config) || sectionIncomplete(d.metrics) || sectionIncomplete(d.coldStarts)),
  );
}

export function coldStartsIncomplete(c: ColdStartsResponse | undefined): boolean {
  return Boolean(
    c && (sectionIncomplete(c.summary) || c.seriesPartial === true || c.seriesError?.code === "timeout"),
  );
}

export function functionErrorsIncomplete(e: FunctionErrors | undefined): boolean {
  return Boolean(e && sectionIncomplete(e.messages));
}
