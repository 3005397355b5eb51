import { describe, expect, it } from "vitest";
import { provisionedFromClaimed } from "./claimed";

const t = (minute: number) => Date.UTC(2026, 10, 29, 12, minute);

describe("provisionedFromClaimed", () => {
  it("is the median of claimed minus unreserved in use minus reserved over the latest periods", () => {
    const claimed: Array<[number, number | null]> = [0, 1, 2, 3, 4, 5, 6].map((m) => [t(m), 200 + m]);
    const unreserved: Array<[number, number | null]> = [0, 1, 2, 3, 4, 5, 6].map((m) => [t(m), 150 + m]);
    // 50 every minute but one whose maxima were taken at different moments: that one does not decide.
    unreserved[5] = [t(5), 100];
    expect(provisionedFromClaimed(claimed, unreserved, 0, 1000)).toEqual({ provisioned: 50, at: t(6) });
  });

  it("is claimed minus unreserved in use minus reserved", () => {
    const claimed: Array<[number, number | null]> = [
      [t(0), 180],
      [t(1), 260],
      [t(2), null],
    ];
    const unreserved: Array<[number, number | null]> = [
      [t(0), 100],
      [t(1), 150],
      [t(2), null],
    ];
    // 180 − 100 − 50 = 30 and 260 − 150 − 50 = 60 (minute 2 has no data): the lower median, as of minute 1.
    expect(provisionedFromClaimed(claimed, unreserved, 50, 1000)).toEqual({ provisioned: 30, at: t(1) });
  });

  it("skips the newest minute while it has the claim and not yet the unreserved executions", () => {
    const claimed: Array<[number, number | null]> = [
      [t(0), 130],
      [t(1), 131],
    ];
    const unreserved: Array<[number, number | null]> = [
      [t(0), 100],
      [t(1), null],
    ];
    // Taking minute 1's missing figure as zero would call all 131 provisioned.
    expect(provisionedFromClaimed(claimed, unreserved, 0, 1000)).toEqual({ provisioned: 30, at: t(0) });
  });

  it("uses the claim alone when nothing unreserved ran in the whole range", () => {
    expect(provisionedFromClaimed([[t(0), 70]], [[t(0), null]], 20, 1000)).toEqual({
      provisioned: 50,
      at: t(0),
    });
  });

  it("skips datapoints where the claim is capped at the limit", () => {
    const claimed: Array<[number, number | null]> = [
      [t(0), 400],
      [t(1), 1000],
    ];
    const unreserved: Array<[number, number | null]> = [
      [t(0), 300],
      [t(1), 990],
    ];
    expect(provisionedFromClaimed(claimed, unreserved, 0, 1000)).toEqual({ provisioned: 100, at: t(0) });
  });

  it("is unknown without a usable datapoint, and never negative", () => {
    expect(provisionedFromClaimed([], [], 0, 1000)).toBeUndefined();
    expect(provisionedFromClaimed([[t(0), 1000]], [[t(0), 900]], 0, 1000)).toBeUndefined();
    expect(provisionedFromClaimed([[t(0), 40]], [[t(0), 45]], 0, 1000)).toEqual({ provisioned: 0, at: t(0) });
  });
});
