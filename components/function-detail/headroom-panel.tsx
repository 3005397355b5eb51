import { Panel } from "@/components/ui/card";
import { Gauge } from "@/components/ui/gauge";
import type { HeadroomGauge, HeadroomUnit } from "@/lib/charts/headroom";
import { formatBytes, formatExact, formatMB, formatMs } from "@/lib/format";

const FORMAT: Record<HeadroomUnit, (n: number | null) => string> = {
  ms: formatMs,
  MB: formatMB,
  bytes: formatBytes,
  count: formatExact,
};

/** Every limit the function can run into, as "value of limit" gauges. */
export function HeadroomPanel({ gauges, actions }: { gauges: HeadroomGauge[]; actions?: React.ReactNode }) {
  return (
    <Panel
      id="headroom"
      title="Headroom"
      description="How close the function runs to each limit over the range (warning at 80 %, critical at 95 %)"
      actions={actions}
    >
      <div className="grid grid-cols-1 gap-x-6 gap-y-5 sm:grid-cols-2 xl:grid-cols-4">
        {gauges.map((g) => (
          <Gauge
            key={g.id}
            label={g.label}
            value={g.value}
            limit={g.limit}
            format={FORMAT[g.unit]}
            valueLabel={g.valueLabel}
            limitLabel={g.limitLabel}
            markers={g.markers}
            level={g.level}
            note={g.note}
          />
        ))}
      </div>
    </Panel>
  );
}
