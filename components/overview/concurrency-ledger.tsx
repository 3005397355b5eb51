import { Gauge } from "@/components/ui/gauge";
import { ledgerView } from "@/lib/charts/overview";
import { formatCount, formatExact, formatUtcDateTime } from "@/lib/format";
import type { ConcurrencyLedger as Ledger } from "@/lib/schemas/accounts";

const count = (n: number | null) => formatExact(n);

/**
 * A region's concurrency ledger: the limit split into reserved concurrency and the unreserved
 * pool (with the 100 AWS keeps unreserved marked), the range's peak on the same scale, and gauges
 * for the three ways a region runs out: peak against the limit, unreserved peak against the pool,
 * and reservations against what may still be reserved.
 */
export function ConcurrencyLedger({ ledger, regionLabel }: { ledger: Ledger; regionLabel: string }) {
  const v = ledgerView(ledger);
  const reservable = Math.max(0, ledger.limit - ledger.unreservedMinimum);
  return (
    <div className="flex flex-col gap-3">
      <figure className="flex flex-col gap-1.5">
        <div
          className="relative h-5 w-full overflow-hidden rounded-md border border-border bg-muted"
          role="img"
          aria-label={`Concurrency limit ${count(ledger.limit)} in ${regionLabel}: ${count(ledger.reserved)} reserved, ${count(ledger.unreservedPool)} unreserved (AWS keeps at least ${ledger.unreservedMinimum}); peak ${ledger.peak === null ? "unknown" : count(ledger.peak)}.`}
        >
          <div
            className="absolute inset-y-0 left-0 bg-[repeating-linear-gradient(135deg,var(--chart-5)_0_4px,transparent_4px_7px)] opacity-70"
            style={{ width: `${v.reservedPct}%` }}
          />
          <div
            className="absolute inset-y-0 right-0 bg-chart-1/25"
            style={{ width: `${v.unreservedPct}%` }}
          />
          <span
            className="absolute inset-y-0 w-0.5 bg-critical"
            style={{ left: `calc(${v.minimumPct}% - 1px)` }}
            title={`Reservations can grow to ${count(reservable)}: AWS keeps ${ledger.unreservedMinimum} unreserved`}
          />
          {v.peakPct !== null ? (
            <span
              className="absolute -inset-y-px w-1 rounded-sm bg-foreground"
              style={{ left: `calc(${Math.min(100, v.peakPct)}% - 2px)` }}
              title={`Peak ${count(ledger.peak)}`}
            />
          ) : null}
        </div>
        <figcaption className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
          <span className="inline-flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block size-2.5 rounded-sm bg-[repeating-linear-gradient(135deg,var(--chart-5)_0_2px,transparent_2px_4px)]"
            />
            Reserved <b className="font-medium text-foreground tabular-nums">{count(ledger.reserved)}</b>
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-chart-1/40" />
            Unreserved{" "}
            <b className="font-medium text-foreground tabular-nums">{count(ledger.unreservedPool)}</b>
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-2.5 w-0.5 bg-critical" />
            Minimum unreserved{" "}
            <b className="font-medium text-foreground tabular-nums">{ledger.unreservedMinimum}</b>
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-2.5 w-1 rounded-sm bg-foreground" />
            Peak{" "}
            <b className="font-medium text-foreground tabular-nums">
              {ledger.peak === null ? "no data" : count(ledger.peak)}
            </b>
          </span>
          <span>
            Limit <b className="font-medium text-foreground tabular-nums">{count(ledger.limit)}</b>
          </span>
          <span
            title={
              ledger.provisionedAt === null
                ? "No ClaimedAccountConcurrency datapoint in the range to read provisioned concurrency from"
                : `Provisioned concurrency of functions without a reservation, from ClaimedAccountConcurrency at ${formatUtcDateTime(ledger.provisionedAt)}`
            }
          >
            Provisioned outside reservations{" "}
            <b className="font-medium text-foreground tabular-nums">
              {ledger.provisioned === null ? "unknown" : count(ledger.provisioned)}
            </b>
          </span>
        </figcaption>
      </figure>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Gauge
          label="Peak concurrency"
          value={ledger.peak}
          limit={ledger.limit}
          format={formatCount}
          valueLabel="peak"
          limitLabel="limit"
          level={v.peakLevel}
        />
        <Gauge
          label="Unreserved peak"
          value={ledger.peakUnreserved}
          limit={ledger.unreservedPool}
          format={formatCount}
          valueLabel="peak"
          limitLabel="pool"
          level={v.peakUnreservedLevel}
        />
        <Gauge
          label="Reservations"
          value={ledger.reserved}
          limit={reservable}
          format={formatCount}
          valueLabel="reserved"
          limitLabel="reservable"
          level={v.poolLevel}
          note={`${count(v.reservableLeft)} more can be reserved`}
        />
      </div>
    </div>
  );
}
