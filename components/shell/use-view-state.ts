"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  parseTableState,
  parseViewState,
  refreshIntervalMs,
  withParams,
  type ParamPatch,
  type TableState,
  type ViewState,
} from "@/lib/search-params";

/** The view state of the current URL, parsed with the same parsers the server pages use. */
export function useViewState(): ViewState & { refetchInterval: number | false } {
  const params = useSearchParams();
  return useMemo(() => {
    const view = parseViewState(params);
    return { ...view, refetchInterval: refreshIntervalMs(view.refresh) };
  }, [params]);
}

export function useTableState(): TableState {
  const params = useSearchParams();
  return useMemo(() => parseTableState(params), [params]);
}

/**
 * Changes URL parameters without a server round trip: Next.js keeps useSearchParams in step with
 * history.pushState/replaceState, and react-query fetches whatever the new state needs. "push"
 * makes a history entry (Back undoes it); "replace" is for typing.
 */
export function useSetParams(): (patch: ParamPatch, mode?: "push" | "replace") => void {
  const pathname = usePathname();
  return useCallback(
    (patch, mode = "push") => {
      // Read the live URL, not a render's copy: two quick changes must not undo each other.
      const url = `${pathname}${withParams(window.location.search, patch)}`;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );
}
