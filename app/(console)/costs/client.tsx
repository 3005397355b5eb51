"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo, type ReactNode } from "react";
import { ColdStartCostsTable } from "@/components/costs/cold-start-costs-table";
import { CostGroupsTable } from "@/components/costs/cost-groups-table";
import { CostMixChart } from "@/components/costs/cost-mix-chart";
import { CostScopeStatus } from "@/components/costs/cost-scope-status";
import { changeTone, describeChange, formatChange } from "@/components/costs/format-change";
import { PriceBookNote } from "@/components/costs/price-book-note";
import { SavingsList } from "@/components/costs/savings-list";
import { TopFunctionsTable } from "@/components/costs/top-functions-table";
import { downloadText } from "@/components/functions/download";
import { useSetParams, useViewState } from "@/components/shell/use-view-state";
import { AsOf } from "@/components/ui/as-of";
import { Button } from "@/components/ui/button";
import { Card, Panel } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/field";
import { DownloadIcon } from "@/components/ui/icons";
import { PanelBody } from "@/components/ui/panel-body";
import { Stat } from "@/components/ui/stat";
import { costMixRows, costReportCsv } from "@/lib/cost-report";
import { formatExact, formatUsd, formatUtcDateTime } from "@/lib/format";
import { costsIncomplete, costsQuery } from "@/lib/queries/costs";
import { isFetchError } from "@/lib/queries/fetch-json";
import { followUpInterval } from "@/lib/queries/section";
import { COST_GROUP_BY, DEFAULT_COST_GROUP_BY, type CostGroupBy } from "@/lib/schemas/costs";
import { globalQuery, rangeLabel, withParams } from "@/lib/search-params";
import { cn } from "@/lib/utils";
import { costsParams, GROUP_BY_LABELS, parseCostView } from "./search-params";

function csvFilename(range: string, groupBy: string): string {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `headroom-costs-by-${groupBy}-${range}-${stamp}.csv`;
}

