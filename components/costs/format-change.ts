import { formatPercent, formatUsd } from "@/lib/format";
import type { CostChangeView } from "@/lib/schemas/costs";

/** "+$12.30 (+4.1%)", "−$3.00 (−20%)", "no change"; words and signs, never colour alone. */
export function formatChange(change: CostChangeView | null | undefined): string {
  if (!change) return "—";
  if (Math.abs(change.delta) < 0.005) return "no change";
  const sign = change.delta > 0 ? "+" : "−";
  const amount = `${sign}${formatUsd(Math.abs(change.delta))}`;
  if (change.ratio === null) return `${amount} (new)`;
  return `${amount} (${sign}${formatPercent(Math.abs(change.ratio))})`;
}

/** The change said in words for a title or screen reader. */
export function describeChange(change: CostChangeView | null | undefined): string {
  if (!change) return "No comparison with the previous period";
  return `${change.delta >= 0 ? "Up" : "Down"} ${formatUsd(Math.abs(change.delta))} a month against ${formatUsd(change.previous)} in the previous period`;
}

export function changeTone(change: CostChangeView | null | undefined): string {
  if (!change || Math.abs(change.delta) < 0.005) return "text-muted-foreground";
  return change.delta > 0 ? "text-warning" : "text-ok";
}
