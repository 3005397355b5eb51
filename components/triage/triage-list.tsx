"use client";

import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import { metricsPending } from "@/lib/queries/triage";
import type { TriageResponse } from "@/lib/schemas/triage";
import { ScopeNotes } from "./scope-notes";
import { TriageEntryView } from "./triage-entry";

interface TriageListProps {
  data: TriageResponse | undefined;
  pending: boolean;
  error?: string;
  onRetry: () => void;
  retrying: boolean;
  /** "the last 3 hours", "2026-11-20 12:00 UTC – 2026-11-20 18:00 UTC": for the empty state. */
  rangePhrase: string;
  linkQuery: string;
}

/** The ranked triage list, with its own loading, failed and "nothing is broken" states. */
export function TriageList({
  data,
  pending,
  error,
  onRetry,
  retrying,
  rangePhrase,
  linkQuery,
}: TriageListProps) {
  const showAccount = new Set(data?.status.inventory.map((s) => s.account)).size > 1;
  const total = data?.total ?? 0;
  const shown = data?.entries.length ?? 0;
  const failed = data
    ? [...data.status.inventory, ...data.status.metrics].some((s) => s.status === "error")
    : false;
  return (
    <Panel
      id="triage"
      title="Needs attention"
      description={
        data
          ? `${total} of ${data.checked} functions · most urgent first${shown < total ? ` · first ${shown} shown` : ""}`
          : "Functions ranked by what hurts now"
      }
      actions={<AsOf asOf={data?.asOf} refreshing={retrying} />}
    >
      {data && !error ? <ScopeNotes status={data.status} showAccount={showAccount} /> : null}
      <PanelBody
        // An empty list is only "nothing is broken" once every region's metrics have been read.
        pending={pending || (shown === 0 && metricsPending(data))}
        error={error}
        errorTitle="Couldn't build the triage list"
        onRetry={onRetry}
        retrying={retrying}
        empty={shown === 0}
        emptyTitle={failed ? "Nothing is broken in the regions that answered" : "Nothing is broken"}
        emptyDescription={`No function shows rising errors, throttles, timeouts, slowdowns, out-of-memory kills or a growing iterator age over ${rangePhrase}${data ? ` (${data.checked} functions checked)` : ""}.`}
      >
        {() => (
          <div className="-mt-3 divide-y divide-border">
            {data?.entries.map((e, i) => (
              <TriageEntryView
                key={e.id}
                entry={e}
                rank={i + 1}
                linkQuery={linkQuery}
                showAccount={showAccount}
              />
            ))}
          </div>
        )}
      </PanelBody>
    </Panel>
  );
}
