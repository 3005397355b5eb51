"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useViewState } from "@/components/shell/use-view-state";
import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import { SEVERITY_META } from "@/components/ui/severity-chip";
import { followUpInterval } from "@/lib/queries/section";
import { metricsPending, triageIncomplete, triageParams, triageQuery } from "@/lib/queries/triage";
import { functionHref, globalQuery, rangeLabel } from "@/lib/search-params";
import { cn } from "@/lib/utils";
import { ReasonChip } from "./reason-chip";
import { SinceLabel } from "./since-label";

/**
 * The top of the triage list for the Overview: the first `count` entries, each with its severity,
 * leading reason and since when, linking to the function and to the full list. It reads the same
 * query as the Triage page (same key), so the two share one answer.
 */
export function TriageTop({ count = 5, className }: { count?: number; className?: string }) {
  const view = useViewState();
  const search = useSearchParams();
  const linkQuery = globalQuery(search);
  const q = useQuery({
    ...triageQuery(triageParams(view)),
    refetchInterval: (query) =>
      followUpInterval(triageIncomplete(query.state.data), query.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });
  const entries = q.data?.entries.slice(0, count) ?? [];
  const failed = (q.data?.status.metrics ?? []).filter((s) => s.status === "error").map((s) => s.region);
  return (
    <Panel
      title="Needs attention"
      description="The most urgent problems right now, from the triage list"
      actions={<AsOf asOf={q.data?.asOf} refreshing={q.isFetching} />}
      className={className}
    >
      <PanelBody
        // An empty list is only "nothing is broken" once every region's metrics have been read.
        pending={q.isPending || (entries.length === 0 && metricsPending(q.data))}
        error={q.error?.message}
        errorTitle="Couldn't build the triage list"
        onRetry={() => void q.refetch()}
        retrying={q.isFetching}
        empty={entries.length === 0}
        emptyTitle={failed.length ? "Nothing is broken in the regions that answered" : "Nothing is broken"}
        emptyDescription={`No function needs attention over ${rangeLabel(view.range).toLowerCase()}.${failed.length ? ` Not checked: ${failed.join(", ")}.` : ""}`}
        warning={failed.length ? `Without ${failed.join(", ")} (unavailable)` : undefined}
      >
        {() => (
          <>
            <ol className="flex flex-col divide-y divide-border">
              {entries.map((e) => {
                const meta = SEVERITY_META[e.severity];
                const lead = e.reasons[0];
                return (
                  <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                    <meta.Icon className={cn("size-4 shrink-0", meta.text)} aria-hidden="true" />
                    <span className="sr-only">{meta.label}:</span>
                    <Link
                      href={functionHref(e, linkQuery)}
                      className="min-w-0 truncate text-sm font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                    >
                      {e.name}
                    </Link>
                    <span className="text-xs text-muted-foreground">{e.region}</span>
                    {lead ? <ReasonChip reason={lead} /> : null}
                    <SinceLabel since={e.since} startOfData={e.sinceStartOfData} className="ml-auto" />
                  </li>
                );
              })}
            </ol>
            <Link
              href={`/triage${linkQuery}`}
              className="self-start text-xs font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
            >
              {q.data && q.data.total > entries.length
                ? `All ${q.data.total} on the triage list`
                : "Open the triage list"}
            </Link>
          </>
        )}
      </PanelBody>
    </Panel>
  );
}
