import Link from "next/link";
import { SeverityChip } from "@/components/ui/severity-chip";
import { formatExact } from "@/lib/format";
import type { Finding } from "@/lib/schemas/findings";
import { functionHref } from "@/lib/search-params";
import { StatementView } from "./statement-view";

interface FindingItemProps {
  finding: Finding;
  /** Global query parameters to keep on links (`?range=…`). */
  query: string;
  /** List the functions touched (off where the context already names them). */
  showFunctions?: boolean;
}

function metricText(f: Finding): string | undefined {
  const m = f.metric;
  if (!m) return undefined;
  const limit = m.limit === null ? "" : ` of ${formatExact(m.limit)} ${m.unit}`;
  const percent = m.percent === null ? "" : ` (${formatExact(Math.round(m.percent * 10) / 10)} %)`;
  return `${formatExact(m.value)}${m.limit === null ? ` ${m.unit}` : ""}${limit}${percent}`;
}

/** One finding: severity in words, what is wrong, what to do, its figure and its evidence. */
export function FindingItem({ finding: f, query, showFunctions = true }: FindingItemProps) {
  const figure = metricText(f);
  const ev = f.evidence;
  return (
    <li className="flex flex-col gap-2 border-b border-border py-3 last:border-b-0">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityChip level={f.severity} />
        <h4 className="text-sm font-medium">{f.title}</h4>
        <span className="text-xs text-muted-foreground">{f.kind}</span>
      </div>
      <p className="text-sm">{f.detail}</p>
      <p className="text-sm text-muted-foreground">
        <span className="font-medium text-foreground">What to do: </span>
        {f.recommendation}
      </p>
      {figure ? (
        <p className="text-xs text-muted-foreground">
          {figure}, measured {f.metric?.window.start.slice(0, 16).replace("T", " ")} –{" "}
          {f.metric?.window.end.slice(0, 16).replace("T", " ")} UTC
        </p>
      ) : null}
      {f.since ? <p className="text-xs text-muted-foreground">Since {f.since}</p> : null}
      {showFunctions && f.functions.length > 0 ? (
        <p className="text-xs">
          <span className="text-muted-foreground">
            {f.functions.length === 1 ? "Function: " : `${f.functions.length} functions: `}
          </span>
          {f.functions.map((fn, i) => (
            <span key={`${fn.account}/${fn.region}/${fn.name}`}>
              {i > 0 ? ", " : ""}
              <Link
                className="underline-offset-2 hover:underline focus-visible:underline"
                href={functionHref(fn, query)}
              >
                {fn.name}
              </Link>
              <span className="text-muted-foreground"> ({fn.region})</span>
            </span>
          ))}
        </p>
      ) : null}
      {ev?.source === "statement" ? (
        <div className="flex flex-col gap-1">
          <p className="text-xs text-muted-foreground">
            {ev.policyName}
            {ev.policyKind === "resource-based" ? "" : ` (${ev.policyKind})`}, statement{" "}
            {ev.sid ? `"${ev.sid}"` : `#${ev.statementIndex + 1}`}
            {ev.expandedActionCount !== undefined
              ? ` · grants ${formatExact(ev.expandedActionCount)} actions` +
                (ev.writeActions !== undefined ? `, ${formatExact(ev.writeActions)} write` : "") +
                (ev.permissionsManagementActions !== undefined
                  ? `, ${formatExact(ev.permissionsManagementActions)} permissions management`
                  : "")
              : ""}
          </p>
          {ev.statementJson ? (
            // Critical statements open; the rest one click away, so a long list stays scannable.
            <details open={f.severity === "critical"} className="group">
              <summary className="w-fit cursor-pointer rounded-sm text-xs font-medium text-primary hover:underline focus-visible:outline-2 focus-visible:outline-ring">
                <span className="group-open:hidden">Show the statement</span>
                <span className="hidden group-open:inline">Hide the statement</span>
              </summary>
              <div className="mt-1">
                <StatementView json={ev.statementJson} spans={ev.wildcardSpans ?? []} />
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
      {ev?.source === "function-url" ? (
        <p className="text-xs text-muted-foreground">
          Function URL: AuthType {ev.authType}
          {ev.allowOrigins ? `, CORS AllowOrigins ${ev.allowOrigins.join(", ") || "(none)"}` : ""}
        </p>
      ) : null}
    </li>
  );
}
