import { z } from "zod";
import { formatUtcDateTime } from "@/lib/format";
import { RANGE_PRESETS, type RangePreset } from "@/lib/schemas/common";
import { accountIdParam, regionParam, type FunctionListParams, type RangeParams } from "@/lib/schemas/params";
import {
  DEFAULT_SORT,
  isSeverityFilter,
  isSortKey,
  NONE,
  type SortState,
  type TableFilters,
} from "@/lib/functions-table";

/**
 * The console's view state lives in the URL: time range, account and region, auto-refresh, and the
 * function table's filters and sort. These parsers are the only reading of it, used by server
 * pages (to prefetch with the same query key) and by client components (to render and to query),
 * so both always agree. A value that does not parse falls back to its default rather than failing
 * the page: a hand-edited link still opens.
 */

/** Next's `searchParams` prop on the server. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Anything with URLSearchParams' `get` (useSearchParams() in the browser). */
export interface ParamReader {
  get(name: string): string | null;
}

export type SearchParamsInput = ParamReader | RawSearchParams | URLSearchParams;

function isReader(input: SearchParamsInput): input is ParamReader {
  return typeof (input as Partial<ParamReader>).get === "function";
}

/** One reader over both shapes; a repeated parameter reads as its first value. */
export function readerOf(input: SearchParamsInput): ParamReader {
  if (isReader(input)) return input;
  return {
    get(name) {
      const v = Object.hasOwn(input, name) ? input[name] : undefined;
      if (Array.isArray(v)) return v[0] ?? null;
      return v ?? null;
    },
  };
}

export const DEFAULT_RANGE: RangePreset = "24h";

/** A preset ("last 24 hours", sliding with the clock) or fixed bounds as ISO times. */
export type RangeState =
  { kind: "preset"; preset: RangePreset } | { kind: "custom"; from: string; to: string };

