"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { CostMixRow } from "@/lib/cost-report";
import { formatUsd } from "@/lib/format";

/**
 * Requests against compute against provisioned concurrency, per group, as stacked horizontal bars
 * (monthly projection, USD). Render-only: the rows come from lib/cost-report.
 */

const PARTS = [
  { key: "requests", label: "Requests", color: "var(--chart-3)" },
  { key: "compute", label: "Compute (incl. INIT)", color: "var(--chart-1)" },
  { key: "provisioned", label: "Provisioned concurrency", color: "var(--chart-5)" },
  { key: "other", label: "Storage (ephemeral, logs)", color: "var(--chart-4)" },
] as const;

export function CostMixChart({ rows, title }: { rows: readonly CostMixRow[]; title: string }) {
  const height = Math.max(160, rows.length * 34 + 70);
  return (
    <BarChart
      responsive
      layout="vertical"
      data={rows as CostMixRow[]}
      style={{ width: "100%", height }}
      margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
      title={title}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
      <XAxis
        type="number"
        tickFormatter={(v: number) => formatUsd(v)}
        tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
        tickLine={false}
        axisLine={{ stroke: "var(--border)" }}
      />
      <YAxis
        type="category"
        dataKey="key"
        width={130}
        tick={{ fill: "var(--foreground)", fontSize: 12 }}
        tickLine={false}
        axisLine={false}
      />
      <Tooltip
        isAnimationActive={false}
        cursor={{ fill: "var(--muted)" }}
        content={({ active, payload }) => {
          const row = payload?.[0]?.payload as CostMixRow | undefined;
          if (!active || !row) return null;
          return (
            <div className="rounded-md border border-border bg-card px-2.5 py-2 text-xs text-card-foreground shadow-md">
              <p className="mb-1 font-medium">{row.key}</p>
              <ul className="flex flex-col gap-0.5">
                {PARTS.map((p) => (
                  <li key={p.key} className="flex items-center gap-2">
                    <span
                      aria-hidden="true"
                      className="inline-block size-2 rounded-sm"
                      style={{ background: p.color }}
                    />
                    <span className="text-muted-foreground">{p.label}</span>
                    <span className="ml-auto pl-3 font-medium tabular-nums">{formatUsd(row[p.key])}</span>
                  </li>
                ))}
                <li className="mt-0.5 flex items-center gap-2 border-t border-border pt-0.5">
                  <span className="text-muted-foreground">Total a month</span>
                  <span className="ml-auto pl-3 font-medium tabular-nums">{formatUsd(row.total)}</span>
                </li>
              </ul>
            </div>
          );
        }}
      />
      <Legend
        verticalAlign="top"
        height={28}
        iconType="square"
        iconSize={10}
        wrapperStyle={{ fontSize: 12, color: "var(--muted-foreground)" }}
      />
      {PARTS.map((p) => (
        <Bar
          key={p.key}
          dataKey={p.key}
          name={p.label}
          stackId="cost"
          fill={p.color}
          isAnimationActive={false}
          maxBarSize={22}
        />
      ))}
    </BarChart>
  );
}
