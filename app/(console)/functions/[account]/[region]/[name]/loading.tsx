import { PanelPlaceholder } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function FunctionDetailLoading() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-3.5 w-56" />
        <Skeleton className="h-7 w-80" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        {["Invocations", "Error rate", "Throttles", "Duration p99", "Peak concurrency"].map((t) => (
          <PanelPlaceholder key={t} title={t} variant="stat" />
        ))}
      </div>
      <PanelPlaceholder title="Headroom" />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        {["Invocations, errors and throttles", "Duration", "Concurrency", "Cold starts"].map((t) => (
          <PanelPlaceholder key={t} title={t} variant="chart" />
        ))}
      </div>
    </div>
  );
}
