import { Panel } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** The triage page while its list loads: the real heading and three entry-shaped skeletons. */
export default function TriageLoading() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Triage</h1>
        <Skeleton className="h-4 w-80" />
      </div>
      <Panel title="Needs attention">
        <div role="status" aria-label="Loading" className="flex flex-col divide-y divide-border">
          {[0, 1, 2].map((i) => (
            <div key={i} className="grid grid-cols-1 gap-3 py-4 md:grid-cols-[minmax(0,1fr)_11rem]">
              <div className="flex flex-col gap-2">
                <Skeleton className="h-5 w-64" />
                <Skeleton className="h-4 w-40" />
                <div className="flex gap-1.5">
                  <Skeleton className="h-5 w-28" />
                  <Skeleton className="h-5 w-24" />
                </div>
                <Skeleton className="h-4 w-3/4" />
              </div>
              <Skeleton className="h-9 w-full" />
            </div>
          ))}
        </div>
      </Panel>
    </div>
  );
}
