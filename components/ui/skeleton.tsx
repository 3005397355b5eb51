import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils";

/** A placeholder block while data loads; hidden from assistive technology (the container says "loading"). */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
