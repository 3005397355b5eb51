"use client";

import Link from "next/link";
import { CopyButton } from "@/components/function-detail/copy-button";
import { SeverityChip } from "@/components/ui/severity-chip";
import type { TriageEntry } from "@/lib/schemas/triage";
import { functionHref } from "@/lib/search-params";
import { cn } from "@/lib/utils";
import { ChangeMarker } from "./change-marker";
import { describeReason, REASON_LABELS } from "./describe";
import { ReasonChip } from "./reason-chip";
import { SinceLabel } from "./since-label";
import { TopErrors } from "./top-errors";
import { TriageSparkline } from "./triage-sparkline";

const external =
  "text-xs font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring";

/** A link to the AWS console: a new tab, without giving it this window. */
function ConsoleLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={external}>
      {children}
      <span aria-hidden="true"> ↗</span>
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** One ranked function: what is wrong, since when, what changed, the evidence and where to look next. */
export function TriageEntryView({
  entry,
  rank,
  linkQuery,
  showAccount,
  className,
}: {
  entry: TriageEntry;
  rank: number;
  /** The global query (range, scope) carried to the function's page. */
  linkQuery: string;
  showAccount: boolean;
  className?: string;
}) {
  const lead = entry.reasons[0];
  return (
    <article
      aria-labelledby={`triage-${rank}`}
      className={cn("grid grid-cols-1 gap-3 py-4 md:grid-cols-[minmax(0,1fr)_11rem]", className)}
    >
      <div className="flex min-w-0 flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="text-xs tabular-nums text-muted-foreground" aria-hidden="true">
            {rank}.
          </span>
          <SeverityChip level={entry.severity} />
          <h3 id={`triage-${rank}`} className="min-w-0 truncate text-sm font-semibold">
            <Link
              href={functionHref(entry, linkQuery)}
              className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
            >
              {entry.name}
            </Link>
          </h3>
          <span className="text-xs text-muted-foreground">
            {showAccount ? `${entry.account} · ` : ""}
            {entry.region}
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <SinceLabel since={entry.since} startOfData={entry.sinceStartOfData} />
          <ChangeMarker change={entry.change} />
        </div>
        <ul className="flex flex-wrap gap-1.5" aria-label="Reasons">
          {entry.reasons.map((r) => (
            <li key={r.kind}>
              <ReasonChip reason={r} />
            </li>
          ))}
        </ul>
        {lead ? <p className="text-sm">{describeReason(lead)}</p> : null}
        <TopErrors errors={entry.errors} />
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <ConsoleLink href={entry.links.insights}>Logs Insights</ConsoleLink>
          <ConsoleLink href={entry.links.logGroup}>Log group</ConsoleLink>
          <ConsoleLink href={entry.links.function}>Lambda console</ConsoleLink>
          <Link href={functionHref(entry, linkQuery)} className={external}>
            Function details
          </Link>
          <CopyButton text={entry.insightsQuery} label="Copy query" />
        </div>
      </div>
      <figure className="flex flex-col gap-1 text-muted-foreground md:pt-1">
        <TriageSparkline
          series={entry.sparkline.series}
          badFrom={entry.sparkline.badFrom}
          changes={entry.change.inRange.map((c) => c.at)}
          label={`${lead ? REASON_LABELS[lead.kind] : "Trend"} of ${entry.name} over the range, the bad run shaded`}
          className="text-foreground"
        />
        <figcaption className="text-[11px]">
          {lead ? REASON_LABELS[lead.kind] : ""} over the range; shaded: the bad run
          {entry.change.inRange.length ? "; dashed: changes" : ""}
        </figcaption>
      </figure>
    </article>
  );
}