/** The team cost review: where the money goes, what changed, and what would save money. */
export function CostsClient() {
  const view = useViewState();
  const searchParams = useSearchParams();
  const costView = useMemo(() => parseCostView(searchParams), [searchParams]);
  const setParams = useSetParams();
  const report = useQuery({
    ...costsQuery(costsParams(view, costView)),
    refetchInterval: (q) =>
      followUpInterval(costsIncomplete(q.state.data), q.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });

  const r = report.data;
  const label = rangeLabel(view.range);
  const linkQuery = globalQuery(searchParams);
  const groupLabel = GROUP_BY_LABELS[costView.groupBy];
  const mix = useMemo(() => (r ? costMixRows(r.groups) : []), [r]);
  const allFailed = Boolean(r && r.status.length > 0 && r.status.every((s) => s.status === "error"));
  // A panel's error: the request failed with nothing to show, or every region failed.
  const error =
    report.error && !r
      ? report.error.message
      : allFailed
        ? (r?.status.map((s) => s.error?.message ?? `${s.region} could not be read`).join(" · ") ?? undefined)
        : undefined;
  const errorCode =
    report.error && !r
      ? isFetchError(report.error)
        ? report.error.code
        : undefined
      : allFailed && r?.status.every((s) => s.error?.code === "timeout")
        ? "timeout"
        : undefined;
  const empty = r !== undefined && r.totals.functions === 0;
  const refreshWarning =
    report.error && r ? `Couldn't refresh; showing the last answer. ${report.error.message}` : undefined;
  const retry = () => void report.refetch();
  const common = {
    pending: report.isPending,
    error,
    errorCode,
    onRetry: retry,
    retrying: report.isFetching,
    warning: refreshWarning,
  };

  function onExport() {
    if (!r) return;
    const slug = view.range.kind === "preset" ? view.range.preset : "custom";
    downloadText(csvFilename(slug, r.groupBy), costReportCsv(r));
  }

  const teamNote = r ? `Tag key “${r.teamTagKey}”; functions without it are “untagged”.` : undefined;

  return (
    <div className="flex flex-col gap-4" data-cost-report="">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Costs</h1>
          <p className="text-sm text-muted-foreground">
            Team cost review · {label}
            {r ? ` · ${formatUtcDateTime(r.range.start)} to ${formatUtcDateTime(r.range.end)}` : ""}
            {costView.team ? ` · team ${costView.team}` : ""}
          </p>
        </div>
        <AsOf asOf={r?.asOf} partial={r?.partial} refreshing={report.isFetching} />
      </div>

      <div
        role="group"
        aria-label="Report controls"
        className="flex flex-wrap items-end gap-x-3 gap-y-2 print:hidden"
      >
        <div className="flex flex-col gap-1">
          <Label htmlFor="cost-group-by">Group by</Label>
          <Select
            id="cost-group-by"
            className="w-44"
            value={costView.groupBy}
            onChange={(e) => {
              const v = e.currentTarget.value as CostGroupBy;
              setParams({ groupBy: v === DEFAULT_COST_GROUP_BY ? null : v });
            }}
          >
            {COST_GROUP_BY.map((g) => (
              <option key={g} value={g}>
                {GROUP_BY_LABELS[g]}
              </option>
            ))}
          </Select>
        </div>
        {costView.team ? (
          <Button size="md" onClick={() => setParams({ team: null })}>
            Show every team
          </Button>
        ) : null}
        <div className="ml-auto flex gap-2">
          <Button onClick={onExport} disabled={!r || empty}>
            <DownloadIcon className="size-4" />
            Export CSV
          </Button>
          <Button onClick={() => window.print()} disabled={!r}>
            Print
          </Button>
        </div>
      </div>

      {r ? <CostScopeStatus report={r} /> : null}

      <section aria-label="Totals" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <SummaryCard {...common} empty={empty}>
          {() =>
            r ? (
              <Stat
                label="Projected per month"
                value={formatUsd(r.totals.monthly.total)}
                exact={`${formatExact(r.totals.monthly.total)} USD a month`}
                hint={`${formatUsd(r.totals.window.total)} in the range · ${formatExact(r.totals.functions)} functions`}
              />
            ) : null
          }
        </SummaryCard>
        <SummaryCard {...common} empty={empty}>
          {() =>
            r ? (
              <Stat
                label="Change vs previous period"
                value={formatChange(r.totals.change)}
                hint={
                  <span className={cn(changeTone(r.totals.change))}>{describeChange(r.totals.change)}</span>
                }
              />
            ) : null
          }
        </SummaryCard>
        <SummaryCard {...common} empty={empty}>
          {() =>
            r ? (
              <Stat
                label="Savings found"
                value={formatUsd(r.savings.monthly)}
                hint={`a month at most, ${formatExact(r.savings.count)} suggestions`}
              />
            ) : null
          }
        </SummaryCard>
        <SummaryCard {...common} empty={empty}>
          {() =>
            r ? (
              <Stat
                label="Cold starts (billed INIT)"
                value={formatUsd(r.coldStarts.monthly)}
                hint={`a month, ${formatExact(r.coldStarts.functionsWithColdStarts)} functions`}
              />
            ) : null
          }
        </SummaryCard>
      </section>

      <Panel
        id="cost-groups"
        title={`Cost by ${groupLabel.toLowerCase()}`}
        description={
          <>
            Requests, compute and provisioned concurrency per month, projected from the range
            {costView.groupBy === "team" && teamNote ? ` · ${teamNote}` : ""}
          </>
        }
      >
        <PanelBody
          {...common}
          skeleton="chart"
          empty={empty}
          emptyTitle="No functions to price"
          emptyDescription="Nothing in the selected account, region and team for this range."
        >
          {() =>
            r ? (
              <>
                <CostMixChart rows={mix} title={`Monthly cost by ${groupLabel.toLowerCase()}`} />
                <CostGroupsTable
                  groups={r.groups}
                  groupBy={r.groupBy}
                  groupLabel={r.groupBy === "team" ? `Team (tag “${r.teamTagKey}”)` : groupLabel}
                  teamTagKey={r.teamTagKey}
                  teamHref={
                    costView.team
                      ? undefined
                      : (team) => `/costs${withParams(searchParams.toString(), { team })}`
                  }
                  caption={`Monthly cost by ${groupLabel.toLowerCase()}, ${label.toLowerCase()}`}
                />
              </>
            ) : null
          }
        </PanelBody>
      </Panel>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Panel id="top-functions" title="Top functions" description="The most expensive functions, per month">
          <PanelBody {...common} empty={empty} emptyTitle="No functions to price">
            {() =>
              r ? (
                <TopFunctionsTable
                  functions={r.topFunctions}
                  linkQuery={linkQuery}
                  caption={`The ${r.topFunctions.length} most expensive functions`}
                />
              ) : null
            }
          </PanelBody>
        </Panel>
        <Panel
          id="savings"
          title="Savings"
          description="Each with an estimated amount a month and the assumption behind it"
        >
          <PanelBody
            {...common}
            empty={r !== undefined && r.savings.items.length === 0}
            emptyTitle="No saving found"
            emptyDescription="Every priced function is on arm64 where it can be, sized to its memory use, without idle provisioned concurrency and with log retention."
          >
            {() =>
              r ? (
                <>
                  <SavingsList items={r.savings.items} linkQuery={linkQuery} />
                  {r.savings.count > r.savings.items.length ? (
                    <p className="text-xs text-muted-foreground">
                      The {r.savings.items.length} largest of {formatExact(r.savings.count)} are listed.
                    </p>
                  ) : null}
                </>
              ) : null
            }
          </PanelBody>
        </Panel>
      </div>

      <Panel
        id="cold-start-costs"
        title="What cold starts cost"
        description="Billed INIT time per function and month (AWS bills INIT of on-demand functions since August 2025)"
      >
        <PanelBody
          {...common}
          empty={r !== undefined && r.coldStarts.functions.length === 0}
          emptyTitle="No billed cold starts in this range"
        >
          {() =>
            r ? (
              <ColdStartCostsTable
                functions={r.coldStarts.functions}
                linkQuery={linkQuery}
                caption="Monthly cost of cold starts per function"
              />
            ) : null
          }
        </PanelBody>
      </Panel>

      <Panel id="price-book" title="Prices and assumptions">
        <PanelBody {...common} warning={undefined}>
          {() => (r ? <PriceBookNote prices={r.prices} assumptions={r.assumptions} /> : null)}
        </PanelBody>
      </Panel>
    </div>
  );
}

function SummaryCard({
  children,
  ...body
}: {
  pending: boolean;
  error?: string;
  errorCode?: Parameters<typeof PanelBody>[0]["errorCode"];
  onRetry: () => void;
  retrying: boolean;
  warning?: string;
  empty: boolean;
  children: () => ReactNode;
}) {
  return (
    <Card className="p-4">
      <PanelBody
        {...body}
        skeleton="stat"
        errorTitle="Couldn't load the costs"
        warning={undefined}
        emptyTitle="No functions"
      >
        {children}
      </PanelBody>
    </Card>
  );
}
