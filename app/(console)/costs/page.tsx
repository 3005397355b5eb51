import type { Metadata } from "next";
import { Panel } from "@/components/ui/card";
import { NotAvailableYet } from "@/components/ui/panel-body";

export const metadata: Metadata = { title: "Costs" };

// TODO(costs): build on GET /api/v1/costs once it is defined: spend per team and function, savings.
export default function CostsPage() {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Costs</h1>
        <p className="text-sm text-muted-foreground">
          Lambda spend per team and function, and what would save money.
        </p>
      </div>
      <Panel title="Spend by team">
        <NotAvailableYet what="Cost reporting" />
      </Panel>
    </div>
  );
}
