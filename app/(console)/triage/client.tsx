"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useViewState } from "@/components/shell/use-view-state";
import { TriageList } from "@/components/triage/triage-list";
import { formatUtcDateTime } from "@/lib/format";
import { followUpInterval } from "@/lib/queries/section";
import { triageIncomplete, triageParams, triageQuery } from "@/lib/queries/triage";
import { globalQuery, rangeLabel } from "@/lib/search-params";

export function TriageClient() {
  const view = useViewState();
  const search = useSearchParams();
  const q = useQuery({
    ...triageQuery(triageParams(view)),
    refetchInterval: (query) =>
      followUpInterval(triageIncomplete(query.state.data), query.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });
  const label = rangeLabel(view.range);
  const phrase = view.range.kind === "preset" ? `the ${label.toLowerCase()}` : label;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Triage</h1>
        <p className="text-sm text-muted-foreground">
          What is broken right now, since when, and what changed · {label}
          {q.data
            ? ` · ${formatUtcDateTime(q.data.range.start)} to ${formatUtcDateTime(q.data.range.end)}`
            : ""}
        </p>
      </div>
      <TriageList
        data={q.data}
        pending={q.isPending}
        error={q.error?.message}
        onRetry={() => void q.refetch()}
        retrying={q.isFetching}
        rangePhrase={phrase}
        linkQuery={globalQuery(search)}
      />
    </div>
  );
}
