"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useViewState } from "@/components/shell/use-view-state";
import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import { formatPercent, formatUsd } from "@/lib/format";
import { costsIncomplete, costsQuery } from "@/lib/queries/costs";
import { followUpInterval } from "@/lib/queries/section";
import { globalQuery, rangeLabel, toRangeParams } from "@/lib/search-params";

const TOP_TEAMS = 4;

/**
 * The overview's cost panel: the monthly projection at the range's rate, its change against the
 * previous period, the biggest teams and what the savings found would save. It reads the same
 * query as the Costs page's default view, so the two share one answer.
 */
export function CostProjection({ className }: { className?: string }) {
  const view = useViewState();
  const linkQuery = globalQuery(useSearchParams());
  const q = useQuery({
    // The Costs page's default request (grouped by team), so the two share one answer.
    ...costsQuery({
      ...toRangeParams(view.range),
      ...(view.scope.account ? { account: view.scope.account } : {}),
      ...(view.scope.region ? { region: view.scope.region } : {}),
    }),
    refetchInterval: (query) =>
      followUpInterval(costsIncomplete(query.state.data), query.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const failed = (data?.status ?? []).filter((s) => s.status === "error").map((s) => s.region);
  const change = data?.totals.change;
  return (
    <Panel
      title="Projected monthly cost"
      description={`Lambda spend at the rate of the ${rangeLabel(view.range).toLowerCase()}, by team`}
      actions={<AsOf asOf={data?.asOf} refreshing={q.isFetching} />}
      className={className}
    >
      <PanelBody
        pending={q.isPending}
        error={q.error?.message}
        errorTitle="Couldn't estimate the cost"
        onRetry={() => void q.refetch()}
        retrying={q.isFetching}
        warning={
          failed.length
            ? `Not included: ${failed.join(", ")} could not be read.`
            : data?.partial
              ? "Some regions are still being read; the figures fill in by themselves."
              : undefined
        }
        empty={data !== undefined && data.totals.functions === 0}
        emptyTitle="No functions to price"
      >
        {() =>
          data ? (
            <div className="flex flex-col gap-3">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="text-2xl font-semibold tabular-nums">
                  {formatUsd(data.totals.monthly.total)}
                </span>
                <span className="text-sm text-muted-foreground">per month</span>
                {change && change.ratio !== null ? (
                  <span className="text-sm text-muted-foreground tabular-nums">
                    {change.delta >= 0 ? "▲" : "▼"} {formatPercent(Math.abs(change.ratio))} vs the previous{" "}
                    {rangeLabel(view.range).toLowerCase()}
                  </span>
                ) : null}
              </div>
              <table className="w-full text-sm">
                <caption className="sr-only">Monthly cost of the biggest teams</caption>
                <thead className="text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="py-1 text-left font-medium">
                      Team ({data.teamTagKey} tag)
                    </th>
                    <th scope="col" className="py-1 text-right font-medium">
                      Functions
                    </th>
                    <th scope="col" className="py-1 text-right font-medium">
                      Per month
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.groups.slice(0, TOP_TEAMS).map((g) => (
                    <tr key={g.key} className="border-t border-border">
                      <th scope="row" className="py-1 text-left font-normal">
                        {g.key}
                      </th>
                      <td className="py-1 text-right tabular-nums">{g.functions}</td>
                      <td className="py-1 text-right tabular-nums">{formatUsd(g.monthly.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="text-sm">
                {data.savings.count > 0 ? (
                  <>
                    {data.savings.count} savings found, up to{" "}
                    <span className="font-medium tabular-nums">{formatUsd(data.savings.monthly)}</span> per
                    month.{" "}
                  </>
                ) : (
                  "No savings found. "
                )}
                <Link href={`/costs${linkQuery}`} className="font-medium text-primary hover:underline">
                  Open the cost review
                </Link>
              </p>
            </div>
          ) : null
        }
      </PanelBody>
    </Panel>
  );
}
