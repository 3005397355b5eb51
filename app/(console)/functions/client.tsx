"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { downloadText } from "@/components/functions/download";
import { FunctionsTable } from "@/components/functions/functions-table";
import { FunctionsToolbar } from "@/components/functions/functions-toolbar";
import { RegionStatus } from "@/components/functions/region-status";
import {
  useLaterSetParams,
  useSetParams,
  useTableState,
  useViewState,
} from "@/components/shell/use-view-state";
import { AsOf } from "@/components/ui/as-of";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { COLUMNS, facetsOf, toCsv, visibleRows, type SortKey } from "@/lib/functions-table";
import { formatExact } from "@/lib/format";
import { functionListIncomplete, functionListQuery } from "@/lib/queries/functions";
import { followUpInterval } from "@/lib/queries/section";
import type { FunctionRow } from "@/lib/schemas/functions";
import { functionListParams, globalQuery, rangeLabel, sortPatch } from "@/lib/search-params";

const NO_ROWS: FunctionRow[] = [];
/** Pause in typing after which the URL takes the search text. */
const TEXT_TO_URL_MS = 300;

function csvFilename(range: string): string {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `headroom-functions-${range}-${stamp}.csv`;
}

export function FunctionsClient() {
  const view = useViewState();
  const { filters, sort: urlSort } = useTableState();
  // The sort is applied from local state at once; the URL follows (Back undoes it), and a sort
  // that arrives through the URL (Back, a link) replaces the local one. Waiting for the URL would
  // route every click through the router's transition, a re-render of the whole console.
  const [sort, setSort] = useState(urlSort);
  const [seenUrlSort, setSeenUrlSort] = useState(urlSort);
  if (urlSort.key !== seenUrlSort.key || urlSort.dir !== seenUrlSort.dir) {
    setSeenUrlSort(urlSort);
    setSort(urlSort);
  }
  const setParams = useSetParams();
  const searchParams = useSearchParams();
  const list = useQuery({
    ...functionListQuery(functionListParams(view)),
    refetchInterval: (q) =>
      followUpInterval(functionListIncomplete(q.state.data), q.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });

  // The search box is typed into locally (the URL follows with replaceState); the table filters on
  // a deferred copy, so typing stays responsive over 15,000 rows.
  const [text, setText] = useState(filters.q ?? "");
  const q = useDeferredValue(text.trim());
  const region = view.scope.region;

  const all = list.data?.functions ?? NO_ROWS;
  const facets = useMemo(() => facetsOf(all), [all]);
  const rows = useMemo(
    () =>
      visibleRows(
        all,
        { q, runtime: filters.runtime, team: filters.team, severity: filters.severity, region },
        sort,
      ),
    [all, q, filters.runtime, filters.team, filters.severity, region, sort],
  );
  const inScope = region ? all.filter((r) => r.region === region).length : all.length;
  const unreadable = (list.data?.status.inventory ?? []).filter(
    (st) => st.status === "error" && (!region || st.region === region),
  );
  const label = rangeLabel(view.range);

  // The table shows a sort or typed text from local state at once; the URL follows just after
  // (a sort once the frame showing it is painted, text once typing pauses), because each URL
  // change re-renders the console through the router.
  const sortToUrl = useLaterSetParams(0);
  const textToUrl = useLaterSetParams(TEXT_TO_URL_MS);

  // Stable while the sort is, so the (memoized) table skips the re-render the URL's update causes.
  const onSort = useCallback(
    (key: SortKey) => {
      const column = COLUMNS.find((c) => c.key === key);
      const dir = sort.key === key ? (sort.dir === "asc" ? "desc" : "asc") : (column?.firstDir ?? "asc");
      setSort({ key, dir });
      sortToUrl.schedule(sortPatch({ key, dir }));
    },
    [sort, sortToUrl],
  );

  function onText(value: string) {
    setText(value);
    textToUrl.schedule({ q: value.trim() || null }, "replace");
  }

  function onClear() {
    textToUrl.cancel();
    setText("");
    setParams({ q: null, runtime: null, team: null, severity: null });
  }

  function onExport() {
    const slug = view.range.kind === "preset" ? view.range.preset : "custom";
    downloadText(csvFilename(slug), toCsv(rows));
  }

  const caption = `Functions${region ? ` in ${region}` : ""}, ${label.toLowerCase()}, sorted by ${
    COLUMNS.find((c) => c.key === sort.key)?.label ?? sort.key
  } ${sort.dir === "asc" ? "ascending" : "descending"}`;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Functions</h1>
          <p className="text-sm text-muted-foreground">
            Every function with its configuration and figures · {label}
          </p>
        </div>
        <AsOf asOf={list.data?.asOf} refreshing={list.isFetching} />
      </div>

      <FunctionsToolbar
        text={text}
        onText={onText}
        filters={filters}
        facets={facets}
        onFilter={(patch) => setParams(patch)}
        onClear={onClear}
        onExport={onExport}
        exportDisabled={rows.length === 0}
      />

      {list.data && (inScope > 0 || unreadable.length === 0) ? (
        <RegionStatus status={list.data.status} region={region} />
      ) : null}

      {list.isPending ? (
        <div role="status" aria-label="Loading functions" className="flex flex-col gap-2">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-96 w-full" />
        </div>
      ) : list.error && !list.data ? (
        <ErrorState
          title="Couldn't load the functions"
          message={list.error.message}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : (
        <>
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {rows.length === inScope
              ? `${formatExact(rows.length)} functions`
              : `Showing ${formatExact(rows.length)} of ${formatExact(inScope)} functions`}
            {region ? ` in ${region}` : ""}
          </p>
          {list.error ? (
            <ErrorState
              title="Couldn't refresh the functions; showing the last answer"
              message={list.error.message}
            />
          ) : null}
          {inScope === 0 && unreadable.length > 0 ? (
            <ErrorState
              title="Couldn't list the functions"
              message={unreadable
                .map((st) => st.error?.message ?? `${st.region} could not be read`)
                .join(" · ")}
              code={unreadable.every((st) => st.error?.code === "timeout") ? "timeout" : undefined}
              onRetry={() => void list.refetch()}
              retrying={list.isFetching}
            />
          ) : inScope === 0 ? (
            <EmptyState
              title="No functions here"
              description="Headroom found no Lambda functions in the selected account and region for this range."
            />
          ) : rows.length === 0 ? (
            <EmptyState
              title="No function matches these filters"
              action={
                <Button size="sm" onClick={onClear}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <FunctionsTable
              rows={rows}
              sort={sort}
              onSort={onSort}
              linkQuery={globalQuery(searchParams)}
              caption={caption}
            />
          )}
        </>
      )}
    </div>
  );
}
