import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatCount, formatUsd } from "@/lib/format";
import type { FunctionCostView } from "@/lib/schemas/costs";
import { functionHref } from "@/lib/search-params";
import { cn } from "@/lib/utils";
import { changeTone, describeChange, formatChange } from "./format-change";

interface TopFunctionsTableProps {
  functions: readonly FunctionCostView[];
  /** The global URL parameters to keep on the links (range, scope). */
  linkQuery: string;
  caption: string;
}

/** The most expensive functions, each linking to its detail page. */
export function TopFunctionsTable({ functions, linkQuery, caption }: TopFunctionsTableProps) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          <TR>
            <TH>Function</TH>
            <TH>Team</TH>
            <TH className="text-right">Invocations</TH>
            <TH className="text-right">Requests</TH>
            <TH className="text-right">Compute</TH>
            <TH className="text-right">Provisioned</TH>
            <TH className="text-right">Per month</TH>
            <TH className="text-right">Change</TH>
          </TR>
        </THead>
        <TBody>
          {functions.map((f) => (
            <TR key={f.id}>
              <TD className="max-w-72">
                <Link
                  href={functionHref(f, linkQuery)}
                  className="block truncate rounded-sm font-medium text-primary hover:underline"
                  title={f.name}
                >
                  {f.name}
                </Link>
                <span className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                  {f.region} · {f.runtime ?? "container image"}
                  <Badge variant="outline" className="px-1 py-0">
                    {f.architecture}
                  </Badge>
                </span>
              </TD>
              <TD>{f.team}</TD>
              <TD className="text-right tabular-nums">{formatCount(f.invocations)}</TD>
              <TD className="text-right tabular-nums">{formatUsd(f.monthly.requests)}</TD>
              <TD className="text-right tabular-nums">{formatUsd(f.monthly.compute)}</TD>
              <TD className="text-right tabular-nums">{formatUsd(f.monthly.provisioned)}</TD>
              <TD className="text-right font-medium tabular-nums">{formatUsd(f.monthly.total)}</TD>
              <TD
                className={cn("text-right tabular-nums whitespace-nowrap", changeTone(f.change))}
                title={describeChange(f.change)}
              >
                {formatChange(f.change)}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
