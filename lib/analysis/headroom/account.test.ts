import { describe, expect, it } from "vitest";
import type { AccountFacts } from "@/lib/analysis/function-facts";
import { accountHeadroomFindings, concurrencyLedger } from "./account";

const GIB = 1024 ** 3;
const peakWindow = { start: "2026-11-15T00:00:00Z", end: "2026-11-22T00:00:00Z" };

function account(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    account: "111111111111",
    region: "eu-west-1",
    concurrencyLimit: 1000,
    unreservedConcurrencyLimit: 800,
    reservedTotal: 200,
    provisionedTotal: 50,
    codeStorageUsedBytes: 10 * GIB,
    codeStorageLimitBytes: 300 * GIB,
    functionCount: 120,
    peakConcurrency: 300,
    peakWindow,
    ...overrides,
  };
}

const kinds = (a: AccountFacts) =>
  accountHeadroomFindings(a)
    .filter((f) => f.kind !== "function-count")
    .map((f) => [f.kind, f.severity]);

describe("accountHeadroomFindings", () => {
  it("reports only the function count for a healthy account", () => {
    const findings = accountHeadroomFindings(account());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: "function-count:111111111111/eu-west-1",
      kind: "function-count",
      severity: "info",
      metric: { value: 120, limit: null, percent: null, window: peakWindow },
    });
  });

  it.each<[string, Partial<AccountFacts>, Array<[string, string]>]>([
    ["peak at 79 %", { peakConcurrency: 790 }, []],
    ["peak at 80 %", { peakConcurrency: 800 }, [["account-concurrency", "warning"]]],
    ["peak at 95 %", { peakConcurrency: 950 }, [["account-concurrency", "critical"]]],
    ["peak unknown", { peakConcurrency: undefined }, []],
    // Reservable = 1,000 − 100 = 900.
    [
      "720 of 900 reservable reserved",
      { reservedTotal: 720, unreservedConcurrencyLimit: 280 },
      [["concurrency-ledger", "warning"]],
    ],
    [
      "900 reserved: unreserved pool at its floor",
      { reservedTotal: 900, unreservedConcurrencyLimit: 100 },
      [["concurrency-ledger", "critical"]],
    ],
    ["code storage at 85 %", { codeStorageUsedBytes: 255 * GIB }, [["code-storage", "warning"]]],
    [
      "code storage at 96 % of the old 75 GB",
      { codeStorageUsedBytes: 72 * GIB, codeStorageLimitBytes: 75 * GIB },
      [["code-storage", "critical"]],
    ],
  ])("%s", (_label, overrides, expected) => {
    expect(kinds(account(overrides))).toEqual(expected);
  });

  it("gives the figures of the concurrency ledger", () => {
    expect(concurrencyLedger(account())).toEqual({
      limit: 1000,
      reserved: 200,
      unreserved: 800,
      reservable: 900,
      reservableLeft: 700,
      provisioned: 50,
    });
    const [ledger] = accountHeadroomFindings(
      account({ reservedTotal: 855, unreservedConcurrencyLimit: 145 }),
    );
    expect(ledger?.metric).toEqual({
      value: 855,
      limit: 900,
      percent: 95,
      unit: "executions",
      window: peakWindow,
    });
  });
});
