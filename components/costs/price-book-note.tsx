import type { CostsResponse } from "@/lib/schemas/costs";

/** Where the prices come from, their date, and every assumption behind the figures. */
export function PriceBookNote({
  prices,
  assumptions,
}: {
  prices: CostsResponse["prices"];
  assumptions: readonly string[];
}) {
  return (
    <div className="flex flex-col gap-2 text-xs">
      <p>
        Prices in {prices.currency}, as of <time dateTime={prices.asOf}>{prices.asOf}</time>
        {prices.configuredRegions.length ? `; ${prices.configuredRegions.join(", ")} from configuration` : ""}
        . INIT (cold start) time billed since {prices.initBillingStart}.
      </p>
      <ul className="flex list-disc flex-col gap-0.5 pl-4 text-muted-foreground">
        {prices.source.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <details className="group">
        <summary className="cursor-pointer rounded-sm font-medium text-foreground">Assumptions</summary>
        <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-4 text-muted-foreground">
          {assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
