"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { FunctionCostPanel } from "@/components/costs/function-cost-panel";
import { ChartPanel } from "@/components/function-detail/chart-panel";
import { ColdStartPanel } from "@/components/function-detail/cold-start-panel";
import { ConfigPanelBody } from "@/components/function-detail/config-panel";
import { ErrorsPanel } from "@/components/function-detail/errors-panel";
import { HeadroomPanel } from "@/components/function-detail/headroom-panel";
import { FunctionFindingsPanel } from "@/components/security/function-findings-panel";
import { useViewState } from "@/components/shell/use-view-state";
import { AsOf } from "@/components/ui/as-of";
import { Badge } from "@/components/ui/badge";
import { Card, Panel, PanelSkeleton } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { ChevronRightIcon } from "@/components/ui/icons";
import { PanelBody } from "@/components/ui/panel-body";
import { Stat } from "@/components/ui/stat";
import { coldStartChart, concurrencyChart, durationChart, trafficChart } from "@/lib/charts/function-detail";
import { functionHeadroom } from "@/lib/charts/headroom";
import { periodLabel } from "@/lib/charts/time-series";
import { formatCount, formatExact, formatMs, formatPercent } from "@/lib/format";
import {
  coldStartsIncomplete,
  coldStartsQuery,
  functionDetailIncomplete,
  functionDetailQuery,
  functionErrorsIncomplete,
  functionErrorsQuery,
  functionMetricsQuery,
} from "@/lib/queries/functions";
import { isFetchError } from "@/lib/queries/fetch-json";
import { followUpInterval, readSection, sectionIncomplete } from "@/lib/queries/section";
import type { FunctionPath } from "@/lib/schemas/params";
import { globalQuery, rangeLabel, toRangeParams } from "@/lib/search-params";

const count = (v: number) => formatCount(v);

