import { Skeleton } from "@/components/ui/skeleton";

export default function FunctionsLoading() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Functions</h1>
        <Skeleton className="h-4 w-56" />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <Skeleton className="h-9 w-72" />
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-9 w-40" />
        <Skeleton className="ml-auto h-9 w-28" />
      </div>
      <div
        role="status"
        aria-label="Loading functions"
        className="flex flex-col gap-0 overflow-hidden rounded-lg border border-border bg-card"
      >
        <div className="h-9 border-b border-border bg-card" />
        {Array.from({ length: 14 }, (_, i) => (
          <div key={i} className="flex h-9 items-center gap-4 border-b border-border px-3 last:border-b-0">
            <Skeleton className="h-3.5 w-56" />
            <Skeleton className="h-3.5 w-20" />
            <Skeleton className="h-3.5 w-20" />
            <Skeleton className="hidden h-3.5 w-24 md:block" />
            <Skeleton className="ml-auto hidden h-3.5 w-16 md:block" />
            <Skeleton className="hidden h-3.5 w-16 md:block" />
          </div>
        ))}
      </div>
    </div>
  );
}
