import { describe, expect, it } from "vitest";
import { assessFunction, changeMarker, compareAssessments, signalSeries } from "./assess";
import { MIN, at, grid, input, noise } from "./test-fixtures";
import type { ChangeEvent, TriageAssessment } from "./types";

/** The verdict per function: change markers ("started after deploy"), ranking, sparkline series. */

const N = 1440;
const inv = grid(N, (i) => Math.round(120 * (0.9 + 0.2 * noise(i))));
const incident = (from: number, rate = 0.18) =>
  inv.map(
    ([t, n], i) => [t, n === null ? null : Math.floor(n * (i >= from ? rate : 0.001) + noise(i, 5))] as const,
  );
const window = { startMs: at(0), endMs: at(N) };

describe("changeMarker", () => {
  const deploy = (i: number, seconds = 0): ChangeEvent => ({
    kind: "modified",
    atMs: at(i) + seconds * 1000,
  });
  const cases: Array<{
    name: string;
    changes: ChangeEvent[];
    since: number | null;
    want: { inRange: number; startedAfterChange: boolean };
  }> = [
    {
      name: "deployed 5 minutes before the first bad interval",
      changes: [deploy(N - 52)],
      since: at(N - 47),
      want: { inRange: 1, startedAfterChange: true },
    },
    {
      name: "deployed inside the first bad interval",
      changes: [deploy(N - 47, 30)],
      since: at(N - 47),
      want: { inRange: 1, startedAfterChange: true },
    },
    {
      name: "deployed after the trouble began",
      changes: [deploy(N - 20)],
      since: at(N - 47),
      want: { inRange: 1, startedAfterChange: false },
    },
    {
      name: "deployed before the range",
      changes: [{ kind: "modified", atMs: at(0) - 3_600_000 }],
      since: at(N - 47),
      want: { inRange: 0, startedAfterChange: false },
    },
    {
      name: "a change but nothing new to blame it for (chronic trouble)",
      changes: [deploy(100)],
      since: null,
      want: { inRange: 1, startedAfterChange: false },
    },
    { name: "no changes", changes: [], since: at(N - 47), want: { inRange: 0, startedAfterChange: false } },
  ];
  it.each(cases)("$name", ({ changes, since, want }) => {
    const m = changeMarker(changes, window, since, MIN);
    expect({ inRange: m.inRange.length, startedAfterChange: m.startedAfterChange }).toEqual(want);
  });

  it("names the newest change before the trouble among several", () => {
    const v17: ChangeEvent = { kind: "version", atMs: at(200), version: "17" };
    const v18: ChangeEvent = { kind: "version", atMs: at(N - 52), version: "18" };
    const later: ChangeEvent = { kind: "modified", atMs: at(N - 10) };
    const m = changeMarker([later, v18, v17], window, at(N - 47), MIN);
    expect(m.before).toEqual(v18);
    expect(m.inRange.map((c) => c.atMs)).toEqual([v17.atMs, v18.atMs, later.atMs]);
  });
});

describe("assessFunction", () => {
  it("a deploy inside the window followed by an error spike: started after the change, since the first bad minute", () => {
    const a = assessFunction(
      input(
        N,
        {
          invocations: inv,
          errors: incident(N - 47),
          durationP99: grid(N, (i) => (i >= N - 47 ? 720 : 450)),
        },
        { changes: [{ kind: "modified", atMs: at(N - 52) + 12_000 }] },
      ),
    );
    expect(a).not.toBeNull();
    expect(a?.severity).toBe("critical");
    expect(a?.sinceMs).toBe(at(N - 47));
    expect(a?.sinceStartOfData).toBe(false);
    expect(a?.change.startedAfterChange).toBe(true);
    expect(a?.signals.map((s) => s.kind)).toEqual(["errors", "duration"]);
  });

  it("a healthy function has no verdict", () => {
    expect(assessFunction(input(N, { invocations: inv, errors: incident(N) }))).toBeNull();
  });

  it("ranks fresh trouble above the same severity going on all along, and severity first", () => {
    const fresh = assessFunction(input(N, { invocations: inv, errors: incident(N - 47) }));
    const chronicThrottles = assessFunction(
      input(N, { invocations: inv, throttles: inv.map(([t, n]) => [t, n === null ? null : n]) }),
    );
    const freshWarning = assessFunction(
      input(N, { invocations: inv, durationP99: grid(N, (i) => (i >= N - 60 ? 720 : 450)) }),
    );
    const list = [freshWarning, chronicThrottles, fresh].filter((a): a is TriageAssessment => a !== null);
    expect(list).toHaveLength(3);
    const sorted = [...list].sort(compareAssessments);
    expect(sorted).toEqual([fresh, chronicThrottles, freshWarning]);
    expect(fresh?.score).toBeGreaterThan(chronicThrottles?.score ?? Infinity);
  });

  it("the deploy bonus breaks a tie between otherwise equal incidents", () => {
    const base = { invocations: inv, errors: incident(N - 47) };
    const plain = assessFunction(input(N, base));
    const deployed = assessFunction(input(N, base, { changes: [{ kind: "modified", atMs: at(N - 50) }] }));
    expect((deployed?.score ?? 0) - (plain?.score ?? 0)).toBeGreaterThan(0);
  });
});

describe("signalSeries", () => {
  it("error rate per interval, with gaps where there were no invocations or no errors datapoint", () => {
    const f = input(4, {
      invocations: grid(4, (i) => [100, null, 0, 50][i] ?? null),
      errors: grid(4, (i) => [5, null, 0, null][i] ?? null),
    });
    expect(signalSeries("errors", f).map(([, v]) => v)).toEqual([0.05, null, null, null]);
  });

  it("throttle rate of requests, zero only where there were requests and no throttles", () => {
    const f = input(3, {
      invocations: grid(3, (i) => [90, null, 10][i] ?? null),
      throttles: grid(3, (i) => [10, null, 0][i] ?? null),
    });
    expect(signalSeries("throttles", f).map(([, v]) => v)).toEqual([0.1, null, 0]);
  });
});