export const RANGE_LABELS: Record<RangePreset, string> = {
  "1h": "Last hour",
  "3h": "Last 3 hours",
  "12h": "Last 12 hours",
  "24h": "Last 24 hours",
  "3d": "Last 3 days",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

const isoTime = z.iso.datetime({ offset: true });

function isPreset(v: string | null): v is RangePreset {
  return v !== null && (RANGE_PRESETS as readonly string[]).includes(v);
}

export function parseRange(input: SearchParamsInput): RangeState {
  const p = readerOf(input);
  const preset = p.get("range");
  const from = p.get("from");
  const to = p.get("to");
  if (!preset && from && to && isoTime.safeParse(from).success && isoTime.safeParse(to).success) {
    if (Date.parse(from) < Date.parse(to)) return { kind: "custom", from, to };
  }
  return { kind: "preset", preset: isPreset(preset) ? preset : DEFAULT_RANGE };
}

/** The range as the API takes it (`range=` or `from=&to=`). */
export function toRangeParams(range: RangeState): RangeParams {
  return range.kind === "preset" ? { range: range.preset } : { from: range.from, to: range.to };
}

export interface ScopeState {
  account?: string;
  region?: string;
}

export function parseScope(input: SearchParamsInput): ScopeState {
  const p = readerOf(input);
  const account = accountIdParam.safeParse(p.get("account"));
  const region = regionParam.safeParse(p.get("region"));
  return {
    ...(account.success ? { account: account.data } : {}),
    ...(region.success ? { region: region.data } : {}),
  };
}

export const REFRESH_OPTIONS = [
  { value: "off", label: "Off", ms: false },
  { value: "30s", label: "30 s", ms: 30_000 },
  { value: "1m", label: "1 min", ms: 60_000 },
  { value: "5m", label: "5 min", ms: 300_000 },
] as const;
export type RefreshOption = (typeof REFRESH_OPTIONS)[number]["value"];

export function parseRefresh(input: SearchParamsInput): RefreshOption {
  const v = readerOf(input).get("refresh");
  return REFRESH_OPTIONS.find((o) => o.value === v)?.value ?? "off";
}

/** The `refetchInterval` for react-query: milliseconds, or false when auto-refresh is off. */
export function refreshIntervalMs(option: RefreshOption): number | false {
  return REFRESH_OPTIONS.find((o) => o.value === option)?.ms ?? false;
}

export interface ViewState {
  range: RangeState;
  scope: ScopeState;
  refresh: RefreshOption;
}

export function parseViewState(input: SearchParamsInput): ViewState {
  const p = readerOf(input);
  return { range: parseRange(p), scope: parseScope(p), refresh: parseRefresh(p) };
}

/**
 * The function list request of a view: the range and the account go to the API. The region, like
 * the table's filters, is applied in the browser, so switching regions needs no new read and the
 * overview and the function table share one cached list.
 */
export function functionListParams(view: Pick<ViewState, "range" | "scope">): FunctionListParams {
  return { ...toRangeParams(view.range), ...(view.scope.account ? { account: view.scope.account } : {}) };
}

/** "Last 24 hours", or the custom bounds in UTC. */
export function rangeLabel(range: RangeState): string {
  return range.kind === "preset"
    ? RANGE_LABELS[range.preset]
    : `${formatUtcDateTime(range.from)} – ${formatUtcDateTime(range.to)}`;
}

const RUNTIME = /^[a-z0-9.]{1,40}$/;
const MAX_TEXT = 200;

export interface TableState {
  filters: TableFilters;
  sort: SortState;
}

export function parseTableState(input: SearchParamsInput): TableState {
  const p = readerOf(input);
  const q = p.get("q")?.slice(0, MAX_TEXT).trim();
  const runtime = p.get("runtime");
  const team = p.get("team")?.slice(0, MAX_TEXT);
  const severity = p.get("severity");
  const sortKey = p.get("sort");
  const dir = p.get("dir");
  const filters: TableFilters = {
    ...(q ? { q } : {}),
    ...(runtime && (runtime === NONE || RUNTIME.test(runtime)) ? { runtime } : {}),
    ...(team ? { team } : {}),
    ...(severity && isSeverityFilter(severity) ? { severity } : {}),
  };
  const sort: SortState =
    sortKey && isSortKey(sortKey)
      ? { key: sortKey, dir: dir === "asc" || dir === "desc" ? dir : "asc" }
      : DEFAULT_SORT;
  return { filters, sort };
}

/** A change to the URL: a string sets the parameter, null or undefined removes it. */
export type ParamPatch = Record<string, string | null | undefined>;

export function rangePatch(range: RangeState): ParamPatch {
  return range.kind === "preset"
    ? { range: range.preset, from: null, to: null }
    : { range: null, from: range.from, to: range.to };
}

export function sortPatch(sort: SortState): ParamPatch {
  const isDefault = sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir;
  return isDefault ? { sort: null, dir: null } : { sort: sort.key, dir: sort.dir };
}

/** `?a=1&b=2` (or "" when empty) after applying the patch to the current parameters. */
export function withParams(current: URLSearchParams | string, patch: ParamPatch): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === "") next.delete(key);
    else next.set(key, value);
  }
  const s = next.toString();
  return s ? `?${s}` : "";
}

/** Parameters that follow the user from page to page: range, scope and auto-refresh. */
export const GLOBAL_PARAMS = ["range", "from", "to", "account", "region", "refresh"] as const;

/** `?range=…&region=…` carrying only the global parameters, for links between pages. */
export function globalQuery(input: SearchParamsInput): string {
  const p = readerOf(input);
  const out = new URLSearchParams();
  for (const key of GLOBAL_PARAMS) {
    const v = p.get(key);
    if (v) out.set(key, v);
  }
  const s = out.toString();
  return s ? `?${s}` : "";
}

/** The detail page of a function, keeping the global parameters. */
export function functionHref(fn: { account: string; region: string; name: string }, query = ""): string {
  return `/functions/${encodeURIComponent(fn.account)}/${encodeURIComponent(fn.region)}/${encodeURIComponent(fn.name)}${query}`;
}
