"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";
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

/**
 * setParams, a little later: after `delayMs`, or with 0 once the next frame has been painted; a
 * newer change replaces one still waiting. For changes the page already shows from local state
 * (a sort, typed text): the URL's update re-renders the console through the router, and must not
 * hold up the frame that shows the change. Unmounting drops a change still waiting.
 */
export function useLaterSetParams(delayMs: number): {
  schedule: (patch: ParamPatch, mode?: "push" | "replace") => void;
  cancel: () => void;
} {
  const setParams = useSetParams();
  const waiting = useRef<{ frame?: number; timer?: ReturnType<typeof setTimeout> }>({});
  const cancel = useCallback(() => {
    if (waiting.current.frame !== undefined) cancelAnimationFrame(waiting.current.frame);
    clearTimeout(waiting.current.timer);
    waiting.current = {};
  }, []);
  const schedule = useCallback(
    (patch: ParamPatch, mode: "push" | "replace" = "push") => {
      cancel();
      const apply = () => {
        waiting.current = {};
        setParams(patch, mode);
      };
      if (delayMs > 0) waiting.current.timer = setTimeout(apply, delayMs);
      // A rAF callback runs just before the frame is painted; a timeout it sets, just after.
      else
        waiting.current.frame = requestAnimationFrame(() => (waiting.current.timer = setTimeout(apply, 0)));
    },
    [cancel, delayMs, setParams],
  );
  useEffect(() => cancel, [cancel]);
  return useMemo(() => ({ schedule, cancel }), [schedule, cancel]);
}
