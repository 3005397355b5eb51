import { describe, expect, it } from "vitest";
import { estimateFunctionCost, monthFactorFor, monthlyColdStartCost } from "./estimate";
import { DEFAULT_PRICE_BOOK } from "./prices";
import { makeFacts, makeUsage } from "./test-fixtures";

const cents = (n: number) => Number(n.toFixed(2));

/** A usage window of exactly 30 days, like AWS's monthly examples. */
const month = { windowStart: "2026-06-01T00:00:00Z", windowEnd: "2026-07-01T00:00:00Z" };

/** AWS's worked examples, "AWS Lambda Pricing" (PRICE), reference sheet §5, us-east-1. */
describe("estimateFunctionCost against AWS's worked examples", () => {
  it("mobile backend: 3M requests, 120 ms, 1,536 MB, x86, free tier → $2.73", () => {
    const cost = estimateFunctionCost(
      makeFacts({ architecture: "x86_64", memoryMB: 1536 }),
      makeUsage({ ...month, invocations: 3_000_000, durationAvgMs: 120 }),
      { freeTier: true },
    );
    expect(cost.quantities.onDemandGbS).toBeCloseTo(540_000, 6);
    expect(cost.quantities.billableOnDemandGbS).toBeCloseTo(140_000, 6);
    expect(cents(cost.compute)).toBe(2.33);
    expect(cents(cost.requests)).toBe(0.4);
    expect(cents(cost.total)).toBe(2.73);
    expect(cents(cost.monthlyProjection)).toBe(2.73);
  });

  it("telemetry enrichment: 7.44M requests, 2 s, 1,024 MB, x86, no free tier → $249.49", () => {
    const cost = estimateFunctionCost(
      makeFacts({ architecture: "x86_64", memoryMB: 1024 }),
      makeUsage({ ...month, invocations: 7_440_000, durationAvgMs: 2000 }),
    );
    expect(cost.quantities.onDemandGbS).toBeCloseTo(14_880_000, 4);
    expect(cents(cost.compute)).toBe(248.0);
    expect(cents(cost.requests)).toBe(1.49);
    expect(cents(cost.total)).toBe(249.49);
  });

  it("ML on support tickets: 6M requests, 280 ms, 4,096 MB, 2,048 MB ephemeral → $106.41", () => {
    const cost = estimateFunctionCost(
      makeFacts({ architecture: "x86_64", memoryMB: 4096, ephemeralStorageMB: 2048 }),
      makeUsage({ ...month, invocations: 6_000_000, durationAvgMs: 280 }),
      { freeTier: true },
    );
    expect(cost.quantities.billableOnDemandGbS).toBeCloseTo(6_320_000, 4);
    expect(cost.quantities.ephemeralGbS).toBeCloseTo(2_520_000, 4);
    expect(cents(cost.compute)).toBe(105.33);
    expect(cents(cost.requests)).toBe(1.0);
    expect(cents(cost.ephemeral)).toBe(0.08);
    expect(cents(cost.total)).toBe(106.41);
  });

  it("provisioned concurrency, app launch: 100 × 1,536 MB for 8 h, 500k on PC, 2.5M on demand → $19.96", () => {
    const cost = estimateFunctionCost(
      makeFacts({ architecture: "x86_64", memoryMB: 1536, provisionedConcurrency: { allocated: 100 } }),
      makeUsage({
        ...month,
        invocations: 3_000_000,
        // 500k at 100 ms on provisioned concurrency, 2.5M at 120 ms on demand.
        durationAvgMs: (500_000 * 100 + 2_500_000 * 120) / 3_000_000,
        provisionedInvocations: 500_000,
        provisionedDurationAvgMs: 100,
        provisionedEnabledSeconds: 8 * 3600,
      }),
      { freeTier: true },
    );
    expect(cost.quantities.provisionedGbS).toBeCloseTo(4_320_000, 6);
    expect(cost.quantities.provisionedDurationGbS).toBeCloseTo(75_000, 6);
    expect(cost.quantities.billableOnDemandGbS).toBeCloseTo(50_000, 4);
    expect(cents(cost.quantities.provisionedGbS * 0.0000041667)).toBe(18.0);
    expect(cents(cost.provisioned)).toBe(18.73); // $18 + $0.73
    expect(cents(cost.compute)).toBe(0.83);
    expect(cents(cost.requests)).toBe(0.4);
    expect(cents(cost.total)).toBe(19.96);
  });

  it("provisioned concurrency, Cyber Monday: 7 × 4,096 MB for 24 h, 2M at 280 ms → $32.26 (no free tier on PC)", () => {
    const cost = estimateFunctionCost(
      makeFacts({ architecture: "x86_64", memoryMB: 4096, provisionedConcurrency: { allocated: 7 } }),
      makeUsage({
        ...month,
        invocations: 2_000_000,
        durationAvgMs: 280,
        spilloverInvocations: 0,
        provisionedEnabledSeconds: 24 * 3600,
      }),
      { freeTier: true },
    );
    expect(cost.quantities.provisionedGbS).toBeCloseTo(2_419_200, 6);
    expect(cost.quantities.provisionedDurationGbS).toBeCloseTo(2_240_000, 4);
    expect(cents(cost.quantities.provisionedGbS * 0.0000041667)).toBe(10.08);
    expect(cents(cost.quantities.provisionedDurationGbS * 0.0000097222)).toBe(21.78);
    expect(cents(cost.requests)).toBe(0.4);
    expect(cost.compute).toBe(0);
    expect(cents(cost.total)).toBe(32.26);
  });
});

