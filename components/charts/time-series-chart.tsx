"use client";

import { useMemo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { timeTickFormatter, timeTicks, type ChartRow, type LimitLine } from "@/lib/charts/time-series";
import { formatCount, formatExact, formatMs, formatUtcDateTime, NO_DATA_LABEL } from "@/lib/format";

/**
 * A render-only time-series chart: rows come from a preparer in lib/charts (nulls are gaps and
 * stay gaps: connectNulls is off), units label the axes and the tooltip shows exact values.
 */

export type ChartUnit = "count" | "ms" | "%";

export interface SeriesSpec<K extends string> {
  key: K;
  label: string;
  /** A CSS colour, normally a chart token: "var(--chart-1)". */
  color: string;
  axis?: "left" | "right";
  dashed?: boolean;
}

interface TimeSeriesChartProps<K extends string> {
  rows: ReadonlyArray<ChartRow<K>>;
  series: ReadonlyArray<SeriesSpec<K>>;
  /** The range's bounds, epoch ms: the x axis spans the range even where data is missing. */
  startMs: number;
  endMs: number;
  leftUnit: ChartUnit;
  rightUnit?: ChartUnit;
  /** Horizontal limit lines on the left axis; only the `drawn` ones are drawn (the caption names the rest). */
  limits?: ReadonlyArray<LimitLine>;
  /** Names the chart for assistive technology. */
  title: string;
  height?: number;
  /** Charts with the same syncId show their tooltips together. */
  syncId?: string;
}

function axisFormat(unit: ChartUnit): (v: number) => string {
  if (unit === "ms") return (v) => formatMs(v);
  if (unit === "%") return (v) => `${Number(v.toFixed(2))}%`;
  return (v) => formatCount(v);
}

function exactFormat(unit: ChartUnit): (v: number | null) => string {
  return (v) => {
    if (v === null) return NO_DATA_LABEL;
    if (unit === "ms") return `${formatExact(Number(v.toFixed(2)))} ms`;
    if (unit === "%") return `${Number(v.toFixed(3))}%`;
    return formatExact(v);
  };
}

export function TimeSeriesChart<K extends string>({
  rows,
  series,
  startMs,
  endMs,
  leftUnit,
  rightUnit,
  limits = [],
  title,
  height = 220,
  syncId,
}: TimeSeriesChartProps<K>) {
  const { ticks, stepMs } = useMemo(() => timeTicks(startMs, endMs, 6), [startMs, endMs]);
  const tickFormat = useMemo(() => timeTickFormatter(stepMs, endMs - startMs), [stepMs, startMs, endMs]);
  const byTime = useMemo(() => new Map(rows.map((r) => [r.t, r])), [rows]);
  const unitOf = (s: SeriesSpec<K>) => (s.axis === "right" && rightUnit ? rightUnit : leftUnit);
  const data = rows as Array<ChartRow<K>>;

  return (
    <LineChart
      responsive
      data={data}
      style={{ width: "100%", height }}
      margin={{ top: 8, right: rightUnit ? 4 : 12, bottom: 0, left: 0 }}
      syncId={syncId}
      syncMethod="value"
      title={title}
      accessibilityLayer
    >
      <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[startMs, endMs]}
        ticks={ticks}
        tickFormatter={tickFormat}
        allowDataOverflow
        tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
        tickLine={false}
        axisLine={{ stroke: "var(--border)" }}
        minTickGap={12}
      />
      <YAxis
        yAxisId="left"
        tickFormatter={axisFormat(leftUnit)}
        tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
        tickLine={false}
        axisLine={false}
        width={56}
        allowDecimals={leftUnit !== "count"}
        domain={[0, "auto"]}
      />
      {rightUnit ? (
        <YAxis
          yAxisId="right"
          orientation="right"
          tickFormatter={axisFormat(rightUnit)}
          tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
          tickLine={false}
          axisLine={false}
          width={56}
          domain={[0, "auto"]}
        />
      ) : null}
      <Tooltip
        isAnimationActive={false}
        cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
        content={({ active, label }) => {
          const t = typeof label === "number" ? label : Number(label);
          const row = byTime.get(t);
          if (!active || !row) return null;
          return (
            <div className="rounded-md border border-border bg-card px-2.5 py-2 text-xs text-card-foreground shadow-md">
              <p className="mb-1 font-medium">{formatUtcDateTime(t)}</p>
              <ul className="flex flex-col gap-0.5">
                {series.map((s) => (
                  <li key={s.key} className="flex items-center gap-2">
                    <span
                      aria-hidden="true"
                      className="inline-block h-0.5 w-3"
                      style={{ background: s.color }}
                    />
                    <span className="text-muted-foreground">{s.label}</span>
                    <span className="ml-auto pl-3 font-medium tabular-nums">
                      {exactFormat(unitOf(s))(row[s.key])}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          );
        }}
      />
      <Legend
        itemSorter={null}
        verticalAlign="top"
        align="left"
        height={24}
        iconType="plainline"
        wrapperStyle={{ fontSize: 12, color: "var(--muted-foreground)" }}
      />
      {limits
        .filter((l) => l.drawn)
        .map((l) => (
          <ReferenceLine
            key={l.label}
            yAxisId="left"
            y={l.value}
            stroke="var(--chart-limit)"
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{
              value: `${l.label} ${axisFormat(leftUnit)(l.value)}`,
              position: "insideTopRight",
              fill: "var(--chart-limit)",
              fontSize: 11,
            }}
          />
        ))}
      {series.map((s) => (
        <Line
          key={s.key}
          yAxisId={s.axis ?? "left"}
          dataKey={s.key}
          name={s.label}
          type="linear"
          stroke={s.color}
          strokeWidth={1.5}
          strokeDasharray={s.dashed ? "4 3" : undefined}
          dot={false}
          activeDot={{ r: 3 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