export function FunctionDetailClient({ path }: { path: FunctionPath }) {
  const view = useViewState();
  const searchParams = useSearchParams();
  const range = toRangeParams(view.range);
  const every = view.refetchInterval;

  const detail = useQuery({
    ...functionDetailQuery(path, range),
    refetchInterval: (q) =>
      followUpInterval(
        functionDetailIncomplete(q.state.data) ||
          sectionIncomplete(q.state.data?.cost) ||
          sectionIncomplete(q.state.data?.findings),
        q.state.dataUpdateCount,
        every,
      ),
    placeholderData: keepPreviousData,
  });
  const metrics = useQuery({
    ...functionMetricsQuery(path, range),
    refetchInterval: every,
    placeholderData: keepPreviousData,
  });
  const coldStarts = useQuery({
    ...coldStartsQuery(path, range),
    refetchInterval: (q) =>
      followUpInterval(coldStartsIncomplete(q.state.data), q.state.dataUpdateCount, every),
    placeholderData: keepPreviousData,
  });
  const errors = useQuery({
    ...functionErrorsQuery(path, range),
    refetchInterval: (q) =>
      followUpInterval(functionErrorsIncomplete(q.state.data), q.state.dataUpdateCount, every),
    placeholderData: keepPreviousData,
  });

  const config = readSection(detail.data?.config);
  const summary = readSection(detail.data?.metrics);
  const coldSummary = readSection(detail.data?.coldStarts);
  const gauges = useMemo(
    () =>
      functionHeadroom({
        config: config.data ?? null,
        metrics: summary.data ?? null,
        coldStarts: coldSummary.data ?? null,
        accountConcurrency: metrics.data?.limits.accountConcurrency ?? null,
      }),
    [config.data, summary.data, coldSummary.data, metrics.data],
  );
  const charts = useMemo(
    () =>
      metrics.data
        ? {
            traffic: trafficChart(metrics.data),
            duration: durationChart(metrics.data),
            concurrency: concurrencyChart(metrics.data),
          }
        : undefined,
    [metrics.data],
  );
  const coldChart = useMemo(
    () => (coldStarts.data ? coldStartChart(coldStarts.data) : undefined),
    [coldStarts.data],
  );

  const backQuery = globalQuery(searchParams);
  const label = rangeLabel(view.range);
  const chartRange = metrics.data?.range ?? detail.data?.range;
  const startMs = chartRange ? Date.parse(chartRange.start) : 0;
  const endMs = chartRange ? Date.parse(chartRange.end) : 0;
  const per = periodLabel(chartRange?.periodSeconds ?? 60);
  const m = summary.data;

  const breadcrumbs = (
    <nav aria-label="Breadcrumb">
      <ol className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
        <li>
          <Link href={`/functions${backQuery}`} className="rounded-sm hover:text-foreground hover:underline">
            Functions
          </Link>
        </li>
        <li aria-hidden="true">
          <ChevronRightIcon className="size-3" />
        </li>
        <li>{path.account}</li>
        <li aria-hidden="true">
          <ChevronRightIcon className="size-3" />
        </li>
        <li>{path.region}</li>
        <li aria-hidden="true">
          <ChevronRightIcon className="size-3" />
        </li>
        <li aria-current="page" className="text-foreground">
          {path.name}
        </li>
      </ol>
    </nav>
  );

  if (isFetchError(detail.error) && detail.error.status === 404) {
    return (
      <div className="flex flex-col gap-4">
        {breadcrumbs}
        <h1 className="text-xl font-semibold tracking-tight break-all">{path.name}</h1>
        <ErrorState title="Function not found" message={detail.error.message} />
        <p className="text-sm">
          <Link href={`/functions${backQuery}`} className="text-primary hover:underline">
            Back to all functions
          </Link>
        </p>
      </div>
    );
  }

  const c = config.data;
  const metricsError = metrics.error?.message;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        {breadcrumbs}
        <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
          <div className="flex min-w-0 flex-col gap-1">
            <h1 className="text-xl font-semibold tracking-tight break-all">{path.name}</h1>
            <div className="flex flex-wrap items-center gap-1.5">
              {c ? (
                <>
                  <Badge>{c.runtime ?? "container image"}</Badge>
                  <Badge variant="outline">{c.architecture}</Badge>
                  <Badge variant="outline">{c.team ? `team ${c.team}` : "untagged"}</Badge>
                  {c.state && c.state !== "Active" ? <Badge variant="warning">{c.state}</Badge> : null}
                </>
              ) : null}
              <span className="text-sm text-muted-foreground">
                {c?.description ? `${c.description} · ` : ""}
                {label}
              </span>
            </div>
          </div>
          <AsOf
            asOf={detail.data?.asOf}
            refreshing={detail.isFetching || metrics.isFetching || coldStarts.isFetching || errors.isFetching}
          />
        </div>
      </div>

      {detail.error && !detail.data ? (
        <ErrorState
          title="Couldn't load this function"
          message={detail.error.message}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
        />
      ) : null}

      <section aria-label="Summary" className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        {(
          [
            [
              "Invocations",
              () => (
                <Stat
                  label="Invocations"
                  value={formatCount(m?.invocations)}
                  exact={formatExact(m?.invocations)}
                />
              ),
            ],
            [
              "Error rate",
              () => (
                <Stat
                  label="Error rate"
                  value={formatPercent(m?.errorRate)}
                  hint={m?.errors === null || m === undefined ? undefined : `${formatExact(m.errors)} errors`}
                />
              ),
            ],
            [
              "Throttles",
              () => (
                <Stat label="Throttles" value={formatCount(m?.throttles)} exact={formatExact(m?.throttles)} />
              ),
            ],
            [
              "Duration p99",
              () => (
                <Stat
                  label="Duration p99"
                  value={formatMs(m?.durationP99Ms)}
                  hint={m ? `p50 ${formatMs(m.durationP50Ms)} · max ${formatMs(m.durationMaxMs)}` : undefined}
                />
              ),
            ],
            [
              "Peak concurrency",
              () => (
                <Stat
                  label="Peak concurrency"
                  value={formatCount(m?.concurrencyMax)}
                  hint={
                    c?.reservedConcurrency != null
                      ? `reserved ${formatExact(c.reservedConcurrency)}`
                      : undefined
                  }
                />
              ),
            ],
          ] as const
        ).map(([key, render], i) => (
          <Card key={key} className={i === 4 ? "col-span-2 p-4 lg:col-span-1" : "p-4"}>
            <PanelBody
              pending={detail.isPending}
              skeleton="stat"
              error={
                m ? undefined : (summary.error?.message ?? (detail.error ? detail.error.message : undefined))
              }
              errorCode={summary.error?.code}
              errorTitle="Metrics unavailable"
            >
              {render}
            </PanelBody>
          </Card>
        ))}
      </section>

      {detail.isPending ? (
        <Panel title="Headroom">
          <PanelSkeleton />
        </Panel>
      ) : (
        <HeadroomPanel
          gauges={gauges}
          actions={<AsOf asOf={config.asOf} stale={config.stale || summary.stale} partial={config.partial} />}
        />
      )}

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <ChartPanel
          id="chart-traffic"
          title="Invocations, errors and throttles"
          description={`Counts ${per}`}
          chart={charts?.traffic}
          parts={[
            {
              title: "Invocations",
              series: [{ key: "invocations", label: "Invocations", color: "var(--chart-1)" }],
              leftUnit: "count",
              height: 170,
            },
            {
              title: "Errors and throttles",
              series: [
                { key: "errors", label: "Errors", color: "var(--chart-2)" },
                { key: "throttles", label: "Throttles", color: "var(--chart-3)" },
                {
                  key: "errorRate",
                  label: "Error rate",
                  color: "var(--chart-5)",
                  axis: "right",
                  dashed: true,
                },
              ],
              leftUnit: "count",
              rightUnit: "%",
              height: 170,
            },
          ]}
          startMs={startMs}
          endMs={endMs}
          pending={metrics.isPending}
          error={metrics.data ? undefined : metricsError}
          onRetry={() => void metrics.refetch()}
          retrying={metrics.isFetching}
          actions={<AsOf asOf={metrics.data?.asOf} stale={metrics.data?.stale} />}
        />
        <ChartPanel
          id="chart-duration"
          title="Duration"
          description={`p50, p99 and maximum in ms ${per} · the timeout as a dashed line`}
          chart={charts?.duration}
          parts={[
            {
              title: "Duration",
              series: [
                { key: "p50", label: "p50", color: "var(--chart-4)" },
                { key: "p99", label: "p99", color: "var(--chart-1)" },
                { key: "max", label: "max", color: "var(--chart-5)", dashed: true },
              ],
              leftUnit: "ms",
              height: 364,
            },
          ]}
          startMs={startMs}
          endMs={endMs}
          pending={metrics.isPending}
          error={metrics.data ? undefined : metricsError}
          onRetry={() => void metrics.refetch()}
          retrying={metrics.isFetching}
          formatLimit={(v) => formatMs(v)}
        />
        <ChartPanel
          id="chart-concurrency"
          title="Concurrency"
          description={`Concurrent executions (maximum ${per}) · reserved and account limits as dashed lines`}
          chart={charts?.concurrency}
          parts={[
            {
              title: "Concurrency",
              series: [{ key: "concurrency", label: "Concurrent executions", color: "var(--chart-1)" }],
              leftUnit: "count",
            },
          ]}
          startMs={startMs}
          endMs={endMs}
          pending={metrics.isPending}
          error={metrics.data ? undefined : metricsError}
          onRetry={() => void metrics.refetch()}
          retrying={metrics.isFetching}
          formatLimit={count}
        />
        <ChartPanel
          id="chart-cold-starts"
          title="Cold starts"
          description={`Cold starts ${per} · init duration p99 in ms (right axis), from the logs`}
          chart={coldChart}
          parts={[
            {
              title: "Cold starts",
              series: [
                { key: "coldStarts", label: "Cold starts", color: "var(--chart-3)" },
                { key: "initP99", label: "Init p99", color: "var(--chart-5)", axis: "right" },
              ],
              leftUnit: "count",
              rightUnit: "ms",
            },
          ]}
          startMs={coldStarts.data ? Date.parse(coldStarts.data.range.start) : startMs}
          endMs={coldStarts.data ? Date.parse(coldStarts.data.range.end) : endMs}
          pending={coldStarts.isPending}
          error={
            coldStarts.data
              ? coldChart?.hasData
                ? undefined
                : coldStarts.data.seriesError?.message
              : coldStarts.error?.message
          }
          errorCode={coldStarts.data?.seriesError?.code}
          onRetry={() => void coldStarts.refetch()}
          retrying={coldStarts.isFetching}
          warning={
            coldStarts.data?.seriesPartial
              ? "The logs query stopped before the end: some bins may be missing."
              : undefined
          }
          actions={<AsOf asOf={coldStarts.data?.asOf} partial={coldStarts.data?.seriesPartial} />}
        />
      </div>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <ColdStartPanel
          data={coldStarts.data}
          config={c}
          pending={coldStarts.isPending}
          error={coldStarts.data ? undefined : coldStarts.error?.message}
          onRetry={() => void coldStarts.refetch()}
          retrying={coldStarts.isFetching}
        />
        <ErrorsPanel
          data={errors.data}
          pending={errors.isPending}
          error={errors.data ? undefined : errors.error?.message}
          onRetry={() => void errors.refetch()}
          retrying={errors.isFetching}
        />
      </div>

      <Panel
        id="configuration"
        title="Configuration"
        description="As Lambda reports it. Environment variables by name and size only: values never leave the server."
        actions={<AsOf asOf={config.asOf} stale={config.stale} partial={config.partial} />}
      >
        <PanelBody
          pending={detail.isPending}
          error={c ? undefined : (config.error?.message ?? detail.error?.message)}
          errorCode={config.error?.code}
          errorTitle="Couldn't read the configuration"
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
          warning={c && config.error ? config.error.message : undefined}
        >
          {() => (c ? <ConfigPanelBody config={c} /> : null)}
        </PanelBody>
      </Panel>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <FunctionFindingsPanel
          title="IAM and access"
          description="What the function's role allows, who may invoke it (with every function sharing the role)"
          categories={["iam", "resource-policy"]}
          section={readSection(detail.data?.findings)}
          pending={detail.isPending}
          requestError={detail.error?.message}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
          linkQuery={backQuery}
        />
        <FunctionFindingsPanel
          title="Headroom and configuration risks"
          description="Limits close to the edge, risky or deprecated settings"
          categories={["headroom", "config"]}
          section={readSection(detail.data?.findings)}
          pending={detail.isPending}
          requestError={detail.error?.message}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
          linkQuery={backQuery}
        />
        <FunctionCostPanel
          section={readSection(detail.data?.cost)}
          pending={detail.isPending}
          requestError={detail.error?.message}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
          linkQuery={backQuery}
        />
      </div>
    </div>
  );
}
