"use client";

import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { RefreshIcon } from "@/components/ui/icons";
import { REFRESH_OPTIONS, type RefreshOption } from "@/lib/search-params";
import { cn } from "@/lib/utils";
import { useSetParams, useViewState } from "./use-view-state";

/** Auto-refresh interval (in the URL, applied by every query of the page) and a "refresh now" button. */
export function RefreshControl() {
  const { refresh } = useViewState();
  const setParams = useSetParams();
  const queryClient = useQueryClient();
  const fetching = useIsFetching() > 0;

  return (
    <div className="flex items-center gap-1.5">
      <Label htmlFor="auto-refresh" className="whitespace-nowrap">
        Auto-refresh
      </Label>
      <Select
        id="auto-refresh"
        value={refresh}
        onChange={(e) => {
          const value = e.currentTarget.value as RefreshOption;
          setParams({ refresh: value === "off" ? null : value });
        }}
        className="w-24"
      >
        {REFRESH_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
      <Button
        size="icon"
        variant="outline"
        onClick={() => void queryClient.invalidateQueries()}
        aria-label={fetching ? "Refreshing" : "Refresh now"}
        title="Refresh now"
      >
        <RefreshIcon className={cn(fetching && "animate-spin motion-reduce:animate-none")} />
      </Button>
    </div>
  );
}
