import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alignDown,
  basePeriodSeconds,
  choosePeriodSeconds,
  MAX_POINTS,
  summaryPeriodSeconds,
} from "./metric-period";

const NOW = Date.UTC(2026, 10, 22, 12, 0);
const H = 3_600_000;
const D = 24 * H;

describe("basePeriodSeconds (CloudWatch retention tiers)", () => {
  it.each([
    [1 * H, 60],
    [14.9 * D, 60],
    [15 * D, 300],
    [62.9 * D, 300],
    [63 * D, 3600],
    [400 * D, 3600],
  ])("start %d ms ago needs a multiple of %d s", (age, base) => {
    expect(basePeriodSeconds(NOW - age, NOW)).toBe(base);
  });
});

describe("choosePeriodSeconds", () => {
  it.each([
    ["1h", 1 * H, 60],
    ["3h", 3 * H, 60],
    ["12h", 12 * H, 60],
    ["24h", 24 * H, 60],
    ["3d", 3 * D, 300],
    ["7d", 7 * D, 600],
    ["30d", 30 * D, 1800],
  ])("preset %s gets %d s", (_name, span, expected) => {
    expect(choosePeriodSeconds(NOW - span, NOW, NOW)).toBe(expected);
  });

  it("uses hour multiples for a window that starts over 63 days ago, even a short one", () => {
    expect(choosePeriodSeconds(NOW - 100 * D, NOW - 100 * D + 2 * H, NOW)).toBe(3600);
  });

  it("uses 5-minute multiples for a short window 20 days ago", () => {
    expect(choosePeriodSeconds(NOW - 20 * D, NOW - 20 * D + H, NOW)).toBe(300);
  });

  it("always obeys the tier and stays within the point budget", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 455 * 24 * 60 }),
        fc.integer({ min: 1, max: 455 * 24 * 60 }),
        (ageMin, spanMin) => {
          const start = NOW - ageMin * 60_000;
          const end = start + spanMin * 60_000;
          const p = choosePeriodSeconds(start, end, NOW);
          expect(p % basePeriodSeconds(start, NOW)).toBe(0);
          expect(p % 60).toBe(0);
          expect(Math.ceil((end - start) / 1000 / p)).toBeLessThanOrEqual(MAX_POINTS);
        },
      ),
    );
  });
});

describe("summaryPeriodSeconds", () => {
  it("covers the whole range with one period of the tier", () => {
    expect(summaryPeriodSeconds(NOW - 24 * H, NOW, NOW)).toBe(86_400);
    expect(summaryPeriodSeconds(NOW - 30 * D, NOW, NOW)).toBe(30 * 86_400);
    const p = summaryPeriodSeconds(NOW - 70 * D - 90_000, NOW, NOW);
    expect(p % 3600).toBe(0);
    expect(p * 1000).toBeGreaterThanOrEqual(70 * D + 90_000);
  });
});

describe("alignDown", () => {
  it("rounds to the period grid", () => {
    expect(alignDown(Date.UTC(2026, 0, 1, 10, 7, 30), 300)).toBe(Date.UTC(2026, 0, 1, 10, 5));
  });
});
