"use client";

import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import { FindingCountsView } from "@/components/ui/severity-chip";
import type { SectionView } from "@/lib/queries/section";
import type { FindingCategory, FunctionFindings } from "@/lib/schemas/findings";
import { FindingItem } from "./finding-item";

interface FunctionFindingsPanelProps {
  title: string;
  description: string;
  /** Which findings of the section this panel shows. */
  categories: readonly FindingCategory[];
  section: SectionView<FunctionFindings>;
  pending: boolean;
  /** The detail request's own failure, when there is no section at all. */
  requestError?: string;
  onRetry: () => void;
  retrying: boolean;
  linkQuery: string;
  className?: string;
}

/** Part of a function's findings (from the detail response's `findings` section), worst first. */
export function FunctionFindingsPanel({
  title,
  description,
  categories,
  section,
  pending,
  requestError,
  onRetry,
  retrying,
  linkQuery,
  className,
}: FunctionFindingsPanelProps) {
  const findings = (section.data?.findings ?? []).filter((f) => categories.includes(f.category));
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return (
    <Panel
      title={title}
      description={description}
      className={className}
      actions={<AsOf asOf={section.asOf} stale={section.stale} partial={section.partial} />}
    >
      <PanelBody
        pending={pending}
        error={section.data ? undefined : (section.error?.message ?? requestError)}
        errorCode={section.error?.code}
        errorTitle="Couldn't analyze this function"
        onRetry={onRetry}
        retrying={retrying}
        warning={section.data && section.error ? section.error.message : undefined}
        empty={findings.length === 0}
        emptyTitle="Nothing found"
        emptyDescription="No rule flagged this function for the selected range."
      >
        {() => (
          <div className="flex flex-col gap-1">
            <FindingCountsView counts={counts} />
            <ul className="flex flex-col">
              {findings.map((f) => (
                <FindingItem
                  key={f.id}
                  finding={f}
                  query={linkQuery}
                  showFunctions={f.functions.length > 1}
                />
              ))}
            </ul>
          </div>
        )}
      </PanelBody>
    </Panel>
  );
}
