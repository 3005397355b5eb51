import { describe, expect, it } from "vitest";
import {
  hasData,
  limitLines,
  maxOf,
  mergeSeries,
  periodLabel,
  ratioSeries,
  timeTickFormatter,
  timeTicks,
} from "./time-series";

const T = Date.UTC(2026, 10, 22, 12, 0);
const M = 60_000;

describe("mergeSeries", () => {
  it("aligns series on time and keeps null as null", () => {
    const rows = mergeSeries({
      invocations: [
        [T, 10],
        [T + M, null],
        [T + 2 * M, 0],
      ],
      errors: [
        [T + M, 1],
        [T + 2 * M, null],
      ],
    });
    expect(rows).toEqual([
      { t: T, invocations: 10, errors: null },
      { t: T + M, invocations: null, errors: 1 },
      { t: T + 2 * M, invocations: 0, errors: null },
    ]);
  });

  it("converts units without turning gaps into numbers", () => {
    const rows = mergeSeries(
      {
        seconds: [
          [T, 1.5],
          [T + M, null],
        ],
      },
      { seconds: 1000 },
    );
    expect(rows.map((r) => r.seconds)).toEqual([1500, null]);
  });

  it("sorts rows by time whatever the input order", () => {
    const rows = mergeSeries({
      a: [
        [T + M, 2],
        [T, 1],
      ],
    });
    expect(rows.map((r) => r.t)).toEqual([T, T + M]);
  });
});

describe("ratioSeries", () => {
  it("gives percent, and null for no data or nothing to divide by", () => {
    const r = ratioSeries(
      [
        [T, 5],
        [T + M, 0],
        [T + 2 * M, null],
        [T + 3 * M, 3],
      ],
      [
        [T, 200],
        [T + M, 0],
        [T + 2 * M, 100],
        [T + 3 * M, null],
      ],
    );
    expect(r).toEqual([
      [T, 2.5],
      [T + M, null],
      [T + 2 * M, null],
      [T + 3 * M, null],
    ]);
  });
});

describe("limits and extents", () => {
  const rows = mergeSeries({
    p99: [
      [T, 120],
      [T + M, null],
    ],
    max: [
      [T, 300],
      [T + M, null],
    ],
  });

  it("finds the maximum over keys, null when all are gaps", () => {
    expect(maxOf(rows, ["p99", "max"])).toBe(300);
    expect(maxOf(mergeSeries({ a: [[T, null]] }), ["a"])).toBeNull();
    expect(hasData(mergeSeries({ a: [[T, null]] }), ["a"])).toBe(false);
    expect(hasData(rows, ["p99"])).toBe(true);
  });

  it("draws a limit near the data and captions one far above it", () => {
    const lines = limitLines(300, [
      { label: "timeout", value: 900_000 },
      { label: "soft", value: 1000 },
      { label: "unknown", value: null },
    ]);
    expect(lines).toEqual([
      { label: "timeout", value: 900_000, drawn: false },
      { label: "soft", value: 1000, drawn: true },
    ]);
    expect(limitLines(null, [{ label: "x", value: 1 }])[0]?.drawn).toBe(false);
    expect(limitLines(0, [{ label: "x", value: 10 }])[0]?.drawn).toBe(true);
  });
});

describe("time axis", () => {
  it("picks round UTC steps for the range", () => {
    const hour = timeTicks(T, T + 60 * M);
    expect(hour.stepMs).toBe(10 * M);
    expect(hour.ticks[0]).toBe(T);
    const day = timeTicks(T - 24 * 60 * M, T);
    expect(day.stepMs).toBe(6 * 60 * M);
    const month = timeTicks(T - 30 * 24 * 60 * M, T);
    expect(month.stepMs).toBe(7 * 24 * 60 * M);
    expect(month.ticks.length).toBeLessThanOrEqual(6);
  });

  it("labels times for short ranges and dates for long ones", () => {
    expect(timeTickFormatter(10 * M, 60 * M)(T + 30 * M)).toBe("12:30");
    expect(timeTickFormatter(86_400_000, 30 * 86_400_000)(T)).toBe("Nov 22");
    const threeDays = timeTickFormatter(12 * 60 * M, 3 * 86_400_000);
    expect(threeDays(Date.UTC(2026, 10, 21))).toBe("Nov 21");
    expect(threeDays(Date.UTC(2026, 10, 21, 12))).toBe("12:00");
  });

  it("names the period of a datapoint", () => {
    expect(periodLabel(60)).toBe("per minute");
    expect(periodLabel(300)).toBe("per 5 min");
    expect(periodLabel(1800)).toBe("per 30 min");
    expect(periodLabel(3600)).toBe("per hour");
  });
});
