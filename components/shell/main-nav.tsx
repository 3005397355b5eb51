"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { globalQuery } from "@/lib/search-params";
import { cn } from "@/lib/utils";

export const NAV_ITEMS = [
  { href: "/overview", label: "Overview" },
  { href: "/triage", label: "Triage" },
  { href: "/functions", label: "Functions" },
  { href: "/security", label: "Security" },
  { href: "/costs", label: "Costs" },
] as const;

/** The console's sections. Links keep the range, scope and auto-refresh, so switching pages keeps the view. */
export function MainNav({ className }: { className?: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = globalQuery(params);
  return (
    <nav aria-label="Main" className={cn("min-w-0", className)}>
      <ul className="flex items-center gap-1 overflow-x-auto">
        {NAV_ITEMS.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={`${item.href}${query}`}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium whitespace-nowrap text-muted-foreground hover:bg-accent hover:text-foreground",
                  active && "bg-accent text-foreground",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
