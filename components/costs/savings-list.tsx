import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatUsd } from "@/lib/format";
import type { SavingView } from "@/lib/schemas/costs";
import { functionHref } from "@/lib/search-params";

const KIND_LABELS: Record<SavingView["kind"], string> = {
  arm64: "Architecture",
  "right-size-memory": "Memory",
  "release-provisioned-concurrency": "Provisioned concurrency",
  "log-retention": "Log retention",
};

/** Savings with their monthly amount, what to do, and the assumption behind the amount. */
export function SavingsList({
  items,
  linkQuery,
  showFunction = true,
}: {
  items: readonly SavingView[];
  linkQuery: string;
  showFunction?: boolean;
}) {
  return (
    <ul className="flex flex-col divide-y divide-border">
      {items.map((s) => (
        <li key={s.id} className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0 break-inside-avoid">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
            <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium">
              <Badge variant="outline">{KIND_LABELS[s.kind]}</Badge>
              {s.title}
              {showFunction ? (
                <>
                  <span className="text-muted-foreground">·</span>
                  <Link href={functionHref(s, linkQuery)} className="rounded-sm text-primary hover:underline">
                    {s.name}
                  </Link>
                  <span className="text-xs font-normal text-muted-foreground">
                    {s.team} · {s.region}
                  </span>
                </>
              ) : null}
            </p>
            <p className="text-sm font-semibold tabular-nums text-ok">
              {formatUsd(s.monthlyAmount)}
              <span className="font-normal text-muted-foreground"> a month</span>
            </p>
          </div>
          <p className="text-xs text-foreground">{s.detail}</p>
          <p className="text-xs text-muted-foreground">
            <span className="font-medium">Assumes:</span> {s.assumption}
            {s.links.map((href) => (
              <a
                key={href}
                href={href}
                target="_blank"
                rel="noreferrer"
                className="ml-1.5 rounded-sm text-primary underline underline-offset-2 print:hidden"
              >
                {href.includes("power-tuning") ? "Confirm with Power Tuning" : "AWS documentation"}
              </a>
            ))}
          </p>
        </li>
      ))}
    </ul>
  );
}
