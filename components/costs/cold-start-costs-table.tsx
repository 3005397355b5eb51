import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatCount, formatPercent, formatUsd } from "@/lib/format";
import type { FunctionCostView } from "@/lib/schemas/costs";
import { functionHref } from "@/lib/search-params";

/** What billed INIT (cold starts) costs each function per month, highest first. */
export function ColdStartCostsTable({
  functions,
  linkQuery,
  caption,
}: {
  functions: readonly FunctionCostView[];
  linkQuery: string;
  caption: string;
}) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          <TR>
            <TH>Function</TH>
            <TH className="text-right">Cold starts</TH>
            <TH className="text-right">INIT per month</TH>
            <TH className="text-right">Share of its cost</TH>
          </TR>
        </THead>
        <TBody>
          {functions.map((f) => (
            <TR key={f.id}>
              <TD className="max-w-64">
                <Link
                  href={functionHref(f, linkQuery)}
                  className="block truncate rounded-sm font-medium text-primary hover:underline"
                  title={f.name}
                >
                  {f.name}
                </Link>
                <span className="text-xs text-muted-foreground">
                  {f.team} · {f.region}
                </span>
              </TD>
              <TD className="text-right tabular-nums">{formatCount(f.coldStarts)}</TD>
              <TD className="text-right font-medium tabular-nums">{formatUsd(f.coldStartMonthly)}</TD>
              <TD className="text-right tabular-nums text-muted-foreground">
                {f.monthly.total > 0 && f.coldStartMonthly !== null
                  ? formatPercent(f.coldStartMonthly / f.monthly.total)
                  : "—"}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
