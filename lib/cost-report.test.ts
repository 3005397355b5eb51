import { describe, expect, it } from "vitest";
import type { CostBreakdown, CostGroup, CostsResponse } from "@/lib/schemas/costs";
import { costMixRows, costReportCsv } from "./cost-report";

const b = (requests: number, compute: number, provisioned = 0, logStorage = 0): CostBreakdown => ({
  requests,
  compute,
  init: compute / 10,
  provisioned,
  ephemeral: 0,
  logStorage,
  total: requests + compute + provisioned + logStorage,
});
const group = (key: string, monthly: CostBreakdown, change: CostGroup["change"] = null): CostGroup => ({
  key,
  functions: 1,
  window: monthly,
  monthly,
  change,
});

describe("costMixRows", () => {
  it("keeps requests, compute and provisioned apart, largest group first", () => {
    const rows = costMixRows([group("a", b(1, 2)), group("b", b(1, 10, 5, 0.5))]);
    expect(rows.map((r) => r.key)).toEqual(["b", "a"]);
    expect(rows[0]).toEqual({ key: "b", requests: 1, compute: 10, provisioned: 5, other: 0.5, total: 16.5 });
  });

  it("merges the groups past the limit into one bar that keeps the total", () => {
    const groups = Array.from({ length: 6 }, (_, i) => group(`g${i}`, b(i, i)));
    const rows = costMixRows(groups, 3);
    expect(rows.map((r) => r.key)).toEqual(["g5", "g4", "4 more"]);
    const total = (rs: { total: number }[]) => rs.reduce((n, r) => n + r.total, 0);
    expect(total(rows)).toBeCloseTo(total(groups.map((g) => g.monthly)), 10);
    expect(rows[2]?.compute).toBe(0 + 1 + 2 + 3);
  });
});

describe("costReportCsv", () => {
  const report = {
    range: { start: "2026-11-21T00:00:00.000Z", end: "2026-11-22T00:00:00.000Z", periodSeconds: 60 },
    groupBy: "team",
    team: null,
    totals: { functions: 2, invocations: 10, window: b(1, 2), monthly: b(30, 60), change: null },
    groups: [group("untagged", b(30, 60), { previous: 100, delta: -10, ratio: -0.1 })],
    topFunctions: [],
    coldStarts: { monthly: 0, functionsWithColdStarts: 0, functions: [] },
    savings: {
      monthly: 4,
      count: 1,
      items: [
        {
          id: "arm64:a/us-east-1/=cmd",
          kind: "arm64",
          account: "a",
          region: "us-east-1",
          name: "=cmd",
          team: "untagged",
          monthlyAmount: 4,
          title: "Move to arm64",
          detail: "",
          assumption: 'Same duration, "measured"',
          links: [],
        },
      ],
    },
    prices: { asOf: "2026-11-22" },
  } as unknown as CostsResponse;

  it("writes one row per shown figure, with its section, and neutralises formulas", () => {
    const lines = costReportCsv(report).split("\r\n");
    expect(lines[0]?.startsWith("section,name,team,account,region,functions,range_usd,monthly_usd")).toBe(
      true,
    );
    expect(lines).toHaveLength(5); // header, total, one group, one saving, trailing ""
    expect(lines[1]).toContain("total,all functions,,,,2,3,90");
    expect(lines[2]).toContain("by team,untagged");
    expect(lines[2]).toContain(",-10,-0.1,");
    expect(lines[3]).toContain("saving,'=cmd,untagged,a,us-east-1");
    expect(lines[3]).toContain('"Move to arm64. Assumes: Same duration, ""measured"""');
  });
});
