import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import { formatExact, formatUsd } from "@/lib/format";
import type { SectionView } from "@/lib/queries/section";
import type { FunctionCostDetail } from "@/lib/schemas/costs";
import { SavingsList } from "./savings-list";

interface FunctionCostPanelProps {
  section: SectionView<FunctionCostDetail>;
  pending: boolean;
  /** The request's own failure (no response at all). */
  requestError?: string;
  onRetry: () => void;
  retrying: boolean;
  linkQuery: string;
}

/** A function's projected monthly cost, its split, what cold starts cost, and its savings. */
export function FunctionCostPanel({
  section,
  pending,
  requestError,
  onRetry,
  retrying,
  linkQuery,
}: FunctionCostPanelProps) {
  const d = section.data;
  return (
    <Panel
      id="cost"
      title="Cost and right-sizing"
      description="Projected to a month from the selected range, at AWS list prices"
      actions={<AsOf asOf={section.asOf} stale={section.stale} partial={section.partial} />}
    >
      <PanelBody
        pending={pending}
        error={d ? undefined : (section.error?.message ?? requestError)}
        errorCode={section.error?.code}
        errorTitle="Couldn't estimate the cost"
        onRetry={onRetry}
        retrying={retrying}
        warning={d && section.error ? section.error.message : undefined}
      >
        {() =>
          d ? (
            <>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm">
                <dt className="text-muted-foreground">Per month</dt>
                <dd className="text-right text-lg font-semibold tabular-nums">
                  {formatUsd(d.cost.monthly.total)}
                </dd>
                <dt className="text-muted-foreground">Requests</dt>
                <dd className="text-right tabular-nums">{formatUsd(d.cost.monthly.requests)}</dd>
                <dt className="text-muted-foreground">Compute</dt>
                <dd className="text-right tabular-nums">{formatUsd(d.cost.monthly.compute)}</dd>
                <dt className="text-muted-foreground">Provisioned concurrency</dt>
                <dd className="text-right tabular-nums">{formatUsd(d.cost.monthly.provisioned)}</dd>
                <dt className="text-muted-foreground">Storage (ephemeral, logs)</dt>
                <dd className="text-right tabular-nums">
                  {formatUsd(d.cost.monthly.ephemeral + d.cost.monthly.logStorage)}
                </dd>
                <dt className="text-muted-foreground">Cold starts (billed INIT)</dt>
                <dd className="text-right tabular-nums">
                  {d.cost.initBilled ? formatUsd(d.cost.coldStartMonthly) : "not billed"}
                  {d.cost.coldStarts !== null ? (
                    <span className="block text-xs text-muted-foreground">
                      {formatExact(d.cost.coldStarts)} cold starts in the range
                    </span>
                  ) : null}
                </dd>
              </dl>
              {d.savings.length ? (
                <SavingsList items={d.savings} linkQuery={linkQuery} showFunction={false} />
              ) : (
                <p className="text-xs text-muted-foreground">No saving found for this function.</p>
              )}
              <details className="text-xs">
                <summary className="cursor-pointer rounded-sm font-medium">How this is estimated</summary>
                <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-4 text-muted-foreground">
                  {d.cost.assumptions.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                  <li>
                    Prices as of {d.prices.asOf}: {d.prices.source[0]}
                  </li>
                </ul>
              </details>
            </>
          ) : null
        }
      </PanelBody>
    </Panel>
  );
}
