import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DurationSample } from "../model/duration";
import { mergedDurationPercentile, percentileRank } from "./statistics";

/** Every duration of the samples, ascending: what CloudWatch would rank. */
function union(samples: DurationSample[]): number[] {
  const all: number[] = [];
  for (const s of samples) for (let r = 0; r < s.n; r++) all.push(s.at(r));
  return all.sort((a, b) => a - b);
}

const sampleArb = fc
  .record({
    n: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 400 })),
    median: fc.double({ min: 5, max: 3000, noNaN: true }),
    sigma: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
    v: fc.double({ min: 0, max: 0.999, noNaN: true }),
    timeoutMs: fc.constantFrom(100, 1000, 3000, 900_000),
  })
  .map((s) => new DurationSample(s.n, s.median, s.sigma, s.v, s.timeoutMs));

describe("mergedDurationPercentile", () => {
  it("is the nearest-rank percentile of all the minutes' durations together, near the ends and in the middle", () => {
    fc.assert(
      fc.property(
        fc.array(sampleArb, { minLength: 1, maxLength: 80 }),
        fc.constantFrom(0, 0.1, 1, 10, 50, 90, 99, 99.9, 100),
        (samples, p) => {
          const all = union(samples);
          const expected = all.length === 0 ? NaN : all[percentileRank(p, all.length) - 1];
          expect(mergedDurationPercentile(samples, p)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
