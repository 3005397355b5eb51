import { describe, expect, it } from "vitest";
import { estimateFunctionCost } from "./estimate";
import {
  arm64Saving,
  idleProvisionedSaving,
  logRetentionSaving,
  rightSizeSaving,
  savingsFor,
} from "./savings";
import { makeFacts, makeUsage } from "./test-fixtures";

const today = new Date("2026-11-22T00:00:00Z");
const DAY = 86_400_000;

describe("arm64Saving", () => {
  it("prices the x86 → arm64 difference on the function's GB-s", () => {
    const facts = makeFacts({ architecture: "x86_64", memoryMB: 1024, runtime: "nodejs22.x" });
    const usage = makeUsage({ invocations: 10_000_000, durationAvgMs: 1000 }); // 10M GB-s a month
    const saving = arm64Saving(facts, estimateFunctionCost(facts, usage));
    expect(saving?.monthlyAmount).toBeCloseTo(10_000_000 * (0.0000166667 - 0.0000133334), 6);
    expect(saving?.assumption).toMatch(/Same duration/);
    expect(saving?.id).toBe("arm64:111111111111/us-east-1/orders-api");
  });

  it.each([
    ["already arm64", makeFacts({ architecture: "arm64" })],
    ["runtime without arm64 (go1.x)", makeFacts({ architecture: "x86_64", runtime: "go1.x" })],
    [
      "container image (runtime unknown)",
      makeFacts({ architecture: "x86_64", runtime: undefined, packageType: "Image" }),
    ],
  ])("none when %s", (_label, facts) => {
    expect(arm64Saving(facts, estimateFunctionCost(facts, makeUsage()))).toBeUndefined();
  });
});

describe("rightSizeSaving", () => {
  const facts = makeFacts({ memoryMB: 2048 });
  it("suggests the smallest standard size ≥ 1.3 × max memory used", () => {
    const usage = makeUsage({ maxMemoryUsedMB: 300 }); // 390 MB → 512 MB
    const cost = estimateFunctionCost(facts, usage);
    const saving = rightSizeSaving(facts, usage, cost);
    expect(saving?.suggested?.memoryMB).toBe(512);
    expect(saving?.monthlyAmount).toBeCloseTo(cost.compute * 0.75, 10);
    expect(saving?.assumption).toMatch(/Power Tuning/);
  });

  it.each([
    ["memory use close to the size", 1600], // 2080 MB → 3008 ≥ 2048
    ["memory use unknown", undefined],
  ])("none when %s", (_label, maxMemoryUsedMB) => {
    const usage = makeUsage({ maxMemoryUsedMB });
    expect(rightSizeSaving(facts, usage, estimateFunctionCost(facts, usage))).toBeUndefined();
  });
});

describe("idleProvisionedSaving", () => {
  const facts = makeFacts({
    architecture: "x86_64",
    memoryMB: 1024,
    provisionedConcurrency: { allocated: 10 },
  });
  it("releases what the peak never used, keeping the peak at 70 %", () => {
    const usage = makeUsage({ provisionedUtilizationMax: 0.3 }); // peak 3 → keep 5
    const saving = idleProvisionedSaving(facts, usage, estimateFunctionCost(facts, usage));
    expect(saving?.suggested?.provisionedConcurrency).toBe(5);
    expect(saving?.monthlyAmount).toBeCloseTo(5 * 1 * 30 * 86_400 * 0.0000041667, 6);
  });

  it("releases everything when provisioned concurrency was never used", () => {
    const usage = makeUsage({ provisionedUtilizationMax: 0 });
    const saving = idleProvisionedSaving(facts, usage, estimateFunctionCost(facts, usage));
    expect(saving?.suggested?.provisionedConcurrency).toBe(0);
  });

  it.each([
    ["utilization at 60 % or more", 0.6],
    ["utilization unknown", undefined],
  ])("none when %s", (_label, provisionedUtilizationMax) => {
    const usage = makeUsage({ provisionedUtilizationMax });
    expect(idleProvisionedSaving(facts, usage, estimateFunctionCost(facts, usage))).toBeUndefined();
  });
});

describe("logRetentionSaving", () => {
  const group = (over: object) =>
    makeFacts({
      logGroup: { name: "/aws/lambda/x", retentionDays: null, storedBytes: 100 * 1024 ** 3, ...over },
    });

  it("prices what 30-day retention would delete at $0.03/GB-month", () => {
    const created = new Date(today.getTime() - 300 * DAY).toISOString();
    const saving = logRetentionSaving(group({ creationTime: created }), today);
    // 100 GB × $0.03 × (1 − 30/300)
    expect(saving?.monthlyAmount).toBeCloseTo(2.7, 10);
    expect(saving?.suggested?.retentionDays).toBe(30);
  });

  it.each([
    ["retention already set", { retentionDays: 14, creationTime: "2020-01-01T00:00:00Z" }],
    ["group younger than 30 days", { creationTime: new Date(today.getTime() - 20 * DAY).toISOString() }],
    ["creation time unknown", {}],
    ["stored bytes unknown", { storedBytes: undefined, creationTime: "2020-01-01T00:00:00Z" }],
  ])("none when %s", (_label, over) => {
    expect(logRetentionSaving(group(over), today)).toBeUndefined();
  });
});

describe("savingsFor", () => {
  it("finds nothing for a healthy function", () => {
    const facts = makeFacts();
    const usage = makeUsage();
    expect(savingsFor(facts, usage, estimateFunctionCost(facts, usage), { today })).toEqual([]);
  });

  it("lists every saving, largest first", () => {
    const facts = makeFacts({
      architecture: "x86_64",
      memoryMB: 4096,
      logGroup: {
        name: "/aws/lambda/x",
        retentionDays: null,
        storedBytes: 10 * 1024 ** 3,
        creationTime: "2024-01-01T00:00:00Z",
      },
    });
    const usage = makeUsage({ invocations: 5_000_000, durationAvgMs: 500, maxMemoryUsedMB: 500 });
    const savings = savingsFor(facts, usage, estimateFunctionCost(facts, usage), { today });
    expect(savings.map((s) => s.kind)).toEqual(["right-size-memory", "arm64", "log-retention"]);
  });
});
