import { PanelPlaceholder } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function OverviewLoading() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Overview</h1>
        <Skeleton className="h-4 w-64" />
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        {["Invocations", "Errors", "Throttles", "Cold-start rate", "Findings"].map((t) => (
          <PanelPlaceholder key={t} title={t} variant="stat" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <PanelPlaceholder title="Loading region…" variant="chart" />
        <PanelPlaceholder title="Loading region…" variant="chart" />
      </div>
    </div>
  );
}
