"use client";

import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import { Stat } from "@/components/ui/stat";
import { formatExact, formatMB, formatMs, formatPercent } from "@/lib/format";
import { readSection } from "@/lib/queries/section";
import type { ColdStartsResponse, FunctionConfig } from "@/lib/schemas/functions";

interface ColdStartPanelProps {
  data: ColdStartsResponse | undefined;
  config: FunctionConfig | undefined;
  pending: boolean;
  error?: string;
  onRetry: () => void;
  retrying: boolean;
}

/** Cold starts in numbers: how often, how long init takes (p50 to max), what it costs, and what mitigates it. */
export function ColdStartPanel({ data, config, pending, error, onRetry, retrying }: ColdStartPanelProps) {
  const summary = readSection(data?.summary);
  const s = summary.data;
  const initShare =
    s && s.initDurationMsSum !== null && s.billedDurationMsSum !== null && s.billedDurationMsSum > 0
      ? s.initDurationMsSum / s.billedDurationMsSum
      : null;
  const provisioned = config?.provisionedConcurrency?.reduce((n, p) => n + p.allocated, 0) ?? null;
  return (
    <Panel
      id="cold-start-breakdown"
      title="Cold-start breakdown"
      description="From the REPORT lines of the function's logs over the range"
      actions={<AsOf asOf={summary.asOf} stale={summary.stale} partial={summary.partial} />}
    >
      <PanelBody
        pending={pending}
        skeleton="stat"
        error={error ?? (s ? undefined : summary.error?.message)}
        errorCode={error ? undefined : summary.error?.code}
        errorTitle="Couldn't read the cold starts"
        onRetry={onRetry}
        retrying={retrying}
        warning={s && summary.error ? summary.error.message : undefined}
        empty={s !== undefined && s.invocations === 0}
        emptyTitle="No invocations in the logs for this range"
      >
        {() =>
          s ? (
            <div className="flex flex-col gap-4">
              <div className="grid grid-cols-2 gap-4 sm:grid-cols-3">
                <Stat
                  label="Cold starts"
                  value={formatExact(s.coldStarts)}
                  hint={`of ${formatExact(s.invocations)} invocations`}
                />
                <Stat label="Cold-start rate" value={formatPercent(s.coldStartRate)} />
                <Stat
                  label="Init share of billed time"
                  value={formatPercent(initShare)}
                  hint="init is billed since Aug 2025"
                />
              </div>
              <div>
                <h3 className="mb-1.5 text-xs font-semibold text-muted-foreground">Init duration</h3>
                <dl className="grid grid-cols-4 gap-2 text-sm">
                  {(
                    [
                      ["p50", s.initP50Ms],
                      ["p95", s.initP95Ms],
                      ["p99", s.initP99Ms],
                      ["max", s.initMaxMs],
                    ] as const
                  ).map(([k, v]) => (
                    <div key={k} className="rounded-md border border-border px-2 py-1.5">
                      <dt className="text-xs text-muted-foreground">{k}</dt>
                      <dd className="font-medium tabular-nums">{formatMs(v)}</dd>
                    </div>
                  ))}
                </dl>
              </div>
              <ul className="flex flex-col gap-1 text-xs text-muted-foreground">
                <li>
                  Memory: max used{" "}
                  <b className="font-medium text-foreground">{formatMB(s.maxMemoryUsedMB)}</b> (p99{" "}
                  {formatMB(s.maxMemoryUsedP99MB)}) of {formatMB(s.memorySizeMB ?? config?.memoryMB ?? null)}
                </li>
                <li>
                  Timeouts in the logs:{" "}
                  <b className="font-medium text-foreground">{formatExact(s.timeouts)}</b>
                </li>
                {config ? (
                  <li>
                    SnapStart {config.snapStart ? "on" : "off"} · provisioned concurrency{" "}
                    {provisioned === null ? "unknown" : provisioned === 0 ? "none" : formatExact(provisioned)}
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null
        }
      </PanelBody>
    </Panel>
  );
}
