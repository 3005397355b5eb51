import type { FindingsParams } from "@/lib/schemas/findings";
import { readerOf, toRangeParams, type SearchParamsInput, type ViewState } from "@/lib/search-params";

/**
 * The security view's own URL state (`severity=`), parsed the same way on the server (prefetch)
 * and in the browser. An unknown value falls back to "all", so a hand-edited link still opens.
 */

export const SECURITY_SEVERITIES = ["all", "critical", "warning", "info"] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

export function isSecuritySeverity(v: string | null): v is SecuritySeverity {
  return v !== null && (SECURITY_SEVERITIES as readonly string[]).includes(v);
}

export function parseSecuritySeverity(input: SearchParamsInput): SecuritySeverity {
  const v = readerOf(input).get("severity");
  return isSecuritySeverity(v) ? v : "all";
}

/**
 * The findings request of a view: range, account and region go to the API; severity and category
 * are applied in the browser, so changing them needs no new read.
 */
export function securityFindingsParams(view: Pick<ViewState, "range" | "scope">): FindingsParams {
  return {
    ...toRangeParams(view.range),
    ...(view.scope.account ? { account: view.scope.account } : {}),
    ...(view.scope.region ? { region: view.scope.region } : {}),
  };
}
