import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatExact, formatUsd } from "@/lib/format";
import type { CostGroup, CostGroupBy } from "@/lib/schemas/costs";
import { cn } from "@/lib/utils";
import { changeTone, describeChange, formatChange } from "./format-change";

interface CostGroupsTableProps {
  groups: readonly CostGroup[];
  groupBy: CostGroupBy;
  /** Header of the first column ("Team (tag team)"). */
  groupLabel: string;
  /** Shown for the untagged bucket when grouping by team. */
  teamTagKey: string;
  caption: string;
  /** Link of a team's own report (grouping by team only). */
  teamHref?: (team: string) => string;
}

/** Per-group monthly figures with the split AWS bills, and the change against the previous period. */
export function CostGroupsTable({
  groups,
  groupBy,
  groupLabel,
  teamTagKey,
  caption,
  teamHref,
}: CostGroupsTableProps) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          <TR>
            <TH>{groupLabel}</TH>
            <TH className="text-right">Functions</TH>
            <TH className="text-right">Requests</TH>
            <TH className="text-right">Compute</TH>
            <TH className="text-right">Provisioned</TH>
            <TH className="text-right">Storage</TH>
            <TH className="text-right">Per month</TH>
            <TH className="text-right">Range</TH>
            <TH className="text-right">Change vs previous</TH>
          </TR>
        </THead>
        <TBody>
          {groups.map((g) => (
            <TR key={g.key}>
              <TH scope="row" className="h-auto py-1.5 font-medium text-foreground">
                {teamHref && groupBy === "team" && !g.other ? (
                  <Link
                    href={teamHref(g.key)}
                    className="rounded-sm text-primary hover:underline"
                    title={`Only team ${g.key}`}
                  >
                    {g.key}
                  </Link>
                ) : (
                  g.key
                )}
                {groupBy === "team" && g.key === "untagged" ? (
                  <span className="block text-xs font-normal text-muted-foreground">
                    no “{teamTagKey}” tag
                  </span>
                ) : null}
                {g.other ? (
                  <span className="block text-xs font-normal text-muted-foreground">
                    the remaining groups
                  </span>
                ) : null}
              </TH>
              <TD className="text-right tabular-nums">{formatExact(g.functions)}</TD>
              <TD className="text-right tabular-nums">{formatUsd(g.monthly.requests)}</TD>
              <TD
                className="text-right tabular-nums"
                title={`of which INIT (cold starts) ${formatUsd(g.monthly.init)}`}
              >
                {formatUsd(g.monthly.compute)}
              </TD>
              <TD className="text-right tabular-nums">{formatUsd(g.monthly.provisioned)}</TD>
              <TD className="text-right tabular-nums">
                {formatUsd(g.monthly.ephemeral + g.monthly.logStorage)}
              </TD>
              <TD className="text-right font-medium tabular-nums">{formatUsd(g.monthly.total)}</TD>
              <TD className="text-right tabular-nums text-muted-foreground">{formatUsd(g.window.total)}</TD>
              <TD
                className={cn("text-right tabular-nums whitespace-nowrap", changeTone(g.change))}
                title={describeChange(g.change)}
              >
                {formatChange(g.change)}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
