import { describe, expect, it } from "vitest";
import { downsample, sparkline } from "./sparkline";

const T = Date.UTC(2026, 10, 22, 12, 0);
const M = 60_000;

describe("sparkline", () => {
  it("breaks the path at gaps and marks lone points", () => {
    const g = sparkline(
      [
        [T, 0],
        [T + M, 10],
        [T + 2 * M, null],
        [T + 3 * M, 5],
        [T + 4 * M, null],
      ],
      100,
      20,
      0,
    );
    expect(g.hasData).toBe(true);
    expect(g.d).toBe("M0 20L25 0M75 10h0");
    expect(g.last).toEqual({ t: T + 3 * M, value: 5 });
    expect(g.max).toBe(10);
  });

  it("has no path without data", () => {
    const g = sparkline(
      [
        [T, null],
        [T + M, null],
      ],
      100,
      20,
    );
    expect(g).toMatchObject({ d: "", hasData: false, last: null });
  });
});

describe("downsample", () => {
  it("averages known values per bucket and keeps all-gap buckets as gaps", () => {
    const series: Array<[number, number | null]> = [
      [T, 2],
      [T + M, null],
      [T + 2 * M, null],
      [T + 3 * M, null],
      [T + 4 * M, 4],
      [T + 5 * M, 6],
    ];
    expect(downsample(series, 3)).toEqual([
      [T, 2],
      [T + 2 * M, null],
      [T + 4 * M, 5],
    ]);
    expect(downsample(series, 10)).toBe(series);
  });
});
