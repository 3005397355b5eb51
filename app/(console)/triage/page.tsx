import type { Metadata } from "next";
import { Panel } from "@/components/ui/card";
import { NotAvailableYet } from "@/components/ui/panel-body";

export const metadata: Metadata = { title: "Triage" };

// TODO(triage): build on GET /api/v1/triage once it is defined: what is broken right now, since when, what changed.
export default function TriagePage() {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Triage</h1>
        <p className="text-sm text-muted-foreground">
          What is broken right now, since when, and what changed.
        </p>
      </div>
      <Panel title="Needs attention">
        <NotAvailableYet
          what="Triage"
          description="The triage list is still being built. Until then, the Functions table sorted by error rate or throttles shows where to look."
        />
      </Panel>
    </div>
  );
}
