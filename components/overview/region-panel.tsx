"use client";

import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { PanelBody } from "@/components/ui/panel-body";
import { FindingCountsView } from "@/components/ui/severity-chip";
import { Sparkline } from "@/components/ui/sparkline";
import { Stat } from "@/components/ui/stat";
import type { RegionFunctionStats } from "@/lib/charts/overview";
import { periodLabel } from "@/lib/charts/time-series";
import { formatCount, formatExact, formatPercent } from "@/lib/format";
import { readSection } from "@/lib/queries/section";
import type { Overview } from "@/lib/schemas/accounts";
import type { ScopeStatus } from "@/lib/schemas/common";
import { ConcurrencyLedger } from "./concurrency-ledger";

type RegionOverview = Overview["regions"][number];

interface RegionPanelProps {
  region: RegionOverview;
  periodSeconds: number;
  rangeLabel: string;
  /** Figures from the function list; undefined while it loads. */
  stats: RegionFunctionStats | undefined;
  statsPending: boolean;
  /** The function list's status for this region (inventory and cold starts). */
  inventory: ScopeStatus | undefined;
  coldStarts: ScopeStatus | undefined;
  /** The function list request failed as a whole. */
  listError: string | undefined;
  showAccount: boolean;
}

/** One region: its concurrency ledger, its traffic over the range, and its functions' cold starts and findings. */
export function RegionPanel({
  region,
  periodSeconds,
  rangeLabel,
  stats,
  statsPending,
  inventory,
  coldStarts,
  listError,
  showAccount,
}: RegionPanelProps) {
  const ledger = readSection(region.ledger);
  const totals = readSection(region.totals);
  const name = showAccount ? `${region.region} · ${region.account}` : region.region;
  const id = `region-${region.account}-${region.region}`;
  const per = periodLabel(periodSeconds);
  const t = totals.data;
  const errorRate =
    t && t.invocations !== null && t.errors !== null && t.invocations > 0 ? t.errors / t.invocations : null;
  const inventoryError = inventory?.status === "error" ? inventory.error?.message : undefined;
  const coldError = coldStarts?.status === "error" ? coldStarts.error?.message : undefined;

  return (
    <Panel
      id={id}
      title={name}
      description={showAccount ? undefined : `Account ${region.account}`}
      actions={
        <AsOf
          asOf={ledger.asOf ?? totals.asOf}
          stale={ledger.stale || totals.stale}
          partial={ledger.partial || totals.partial}
        />
      }
      bodyClassName="flex flex-col gap-5"
    >
      <section aria-labelledby={`${id}-ledger`} className="flex flex-col gap-2">
        <h3
          id={`${id}-ledger`}
          className="text-xs font-semibold tracking-wide text-muted-foreground uppercase"
        >
          Concurrency
        </h3>
        <PanelBody
          pending={false}
          error={ledger.data ? undefined : ledger.error?.message}
          errorTitle="Couldn't read the concurrency ledger"
          errorCode={ledger.error?.code}
          warning={ledger.data && ledger.error ? ledger.error.message : undefined}
        >
          {() => (ledger.data ? <ConcurrencyLedger ledger={ledger.data} regionLabel={name} /> : null)}
        </PanelBody>
      </section>

      <section aria-labelledby={`${id}-traffic`} className="flex flex-col gap-2">
        <h3
          id={`${id}-traffic`}
          className="text-xs font-semibold tracking-wide text-muted-foreground uppercase"
        >
          Traffic · {rangeLabel.toLowerCase()}
        </h3>
        <PanelBody
          pending={false}
          error={t ? undefined : totals.error?.message}
          errorTitle="Couldn't read the region's metrics"
          errorCode={totals.error?.code}
          warning={t && totals.error ? totals.error.message : undefined}
        >
          {() =>
            t ? (
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
                <Stat
                  label="Invocations"
                  value={formatCount(t.invocations)}
                  exact={`${formatExact(t.invocations)} invocations`}
                  chart={
                    <Sparkline
                      series={t.series.invocations}
                      label={`Invocations ${per}, ${rangeLabel.toLowerCase()}`}
                      className="text-chart-1"
                    />
                  }
                />
                <Stat
                  label="Errors"
                  value={formatCount(t.errors)}
                  exact={`${formatExact(t.errors)} errors`}
                  hint={errorRate === null ? undefined : `${formatPercent(errorRate)} of invocations`}
                  chart={
                    <Sparkline
                      series={t.series.errors}
                      label={`Errors ${per}, ${rangeLabel.toLowerCase()}`}
                      className="text-chart-2"
                    />
                  }
                />
                <Stat
                  label="Throttles"
                  value={formatCount(t.throttles)}
                  exact={`${formatExact(t.throttles)} throttles`}
                  chart={
                    <Sparkline
                      series={t.series.throttles}
                      label={`Throttles ${per}, ${rangeLabel.toLowerCase()}`}
                      className="text-chart-3"
                    />
                  }
                />
              </div>
            ) : null
          }
        </PanelBody>
      </section>

      <section aria-labelledby={`${id}-functions`} className="flex flex-col gap-2">
        <h3
          id={`${id}-functions`}
          className="text-xs font-semibold tracking-wide text-muted-foreground uppercase"
        >
          Functions
        </h3>
        {listError !== undefined || inventoryError !== undefined ? (
          <ErrorState
            title="Couldn't read this region's functions"
            message={listError ?? inventoryError}
            code={listError === undefined ? inventory?.error?.code : undefined}
          />
        ) : (
          <PanelBody pending={statsPending} skeleton="stat">
            {() => (
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
                <Stat label="Functions" value={formatExact(stats?.functions ?? 0)} />
                <Stat
                  label="Cold-start rate"
                  value={coldError ? "—" : formatPercent(stats?.coldStartRate ?? null)}
                  hint={
                    coldError
                      ? `Unavailable: ${coldError}`
                      : stats?.coldStartRate === null || stats === undefined
                        ? coldStarts?.partial
                          ? "Still reading the logs…"
                          : "No invocations with logs in this range"
                        : "of invocations, from the functions' logs"
                  }
                />
                <div className="flex flex-col gap-1">
                  <span className="text-xs font-medium text-muted-foreground">Findings</span>
                  {stats && !stats.analysed ? (
                    <span className="text-sm text-muted-foreground">Being analysed…</span>
                  ) : stats ? (
                    <FindingCountsView counts={stats.findings} />
                  ) : null}
                  {stats?.analysed ? (
                    <span className="text-xs text-muted-foreground">
                      {stats.withFindings} of {stats.functions} functions
                    </span>
                  ) : null}
                </div>
              </div>
            )}
          </PanelBody>
        )}
      </section>
    </Panel>
  );
}
