import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_BOOK } from "@/lib/analysis/cost/prices";
import { makeFacts, makeUsage } from "@/lib/analysis/cost/test-fixtures";
import { addBreakdowns, logStorageMonthly, priceRegion } from "./price-region";

/** Pricing one region from its facts: the breakdown, the team bucket, log storage and savings wiring. */

const opts = { prices: DEFAULT_PRICE_BOOK, teamTagKey: "team", today: new Date("2026-07-01T00:00:00Z") };

describe("priceRegion", () => {
  it("splits a 30-day window as AWS bills it, plus log storage, and leaves unknown usage out", () => {
    const fn = makeFacts({ architecture: "x86_64", runtime: "python3.12", memoryMB: 512 });
    const unknown = makeFacts({ name: "no-metrics", tags: {} });
    const { priced, unpriced } = priceRegion(
      [fn, unknown],
      new Map([[fn.name, makeUsage({ invocations: 3_000_000, durationAvgMs: 120 })]]),
      opts,
    );
    expect(unpriced.map((f) => f.name)).toEqual(["no-metrics"]);
    const [p] = priced;
    if (!p) throw new Error("not priced");
    // 3M requests × $0.20/M; 3M × 0.12 s × 0.5 GB = 180,000 GB-s × $0.0000166667 (AWS pricing page).
    expect(p.window.requests).toBeCloseTo(0.6, 10);
    expect(p.window.compute).toBeCloseTo(180_000 * 0.0000166667, 8);
    // 1 GiB stored at $0.03 per GB-month; the window is a month (factor 1).
    expect(p.monthly.logStorage).toBeCloseTo(0.03, 10);
    expect(p.window.total).toBeCloseTo(0.6 + 180_000 * 0.0000166667 + 0.03, 8);
    expect(p.monthly.total).toBeCloseTo(p.window.total, 10);
    expect(p.team).toBe("payments");
    expect(p.savings.map((s) => s.kind)).toContain("arm64");
  });

  it("puts functions without the tag in the untagged bucket and prices never-expiring logs", () => {
    const fn = makeFacts({
      tags: { owner: "x" },
      logGroup: {
        name: "/aws/lambda/orders-api",
        retentionDays: null,
        storedBytes: 40 * 1024 ** 3,
        creationTime: "2025-07-01T00:00:00Z",
      },
    });
    const { priced } = priceRegion([fn], new Map([[fn.name, makeUsage()]]), opts);
    expect(priced[0]?.team).toBe("untagged");
    const retention = priced[0]?.savings.find((s) => s.kind === "log-retention");
    // 40 GB for 365 days; 30-day retention keeps 30/365 of it: 40 × $0.03 × (1 − 30/365).
    expect(retention?.monthlyAmount).toBeCloseTo(40 * 0.03 * (1 - 30 / 365), 6);
  });

  it("knows no log storage cost when the stored size is unknown", () => {
    const fn = makeFacts({ logGroup: { name: "/aws/lambda/x", retentionDays: 30 } });
    expect(logStorageMonthly(fn)).toBeNull();
    expect(addBreakdowns([]).total).toBe(0);
  });
});
