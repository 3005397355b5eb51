import { Card, PanelPlaceholder, PanelSkeleton } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function CostsLoading() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Costs</h1>
        <Skeleton className="h-4 w-72" />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <Skeleton className="h-9 w-44" />
        <Skeleton className="ml-auto h-9 w-28" />
        <Skeleton className="h-9 w-20" />
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Card key={i} className="p-4">
            <PanelSkeleton variant="stat" />
          </Card>
        ))}
      </div>
      <PanelPlaceholder title="Cost by team" variant="chart" />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <PanelPlaceholder title="Top functions" />
        <PanelPlaceholder title="Savings" />
      </div>
      <PanelPlaceholder title="What cold starts cost" />
    </div>
  );
}