describe("estimateFunctionCost", () => {
  it("bills cold starts' INIT after 2025-08-01 and reports it as initCost", () => {
    const facts = makeFacts({ architecture: "x86_64", memoryMB: 1024, runtime: "python3.13" });
    const usage = makeUsage({ ...month, invocations: 1_000_000, durationAvgMs: 100 });
    const warm = estimateFunctionCost(facts, usage);
    const cold = estimateFunctionCost(facts, { ...usage, coldStarts: 10_000, initDurationAvgMs: 800 });
    // 10,000 × 0.8 s × 1 GB = 8,000 GB-s at $0.0000166667
    expect(cold.quantities.initGbS).toBeCloseTo(8000, 6);
    expect(cold.initCost).toBeCloseTo(8000 * 0.0000166667, 10);
    expect(cold.compute - warm.compute).toBeCloseTo(cold.initCost, 10);
    expect(monthlyColdStartCost(cold)).toBeCloseTo(0.13, 2);
    expect(warm.initCost).toBe(0);
    expect(warm.assumptions.join(" ")).toMatch(/Cold starts unknown/);
  });

  it.each([
    ["managed runtime before 2025-08-01", { runtime: "nodejs20.x" }, "2025-07-01T00:00:00Z", false],
    ["managed runtime after 2025-08-01", { runtime: "nodejs20.x" }, "2025-09-01T00:00:00Z", true],
    ["OS-only runtime before 2025-08-01", { runtime: "provided.al2" }, "2025-07-01T00:00:00Z", true],
    [
      "container image before 2025-08-01",
      { runtime: undefined, packageType: "Image" as const },
      "2025-07-01T00:00:00Z",
      true,
    ],
    ["SnapStart", { runtime: "java21", snapStart: true }, "2026-07-01T00:00:00Z", false],
  ])("INIT billed for %s: %s", (_label, factsOverride, windowEnd, billed) => {
    const start = new Date(Date.parse(windowEnd) - 30 * 86_400_000).toISOString();
    const cost = estimateFunctionCost(
      makeFacts(factsOverride),
      makeUsage({ windowStart: start, windowEnd, coldStarts: 100, initDurationAvgMs: 500 }),
    );
    expect(cost.initCost > 0).toBe(billed);
  });

  it("prefers the billed duration from REPORT lines over invocations × average", () => {
    const cost = estimateFunctionCost(
      makeFacts({ architecture: "x86_64", memoryMB: 2048 }),
      makeUsage({ ...month, invocations: 1000, durationAvgMs: 100, billedDurationMsSum: 500_000 }),
    );
    expect(cost.quantities.onDemandGbS).toBeCloseTo(1000, 6); // 500 s × 2 GB
  });

  it("projects a 7-day window to 30 days, free tier included", () => {
    const facts = makeFacts({ architecture: "x86_64", memoryMB: 1536 });
    const week = makeUsage({
      windowStart: "2026-06-01T00:00:00Z",
      windowEnd: "2026-06-08T00:00:00Z",
      invocations: 700_000,
      durationAvgMs: 120,
    });
    expect(monthFactorFor(week)).toBeCloseTo(30 / 7, 12);
    const weekly = estimateFunctionCost(facts, week, { freeTier: true });
    const monthly = estimateFunctionCost(
      facts,
      makeUsage({ ...month, invocations: 3_000_000, durationAvgMs: 120 }),
      { freeTier: true },
    );
    expect(weekly.monthlyProjection).toBeCloseTo(monthly.total, 8);
  });

  it("uses a Region's configured prices", () => {
    const base = makeFacts({ architecture: "x86_64", memoryMB: 1024, region: "ap-northeast-2" });
    const usage = makeUsage({ ...month, invocations: 1_000_000, durationAvgMs: 1000 });
    const defaultCost = estimateFunctionCost(base, usage);
    const book = {
      default: DEFAULT_PRICE_BOOK.default,
      regions: { "ap-northeast-2": { requestsPerMillion: 0.4 } },
    };
    const regional = estimateFunctionCost(base, usage, { prices: book });
    expect(regional.requests).toBeCloseTo(defaultCost.requests * 2, 10);
    expect(regional.compute).toBeCloseTo(defaultCost.compute, 10);
    expect(regional.assumptions[0]).toMatch(/from configuration/);
  });

  it("is zero for an idle function without provisioned concurrency", () => {
    const cost = estimateFunctionCost(makeFacts(), makeUsage({ invocations: 0, durationAvgMs: 0 }));
    expect(cost.total).toBe(0);
  });
});
