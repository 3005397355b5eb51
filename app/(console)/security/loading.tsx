import { PanelPlaceholder } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function SecurityLoading() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Security</h1>
        <Skeleton className="h-4 w-72" />
      </div>
      <Skeleton className="h-9 w-44" />
      <PanelPlaceholder title="Execution roles" />
    </div>
  );
}
