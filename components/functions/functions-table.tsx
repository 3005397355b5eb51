"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { memo, useCallback, useRef, type SyntheticEvent } from "react";
import { FindingCountsView } from "@/components/ui/severity-chip";
import { SortableTH } from "@/components/ui/table";
import { COLUMNS, type SortKey, type SortState } from "@/lib/functions-table";
import {
  formatCount,
  formatExact,
  formatMB,
  formatMs,
  formatPercent,
  formatSecondsShort,
  formatUsd,
  NO_DATA,
} from "@/lib/format";
import type { FunctionRow } from "@/lib/schemas/functions";
import { functionHref } from "@/lib/search-params";
import { cn } from "@/lib/utils";

const ROW_HEIGHT = 36;

/** Fixed widths (px), so columns do not jump as rows scroll in and out. */
const WIDTHS: Record<SortKey, number> = {
  name: 208,
  team: 96,
  region: 92,
  runtime: 100,
  architecture: 68,
  memoryMB: 92,
  timeoutS: 80,
  invocations: 100,
  errorRate: 76,
  throttles: 84,
  p99DurationMs: 104,
  coldStartRate: 104,
  monthlyCost: 104,
  findings: 112,
};
const TABLE_WIDTH = Object.values(WIDTHS).reduce((a, b) => a + b, 0);

function Missing() {
  return (
    <span className="text-muted-foreground" title="No data">
      {NO_DATA}
      <span className="sr-only">no data</span>
    </span>
  );
}

function figure(text: string, exact?: string) {
  return text === NO_DATA ? <Missing /> : <span title={exact}>{text}</span>;
}

function Cell({ row, column }: { row: FunctionRow; column: SortKey }) {
  switch (column) {
    case "name":
      return null; // rendered as the row header
    case "team":
      return row.team ? (
        <span title={row.team}>{row.team}</span>
      ) : (
        <span className="text-muted-foreground">untagged</span>
      );
    case "region":
      return <>{row.region}</>;
    case "runtime":
      return row.runtime ? <>{row.runtime}</> : <span className="text-muted-foreground">image</span>;
    case "architecture":
      return <>{row.architecture === "x86_64" ? "x86" : "arm64"}</>;
    case "memoryMB":
      return <>{formatMB(row.memoryMB)}</>;
    case "timeoutS":
      return <>{formatSecondsShort(row.timeoutS)}</>;
    case "invocations":
      return figure(formatCount(row.invocations), formatExact(row.invocations));
    case "errorRate":
      return figure(
        formatPercent(row.errorRate),
        row.errors === null ? undefined : `${formatExact(row.errors)} errors`,
      );
    case "throttles":
      return figure(formatCount(row.throttles), formatExact(row.throttles));
    case "p99DurationMs":
      return figure(formatMs(row.p99DurationMs));
    case "coldStartRate":
      return figure(formatPercent(row.coldStartRate));
    case "monthlyCost":
      return figure(formatUsd(row.monthlyCost));
    case "findings":
      return row.findings ? (
        <FindingCountsView counts={row.findings} compact />
      ) : (
        <span className="text-muted-foreground" title="Being analysed; fills in by itself">
          …
        </span>
      );
  }
}

interface FunctionRowViewProps {
  /** Position in the whole (sorted, filtered) list. */
  index: number;
  row: FunctionRow;
  linkQuery: string;
  /** Pointer over or focus on the function's link: a click may follow. */
  onIntent: (e: SyntheticEvent<HTMLAnchorElement>) => void;
}

/** One row; memoized, so a scroll step renders only the rows it brings into view. */
const FunctionRowView = memo(function FunctionRowView({
  index,
  row,
  linkQuery,
  onIntent,
}: FunctionRowViewProps) {
  return (
    <tr aria-rowindex={index + 2} className="group" style={{ height: ROW_HEIGHT }}>
      <th
        scope="row"
        className="sticky left-0 z-[1] truncate border-b border-border bg-card py-0 pr-2 pl-3 text-left font-normal group-hover:bg-muted"
      >
        <Link
          href={functionHref(row, linkQuery)}
          // Not on sight: every sort, filter and scroll brings dozens of rows into view,
          // and each would prefetch its page. On pointer or focus instead.
          prefetch={false}
          onMouseEnter={onIntent}
          onFocus={onIntent}
          className="rounded-sm font-medium text-primary hover:underline"
          title={`${row.name} (${row.account}/${row.region})`}
        >
          {row.name}
        </Link>
      </th>
      {COLUMNS.slice(1).map((c) => (
        <td
          key={c.key}
          className={cn(
            "truncate border-b border-border px-2 py-0 group-hover:bg-muted",
            c.align === "right" && "text-right tabular-nums",
          )}
        >
          <Cell row={row} column={c.key} />
        </td>
      ))}
    </tr>
  );
});

interface FunctionsTableProps {
  rows: readonly FunctionRow[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  /** Query string carried to the detail pages (range, scope). */
  linkQuery: string;
  caption: string;
}

/**
 * The function table: one real <table>, virtualized (only the rows in view are in the DOM, with
 * spacer rows above and below), so 15,000 rows scroll smoothly. Header cells sort; aria-rowcount
 * and aria-rowindex tell assistive technology where a row sits in the whole list.
 */
export const FunctionsTable = memo(function FunctionsTable({
  rows,
  sort,
  onSort,
  linkQuery,
  caption,
}: FunctionsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const prefetchRow = useCallback(
    (e: SyntheticEvent<HTMLAnchorElement>) => {
      const href = e.currentTarget.getAttribute("href");
      if (href) router.prefetch(href);
    },
    [router],
  );
  // The React Compiler is not in use; TanStack Virtual's returned functions are safe to call in render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Server render and first client render show the same first rows, before the container is measured.
    initialRect: { width: 1400, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="h-[max(24rem,calc(100dvh-17rem))] overflow-auto rounded-lg border border-border bg-card focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      <table
        className="border-separate border-spacing-0 text-sm"
        style={{ tableLayout: "fixed", width: TABLE_WIDTH, minWidth: "100%" }}
        aria-rowcount={rows.length + 1}
      >
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} style={{ width: WIDTHS[c.key] }} />
          ))}
        </colgroup>
        <thead className="text-xs text-muted-foreground">
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <SortableTH
                key={c.key}
                label={c.label}
                align={c.align}
                sorted={sort.key === c.key ? sort.dir : undefined}
                onSort={() => onSort(c.key)}
                className={cn(
                  "sticky top-0 z-10 border-b border-border bg-card",
                  c.key === "name" && "left-0 z-20 pl-3",
                )}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: padTop, padding: 0 }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <FunctionRowView
                // Keyed by position, not by function: a sort or filter rewrites the rows in view in
                // place instead of replacing every one, and a scroll step adds and drops only the
                // rows it moves past.
                key={item.index}
                index={item.index}
                row={row}
                linkQuery={linkQuery}
                onIntent={prefetchRow}
              />
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: padBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
});
