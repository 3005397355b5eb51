"use client";

import type { ReactNode } from "react";
import { TimeSeriesChart, type ChartUnit, type SeriesSpec } from "@/components/charts/time-series-chart";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import type { ChartData } from "@/lib/charts/function-detail";
import type { ErrorCode } from "@/lib/schemas/common";

/** One chart of a panel; a panel may stack several over the same rows and time axis. */
export interface ChartPart<K extends string> {
  /** Names the chart for assistive technology (and above it, when a panel stacks several). */
  title: string;
  series: ReadonlyArray<SeriesSpec<K>>;
  leftUnit: ChartUnit;
  rightUnit?: ChartUnit;
  height?: number;
  /** Draw the panel's limit lines on this chart. */
  limits?: boolean;
}

interface ChartPanelProps<K extends string> {
  id: string;
  title: string;
  description: ReactNode;
  chart: ChartData<K> | undefined;
  parts: ReadonlyArray<ChartPart<K>>;
  startMs: number;
  endMs: number;
  pending: boolean;
  error?: string;
  errorCode?: ErrorCode;
  onRetry?: () => void;
  retrying?: boolean;
  warning?: ReactNode;
  actions?: ReactNode;
  /** Format of a limit value for the caption of limits too far above the data to draw. */
  formatLimit?: (v: number) => string;
}

/** Charts in their panel, with the panel's own loading, error and no-data states. */
export function ChartPanel<K extends string>({
  id,
  title,
  description,
  chart,
  parts,
  startMs,
  endMs,
  pending,
  error,
  errorCode,
  onRetry,
  retrying,
  warning,
  actions,
  formatLimit = String,
}: ChartPanelProps<K>) {
  const offChart = chart?.limits.filter((l) => !l.drawn) ?? [];
  const stacked = parts.length > 1;
  return (
    <Panel id={id} title={title} description={description} actions={actions}>
      <PanelBody
        pending={pending}
        skeleton="chart"
        error={error}
        errorTitle={`Couldn't load ${title.toLowerCase()}`}
        errorCode={errorCode}
        onRetry={onRetry}
        retrying={retrying}
        warning={warning}
        empty={chart !== undefined && !chart.hasData}
        emptyTitle="No data in this range"
        emptyDescription="The function did not report this in the selected range. No data is not zero."
      >
        {() =>
          chart ? (
            <>
              {parts.map((part, i) => (
                <TimeSeriesChart
                  key={part.title}
                  rows={chart.rows}
                  series={part.series}
                  startMs={startMs}
                  endMs={endMs}
                  leftUnit={part.leftUnit}
                  rightUnit={part.rightUnit}
                  limits={(part.limits ?? i === 0) ? chart.limits : []}
                  title={stacked ? `${title}: ${part.title}` : title}
                  height={part.height ?? 220}
                  syncId="function-detail"
                />
              ))}
              {offChart.length > 0 ? (
                <p className="text-xs text-muted-foreground">
                  {offChart.map((l) => `${l.label} ${formatLimit(l.value)}`).join(" · ")}: far above the data,
                  not drawn to scale.
                </p>
              ) : null}
            </>
          ) : null
        }
      </PanelBody>
    </Panel>
  );
}
