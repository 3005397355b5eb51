import type { Metadata } from "next";
import { Panel } from "@/components/ui/card";
import { NotAvailableYet } from "@/components/ui/panel-body";

export const metadata: Metadata = { title: "Security" };

// TODO(findings): build on GET /api/v1/findings once it is defined: IAM findings and configuration risks.
export default function SecurityPage() {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Security</h1>
        <p className="text-sm text-muted-foreground">
          IAM findings and risky configuration across functions.
        </p>
      </div>
      <Panel title="Findings">
        <NotAvailableYet what="Security findings" />
      </Panel>
    </div>
  );
}
