import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { FindingCountsView } from "@/components/ui/severity-chip";
import type { FindingCounts } from "@/lib/schemas/common";
import type { Finding, RoleSummary } from "@/lib/schemas/findings";
import { functionHref } from "@/lib/search-params";
import { FindingItem } from "./finding-item";

interface RoleGroupProps {
  role: RoleSummary;
  findings: Finding[];
  counts: FindingCounts;
  query: string;
}

/** An execution role: the functions that share it (the blast radius), its read status, and its findings. */
export function RoleGroup({ role, findings, counts, query }: RoleGroupProps) {
  const headingId = `role-${role.account}-${role.name}`;
  return (
    <Card>
      <section aria-labelledby={headingId} className="flex flex-col gap-2 px-4 py-3">
        <header className="flex flex-wrap items-center justify-between gap-2">
          <div className="min-w-0">
            <h3 id={headingId} className="text-sm font-semibold">
              Role {role.name}
            </h3>
            <p className="truncate text-xs text-muted-foreground" title={role.arn}>
              {role.arn}
            </p>
          </div>
          <FindingCountsView counts={counts} />
        </header>
        <div className="text-xs">
          <span className="text-muted-foreground">
            {role.functions.length === 1
              ? "1 function uses it: "
              : `${role.functions.length} functions share it: `}
          </span>
          <ul className="inline">
            {role.functions.map((fn, i) => (
              <li key={`${fn.region}/${fn.name}`} className="inline">
                {i > 0 ? ", " : ""}
                <Link
                  className="underline-offset-2 hover:underline focus-visible:underline"
                  href={functionHref(fn, query)}
                >
                  {fn.name}
                </Link>
                <span className="text-muted-foreground"> ({fn.region})</span>
              </li>
            ))}
          </ul>
        </div>
        {role.status === "error" && role.error ? (
          <ErrorState
            title="Couldn't read this role's policies"
            message={role.error.message}
            code={role.error.code}
          />
        ) : null}
        {findings.length > 0 ? (
          <ul className="flex flex-col">
            {findings.map((f) => (
              <FindingItem
                key={f.id}
                finding={f}
                query={query}
                showFunctions={f.category === "resource-policy"}
              />
            ))}
          </ul>
        ) : role.status === "ok" ? (
          <p className="text-xs text-muted-foreground">No findings at this severity.</p>
        ) : null}
      </section>
    </Card>
  );
}
