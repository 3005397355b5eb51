import {
  COST_GROUP_BY,
  DEFAULT_COST_GROUP_BY,
  type CostGroupBy,
  type CostsParams,
} from "@/lib/schemas/costs";
import { readerOf, toRangeParams, type SearchParamsInput, type ViewState } from "@/lib/search-params";

/**
 * The Costs page's own URL state: `groupBy` (team by default) and an optional `team`. Parsed here
 * for the server page (prefetch) and the client (render and query) alike, so both build the same
 * request and query key. A value that does not parse falls back to its default.
 */

export interface CostViewState {
  groupBy: CostGroupBy;
  team?: string;
}

export const GROUP_BY_LABELS: Record<CostGroupBy, string> = {
  team: "Team",
  function: "Function",
  runtime: "Runtime",
  architecture: "Architecture",
  region: "Region",
};

function isGroupBy(v: string | null): v is CostGroupBy {
  return v !== null && (COST_GROUP_BY as readonly string[]).includes(v);
}

export function parseCostView(input: SearchParamsInput): CostViewState {
  const p = readerOf(input);
  const groupBy = p.get("groupBy");
  const team = p.get("team")?.trim().slice(0, 256);
  return { groupBy: isGroupBy(groupBy) ? groupBy : DEFAULT_COST_GROUP_BY, ...(team ? { team } : {}) };
}

/** The API request of a view: range, account and region from the shell, groupBy and team from the page. */
export function costsParams(view: Pick<ViewState, "range" | "scope">, costs: CostViewState): CostsParams {
  return {
    ...toRangeParams(view.range),
    ...(view.scope.account ? { account: view.scope.account } : {}),
    ...(view.scope.region ? { region: view.scope.region } : {}),
    ...(costs.groupBy !== DEFAULT_COST_GROUP_BY ? { groupBy: costs.groupBy } : {}),
    ...(costs.team ? { team: costs.team } : {}),
  };
}
