import { describe, expect, it } from "vitest";
import { estimateFunctionCost } from "./estimate";
import { US_EAST_1_PRICES } from "./prices";
import { makeFacts, makeUsage } from "./test-fixtures";
import { applyAccountTiers, applyTiers } from "./tiers";

const x86 = US_EAST_1_PRICES.architectures.x86_64.durationTiers;
const arm = US_EAST_1_PRICES.architectures.arm64.durationTiers;

describe("applyTiers (BLOG-TIER: x86 6B/15B GB-s, arm64 7.5B/18.75B GB-s)", () => {
  it.each([
    ["x86, inside tier 1", x86, 1e6, 1e6 * 0.0000166667],
    ["x86, at the first boundary", x86, 6e9, 6e9 * 0.0000166667],
    ["x86, into tier 2", x86, 10e9, 6e9 * 0.0000166667 + 4e9 * 0.000015],
    ["x86, into tier 3", x86, 20e9, 6e9 * 0.0000166667 + 9e9 * 0.000015 + 5e9 * 0.0000133334],
    ["arm64, at 7.5B", arm, 7.5e9, 7.5e9 * 0.0000133334],
    ["arm64, into tier 3", arm, 20e9, 7.5e9 * 0.0000133334 + 11.25e9 * 0.0000120001 + 1.25e9 * 0.0000106667],
    ["nothing", x86, 0, 0],
  ])("%s", (_label, tiers, gbS, expected) => {
    expect(applyTiers(gbS, tiers)).toBeCloseTo(expected, 4);
  });
});

describe("applyAccountTiers", () => {
  // 10 GB × 1 s × 500M invocations = 5B GB-s a month each.
  const big = (name: string, overrides = {}) => {
    const facts = makeFacts({ name, architecture: "x86_64", memoryMB: 10240, ...overrides });
    const usage = makeUsage({ invocations: 500_000_000, durationAvgMs: 1000 });
    return { facts, cost: estimateFunctionCost(facts, usage) };
  };

  it("tiers the account's total per Region and architecture and shares the discount by GB-s", () => {
    const a = big("a");
    const b = big("b");
    const otherRegion = big("c", { region: "eu-west-1" });
    const { items, groups } = applyAccountTiers([a, b, otherRegion]);
    const useast = groups.find((g) => g.region === "us-east-1");
    // 10B GB-s: 6B at tier 1, 4B at tier 2.
    expect(useast?.monthlyGbS).toBeCloseTo(10e9, 0);
    expect(useast?.tieredCost).toBeCloseTo(6e9 * 0.0000166667 + 4e9 * 0.000015, 2);
    const factor = useast?.factor ?? 1;
    expect(factor).toBeLessThan(1);
    expect(items[0]?.cost.compute).toBeCloseTo(a.cost.compute * factor, 6);
    expect(items[1]?.cost.compute).toBeCloseTo(b.cost.compute * factor, 6);
    expect(items[0]?.cost.total).toBeCloseTo(a.cost.total - a.cost.compute * (1 - factor), 6);
    // eu-west-1 alone (5B GB-s) stays in tier 1.
    expect(items[2]?.cost).toBe(otherRegion.cost);
  });

  it("leaves small accounts untouched", () => {
    const small = { facts: makeFacts(), cost: estimateFunctionCost(makeFacts(), makeUsage()) };
    const { items, groups } = applyAccountTiers([small]);
    expect(groups[0]?.factor).toBe(1);
    expect(items[0]).toBe(small);
  });
});
