"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { CostProjection } from "@/components/overview/cost-projection";
import { RegionPanel } from "@/components/overview/region-panel";
import { useViewState } from "@/components/shell/use-view-state";
import { TriageTop } from "@/components/triage/triage-top";
import { AsOf } from "@/components/ui/as-of";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PanelBody } from "@/components/ui/panel-body";
import { FindingCountsView } from "@/components/ui/severity-chip";
import { Stat } from "@/components/ui/stat";
import { scopeKey, statsByScope, sumFindings, sumKnown, weightedColdStartRate } from "@/lib/charts/overview";
import { formatCount, formatExact, formatPercent, formatUtcDateTime } from "@/lib/format";
import { functionListIncomplete, functionListQuery } from "@/lib/queries/functions";
import { overviewIncomplete, overviewQuery } from "@/lib/queries/overview";
import { followUpInterval } from "@/lib/queries/section";
import { functionListParams, rangeLabel, toRangeParams } from "@/lib/search-params";

export function OverviewClient() {
  const view = useViewState();
  const { scope } = view;
  const overview = useQuery({
    ...overviewQuery(toRangeParams(view.range)),
    refetchInterval: (q) =>
      followUpInterval(overviewIncomplete(q.state.data), q.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });
  const list = useQuery({
    ...functionListQuery(functionListParams(view)),
    refetchInterval: (q) =>
      followUpInterval(functionListIncomplete(q.state.data), q.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });

  const regions = useMemo(
    () =>
      (overview.data?.regions ?? []).filter(
        (r) =>
          (!scope.account || r.account === scope.account) && (!scope.region || r.region === scope.region),
      ),
    [overview.data, scope.account, scope.region],
  );
  const rows = useMemo(
    () => list.data?.functions.filter((r) => !scope.region || r.region === scope.region),
    [list.data, scope.region],
  );
  const stats = useMemo(() => (rows ? statsByScope(rows) : undefined), [rows]);
  const totals = useMemo(() => {
    const known = regions.map((r) => r.totals.data);
    const missing = regions.filter((r) => !r.totals.data).map((r) => r.region);
    const invocations = sumKnown(known.map((t) => t?.invocations));
    const errors = sumKnown(known.map((t) => t?.errors));
    return {
      invocations,
      errors,
      throttles: sumKnown(known.map((t) => t?.throttles)),
      errorRate: invocations && errors !== null ? errors / invocations : null,
      missing,
    };
  }, [regions]);
  const coldStartRate = useMemo(() => (rows ? weightedColdStartRate(rows) : null), [rows]);
  const findings = useMemo(() => (rows ? sumFindings(rows) : undefined), [rows]);
  const label = rangeLabel(view.range);
  const multiAccount = new Set((overview.data?.regions ?? []).map((r) => r.account)).size > 1;
  // Regions whose functions could not be listed: the function figures are without them.
  const inventoryFailures = (list.data?.status.inventory ?? []).filter(
    (st) => st.status === "error" && (!scope.region || st.region === scope.region),
  );
  const inventoryScopes = (list.data?.status.inventory ?? []).filter(
    (st) => !scope.region || st.region === scope.region,
  );
  const listError =
    list.error?.message ??
    (inventoryScopes.length > 0 && inventoryFailures.length === inventoryScopes.length
      ? inventoryFailures[0]?.error?.message
      : undefined);
  const listNote = inventoryFailures.length
    ? `Without ${inventoryFailures.map((st) => st.region).join(", ")} (unavailable)`
    : undefined;
  const missingNote = totals.missing.length
    ? `Without ${totals.missing.join(", ")} (unavailable)`
    : undefined;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Overview</h1>
          <p className="text-sm text-muted-foreground">
            Limits, traffic and findings per region · {label}
            {overview.data
              ? ` · ${formatUtcDateTime(overview.data.range.start)} to ${formatUtcDateTime(overview.data.range.end)}`
              : ""}
          </p>
        </div>
        <AsOf asOf={overview.data?.asOf} refreshing={overview.isFetching || list.isFetching} />
      </div>

      <section aria-label="Totals" className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Card className="p-4">
          <PanelBody
            pending={overview.isPending}
            skeleton="stat"
            error={overview.error?.message}
            errorTitle="Couldn't load totals"
          >
            {() => (
              <Stat
                label="Invocations"
                value={formatCount(totals.invocations)}
                exact={`${formatExact(totals.invocations)} invocations`}
                hint={missingNote}
              />
            )}
          </PanelBody>
        </Card>
        <Card className="p-4">
          <PanelBody
            pending={overview.isPending}
            skeleton="stat"
            error={overview.error?.message}
            errorTitle="Couldn't load totals"
          >
            {() => (
              <Stat
                label="Errors"
                value={formatCount(totals.errors)}
                exact={`${formatExact(totals.errors)} errors`}
                hint={
                  totals.errorRate === null
                    ? missingNote
                    : `${formatPercent(totals.errorRate)} of invocations`
                }
              />
            )}
          </PanelBody>
        </Card>
        <Card className="p-4">
          <PanelBody
            pending={overview.isPending}
            skeleton="stat"
            error={overview.error?.message}
            errorTitle="Couldn't load totals"
          >
            {() => (
              <Stat
                label="Throttles"
                value={formatCount(totals.throttles)}
                exact={`${formatExact(totals.throttles)} throttles`}
                hint={missingNote}
              />
            )}
          </PanelBody>
        </Card>
        <Card className="p-4">
          <PanelBody
            pending={list.isPending}
            skeleton="stat"
            error={listError}
            errorTitle="Couldn't load functions"
          >
            {() => (
              <Stat
                label="Cold-start rate"
                value={formatPercent(coldStartRate)}
                hint={
                  listNote ??
                  (coldStartRate !== null
                    ? "of invocations, all functions"
                    : list.data?.status.coldStarts.some((c) => c.partial)
                      ? "Still reading the logs…"
                      : "No invocations with logs")
                }
              />
            )}
          </PanelBody>
        </Card>
        <Card className="col-span-2 p-4 lg:col-span-1">
          <PanelBody
            pending={list.isPending}
            skeleton="stat"
            error={listError}
            errorTitle="Couldn't load functions"
          >
            {() => (
              <dl className="flex flex-col gap-1.5">
                <dt className="text-xs font-medium text-muted-foreground">Findings</dt>
                <dd>
                  {rows?.some((r) => r.findings === null) ? (
                    <span className="text-sm text-muted-foreground">Being analysed…</span>
                  ) : findings ? (
                    <FindingCountsView counts={findings} />
                  ) : null}
                </dd>
                <dd className="text-xs text-muted-foreground">
                  across {formatExact(rows?.length ?? 0)} functions{listNote ? ` · ${listNote}` : ""}
                </dd>
              </dl>
            )}
          </PanelBody>
        </Card>
      </section>

      {overview.isPending ? null : overview.error ? (
        <ErrorState
          title="Couldn't load the regions"
          message={overview.error.message}
          onRetry={() => void overview.refetch()}
          retrying={overview.isFetching}
        />
      ) : regions.length === 0 ? (
        <EmptyState
          title="No region matches this account and region"
          description="Choose “All regions” above, or a region that Headroom is configured to read."
        />
      ) : (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          {regions.map((r) => {
            const key = scopeKey(r);
            return (
              <RegionPanel
                key={key}
                region={r}
                periodSeconds={overview.data?.range.periodSeconds ?? 60}
                rangeLabel={label}
                stats={stats?.get(key)}
                statsPending={list.isPending}
                inventory={list.data?.status.inventory.find((s) => scopeKey(s) === key)}
                coldStarts={list.data?.status.coldStarts.find((s) => scopeKey(s) === key)}
                listError={listError}
                showAccount={multiAccount}
              />
            );
          })}
        </div>
      )}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <CostProjection />
        <TriageTop />
      </div>
    </div>
  );
}
