import { describe, expect, it } from "vitest";
import { estimateFunctionCost } from "./estimate";
import { compareCostSummaries, summarizeCosts, teamOf, UNTAGGED } from "./aggregate";
import { makeFacts, makeUsage } from "./test-fixtures";

const base = estimateFunctionCost(makeFacts(), makeUsage());
const cost = (monthlyProjection: number) => ({ ...base, monthlyProjection });

describe("summarizeCosts", () => {
  const items = [
    { facts: makeFacts({ name: "a", tags: { owner: "payments" } }), cost: cost(10) },
    { facts: makeFacts({ name: "b", tags: { owner: "payments" }, runtime: "python3.13" }), cost: cost(5) },
    { facts: makeFacts({ name: "c", tags: {}, architecture: "x86_64" }), cost: cost(7) },
    {
      facts: makeFacts({ name: "d", tags: { owner: " " }, runtime: undefined, packageType: "Image" }),
      cost: cost(1),
    },
  ];

  it("groups monthly projections by team tag, runtime and architecture", () => {
    const summary = summarizeCosts(items, { teamTagKey: "owner" });
    expect(summary.total).toBe(23);
    expect(summary.byTeam).toEqual([
      { key: "payments", monthly: 15, functions: 2 },
      { key: UNTAGGED, monthly: 8, functions: 2 },
    ]);
    expect(summary.byRuntime).toEqual([
      { key: "nodejs24.x", monthly: 17, functions: 2 },
      { key: "python3.13", monthly: 5, functions: 1 },
      { key: "container image", monthly: 1, functions: 1 },
    ]);
    expect(summary.byArchitecture).toEqual([
      { key: "arm64", monthly: 16, functions: 3 },
      { key: "x86_64", monthly: 7, functions: 1 },
    ]);
  });

  it("uses the `team` tag by default", () => {
    expect(teamOf(makeFacts({ tags: { team: "search" } }), "team")).toBe("search");
    expect(summarizeCosts(items).byTeam).toEqual([{ key: UNTAGGED, monthly: 23, functions: 4 }]);
  });
});

describe("compareCostSummaries", () => {
  it("reports the change per group, new and gone groups against $0", () => {
    const previous = summarizeCosts([
      { facts: makeFacts({ tags: { team: "payments" } }), cost: cost(20) },
      { facts: makeFacts({ tags: { team: "legacy" } }), cost: cost(4) },
    ]);
    const current = summarizeCosts([
      { facts: makeFacts({ tags: { team: "payments" } }), cost: cost(25) },
      { facts: makeFacts({ tags: { team: "search" } }), cost: cost(3) },
    ]);
    const change = compareCostSummaries(current, previous);
    expect(change.total).toEqual({
      key: "total",
      current: 28,
      previous: 24,
      delta: 4,
      percent: (4 / 24) * 100,
    });
    expect(change.byTeam).toEqual([
      { key: "payments", current: 25, previous: 20, delta: 5, percent: 25 },
      { key: "legacy", current: 0, previous: 4, delta: -4, percent: -100 },
      { key: "search", current: 3, previous: 0, delta: 3, percent: null },
    ]);
  });
});
