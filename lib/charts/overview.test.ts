import { describe, expect, it } from "vitest";
import type { ConcurrencyLedger } from "@/lib/schemas/accounts";
import type { FunctionRow } from "@/lib/schemas/functions";
import { ledgerView, statsByScope, sumKnown, weightedColdStartRate } from "./overview";

function fnRow(over: Partial<FunctionRow>): FunctionRow {
  return {
    id: "a/us-east-1/x",
    account: "a",
    region: "us-east-1",
    name: "x",
    team: null,
    runtime: null,
    architecture: "x86_64",
    memoryMB: 128,
    timeoutS: 3,
    invocations: null,
    errors: null,
    errorRate: null,
    throttles: null,
    p99DurationMs: null,
    coldStartRate: null,
    monthlyCost: null,
    findings: { critical: 0, warning: 0, info: 0 },
    worstSeverity: "none",
    ...over,
  };
}

describe("overview preparers", () => {
  it("sums known values only, null when none is known", () => {
    expect(sumKnown([1, null, 2])).toBe(3);
    expect(sumKnown([null, undefined])).toBeNull();
    expect(sumKnown([0])).toBe(0);
  });

  it("weights cold-start rates by invocations and skips unknowns", () => {
    const rate = weightedColdStartRate([
      fnRow({ invocations: 900, coldStartRate: 0.01 }),
      fnRow({ invocations: 100, coldStartRate: 0.5 }),
      fnRow({ invocations: null, coldStartRate: 0.9 }),
      fnRow({ invocations: 50, coldStartRate: null }),
    ]);
    expect(rate).toBeCloseTo((9 + 50) / 1000, 10);
    expect(weightedColdStartRate([fnRow({ invocations: 0, coldStartRate: 0 })])).toBeNull();
  });

  it("groups function figures by account and region", () => {
    const stats = statsByScope([
      fnRow({ findings: { critical: 1, warning: 2, info: 0 }, worstSeverity: "critical" }),
      fnRow({ findings: { critical: 0, warning: 1, info: 3 }, worstSeverity: "warning" }),
      fnRow({ region: "eu-west-1" }),
    ]);
    expect(stats.get("a/us-east-1")).toMatchObject({
      functions: 2,
      findings: { critical: 1, warning: 3, info: 3 },
      withFindings: 2,
    });
    expect(stats.get("a/eu-west-1")).toMatchObject({ functions: 1, withFindings: 0, coldStartRate: null });
  });

  it("lays out the concurrency ledger", () => {
    const ledger: ConcurrencyLedger = {
      limit: 1000,
      reserved: 850,
      unreservedPool: 150,
      unreservedMinimum: 100,
      provisioned: 20,
      provisionedAt: null,
      peak: 960,
      peakUnreserved: 120,
    };
    const v = ledgerView(ledger);
    expect(v.reservedPct).toBe(85);
    expect(v.unreservedPct).toBe(15);
    expect(v.minimumPct).toBe(90);
    expect(v.reservableLeft).toBe(50);
    expect(v.peakLevel).toBe("critical");
    expect(v.poolLevel).toBe("warning");
    expect(v.peakUnreservedPct).toBe(80);
    expect(ledgerView({ ...ledger, peak: null }).peakLevel).toBe("unknown");
  });
});
