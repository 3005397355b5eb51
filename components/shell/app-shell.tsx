import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { MainNav } from "./main-nav";
import { RangePicker } from "./range-picker";
import { RefreshControl } from "./refresh-control";
import { ScopePicker } from "./scope-picker";
import type { ThemePreference } from "./theme";
import { ThemeToggle } from "./theme-toggle";

function Logo() {
  return (
    <Link href="/overview" className="inline-flex items-center gap-2 rounded-md font-semibold tracking-tight">
      <svg viewBox="0 0 24 24" aria-hidden="true" className="size-6 text-primary">
        <rect x="2" y="2" width="20" height="20" rx="5" fill="currentColor" />
        <path
          d="M6 17V9M10 17V6M14 17v-5M18 17v-8"
          stroke="var(--primary-foreground)"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
      Headroom
    </Link>
  );
}

/**
 * The console's frame: brand, sections, and the view controls every page shares (scope, time
 * range, auto-refresh). The controls read the URL; Suspense keeps them from holding up the page.
 */
export function AppShell({ theme, children }: { theme: ThemePreference; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex w-full max-w-[1600px] flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2">
          <Logo />
          <Suspense fallback={<div className="h-8 flex-1" />}>
            <MainNav className="order-last w-full md:order-none md:w-auto md:flex-1" />
          </Suspense>
          <div className="ml-auto md:ml-0">
            <ThemeToggle initial={theme} />
          </div>
        </div>
        <div className="border-t border-border">
          <Suspense fallback={<div className="h-[52px]" />}>
            <div className="mx-auto flex w-full max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
              <ScopePicker />
              <RangePicker />
              <div className="md:ml-auto">
                <RefreshControl />
              </div>
            </div>
          </Suspense>
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto flex w-full max-w-[1600px] flex-1 flex-col gap-4 px-4 py-4 focus:outline-none"
      >
        {children}
      </main>
    </div>
  );
}
