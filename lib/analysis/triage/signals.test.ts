import { describe, expect, it } from "vitest";
import {
  durationSignal,
  errorRateSignal,
  iteratorAgeSignal,
  outOfMemorySignal,
  throttleSignal,
  timeoutSignal,
  triageSignals,
} from "./signals";
import { at, grid, input, noise } from "./test-fixtures";
import type { Signal, TriageFunctionInput } from "./types";

/** Table-driven checks of each triage rule on a day of one-minute intervals (1,440 points). */

const N = 1440;
const steady = (rpm: number) => grid(N, (i) => Math.round(rpm * (0.9 + 0.2 * noise(i))));
/** Errors at `rate` of the invocations from `from` on, `base` before (deterministic rounding). */
const errorsAt = (inv: TriageFunctionInput["series"]["invocations"], base: number, rate: number, from = N) =>
  inv.map(
    ([t, n], i) => [t, n === null ? null : Math.floor(n * (i >= from ? rate : base) + noise(i, 7))] as const,
  );

type Expect = Partial<Pick<Signal, "severity" | "sinceMs" | "sinceStartOfData">> & {
  current?: number;
  baseline?: number | null;
};

function check(got: Signal | null, want: Expect | null) {
  if (want === null) {
    expect(got).toBeNull();
    return;
  }
  expect(got).not.toBeNull();
  if (!got) return;
  if (want.severity) expect(got.severity).toBe(want.severity);
  if (want.sinceMs !== undefined)
    expect(new Date(got.sinceMs).toISOString()).toBe(new Date(want.sinceMs).toISOString());
  if (want.sinceStartOfData !== undefined) expect(got.sinceStartOfData).toBe(want.sinceStartOfData);
  if (want.current !== undefined) expect(got.current).toBeCloseTo(want.current, 2);
  if (want.baseline === null) expect(got.baseline).toBeNull();
  else if (want.baseline !== undefined) expect(got.baseline).toBeCloseTo(want.baseline, 3);
}

describe("errorRateSignal: against the function's own baseline", () => {
  const inv = steady(120);
  const cases: Array<{ name: string; fn: TriageFunctionInput; want: Expect | null }> = [
    {
      name: "0.1 % then 18 % for the last 47 minutes: critical since the first bad minute",
      fn: input(N, { invocations: inv, errors: errorsAt(inv, 0.001, 0.18, N - 47) }),
      want: {
        severity: "critical",
        sinceMs: at(N - 47),
        sinceStartOfData: false,
        current: 0.18,
        baseline: 0.001,
      },
    },
    {
      name: "a steady 1 % all day is this function's normal: nothing",
      fn: input(N, { invocations: inv, errors: errorsAt(inv, 0.01, 0.01) }),
      want: null,
    },
    {
      name: "an incident that is over (20 % from 16:40 to 18:20) is not broken now",
      fn: input(N, {
        invocations: inv,
        errors: inv.map(([t, n], i) => [
          t,
          n === null ? null : Math.round(n * (i >= 1000 && i < 1100 ? 0.2 : 0.001)),
        ]),
      }),
      want: null,
    },
    {
      name: "0.5 % to 2 %: four times the baseline and 1.5 points above it is a warning",
      fn: input(N, { invocations: inv, errors: errorsAt(inv, 0.005, 0.02, N - 120) }),
      want: { severity: "warning", sinceMs: at(N - 120), current: 0.02, baseline: 0.005 },
    },
    {
      name: "0.1 % to 0.5 %: five times, but less than a point above: nothing",
      fn: input(N, { invocations: inv, errors: errorsAt(inv, 0.001, 0.005, N - 120) }),
      want: null,
    },
    {
      name: "gaps (no data for five hours, and the last ten minutes) stay gaps: since is unchanged",
      fn: (() => {
        const gappy = inv.map(([t, n], i) => [t, (i >= 300 && i < 600) || i >= N - 10 ? null : n] as const);
        return input(N, { invocations: gappy, errors: errorsAt(gappy, 0.001, 0.18, N - 47) });
      })(),
      want: { severity: "critical", sinceMs: at(N - 47), current: 0.18 },
    },
    {
      name: "a gap is not zero errors: invocations without an errors datapoint do not dilute the rate",
      fn: input(N, {
        invocations: inv,
        errors: errorsAt(inv, 0.001, 0.18, N - 47).map(([t, e], i) => [t, i >= N - 40 ? null : e] as const),
      }),
      want: { severity: "critical", sinceMs: at(N - 47), current: 0.18 },
    },
    {
      name: "a new function (no data before its first 60 minutes) failing 30 %: critical, no baseline",
      fn: (() => {
        const fresh = inv.map(([t, n], i) => [t, i < N - 60 ? null : n] as const);
        return input(N, { invocations: fresh, errors: errorsAt(fresh, 0.3, 0.3) });
      })(),
      want: {
        severity: "critical",
        sinceMs: at(N - 60),
        sinceStartOfData: true,
        baseline: null,
        current: 0.3,
      },
    },
    {
      name: "a new function at 1 % has nothing to compare with and is under the absolute limit: nothing",
      fn: (() => {
        const fresh = inv.map(([t, n], i) => [t, i < N - 60 ? null : n] as const);
        return input(N, { invocations: fresh, errors: errorsAt(fresh, 0.01, 0.01) });
      })(),
      want: null,
    },
    {
      name: "too little traffic to judge (50 invocations in the range): nothing",
      fn: input(N, {
        invocations: grid(N, (i) => (i % 29 === 0 ? 1 : null)),
        errors: grid(N, (i) => (i % 29 === 0 ? 1 : null)),
      }),
      want: null,
    },
    {
      name: "no data at all: nothing",
      fn: input(N, { invocations: grid(N, () => null), errors: grid(N, () => null) }),
      want: null,
    },
  ];
  it.each(cases)("$name", ({ fn, want }) => check(errorRateSignal(fn), want));
});

describe("throttleSignal", () => {
  const inv = steady(60);
  const cases: Array<{ name: string; fn: TriageFunctionInput; want: Expect | null }> = [
    {
      name: "throttled 45 % of requests all day (reserved concurrency too low): critical, since the start of the data",
      fn: input(N, {
        invocations: inv,
        throttles: inv.map(([t, n]) => [t, n === null ? null : Math.round(n * 0.8)]),
      }),
      want: { severity: "critical", sinceMs: at(0), sinceStartOfData: true, baseline: null },
    },
    {
      name: "no throttles, then 10 % from 20:00: critical since 20:00",
      fn: input(N, {
        invocations: inv,
        throttles: inv.map(([t, n], i) => [t, n === null ? null : i >= 1200 ? Math.round(n * 0.11) : 0]),
      }),
      want: { severity: "critical", sinceMs: at(1200), sinceStartOfData: false, baseline: 0 },
    },
    {
      name: "a throttle now and then (well under 1 %): nothing",
      fn: input(N, { invocations: inv, throttles: grid(N, (i) => (i % 200 === 0 ? 1 : 0)) }),
      want: null,
    },
    { name: "throttles unknown: nothing", fn: input(N, { invocations: inv }), want: null },
  ];
  it.each(cases)("$name", ({ fn, want }) => check(throttleSignal(fn), want));
});

describe("timeoutSignal: duration max at the timeout", () => {
  const inv = steady(80);
  const cases: Array<{ name: string; fn: TriageFunctionInput; want: Expect | null }> = [
    {
      name: "every minute since 23:20 reaches the 10 s timeout: critical since 23:20",
      fn: input(N, {
        invocations: inv,
        durationMax: grid(N, (i) => (i >= 1400 ? 10_000 : 4000 + 1000 * noise(i))),
      }),
      want: { severity: "critical", sinceMs: at(1400), sinceStartOfData: false, baseline: 0 },
    },
    {
      name: "timeouts in about 40 % of minutes all day: a warning, since the start of the data",
      fn: input(
        N,
        { invocations: inv, durationMax: grid(N, (i) => (noise(i, 3) < 0.4 ? 3000 : 2500)) },
        { timeoutMs: 3000 },
      ),
      want: { severity: "warning", sinceStartOfData: true, sinceMs: at(0) },
    },
    {
      name: "timeouts in 40 % of minutes, 55 % in the busy afternoon: still the function's usual, a warning since the start",
      fn: input(
        N,
        {
          invocations: inv,
          durationMax: grid(N, (i) => (noise(i, 3) < (i >= 1200 ? 0.55 : 0.4) ? 3000 : 2500)),
        },
        { timeoutMs: 3000 },
      ),
      want: { severity: "warning", sinceStartOfData: true, sinceMs: at(0) },
    },
    {
      name: "one timeout in the last two hours of an otherwise calm day: info",
      fn: input(N, { invocations: inv, durationMax: grid(N, (i) => (i === N - 30 ? 10_000 : 3000)) }),
      want: { severity: "info", sinceStartOfData: true },
    },
    {
      name: "a timeout this morning and none since: nothing now",
      fn: input(N, { invocations: inv, durationMax: grid(N, (i) => (i === 300 ? 10_000 : 3000)) }),
      want: null,
    },
    {
      name: "duration unknown (all gaps): nothing",
      fn: input(N, { invocations: inv, durationMax: grid(N, () => null) }),
      want: null,
    },
  ];
  it.each(cases)("$name", ({ fn, want }) => check(timeoutSignal(fn), want));
});

describe("durationSignal: recent p99 against the earlier p99", () => {
  const inv = steady(120);
  const p99 = (f: (i: number) => number | null) => input(N, { invocations: inv, durationP99: grid(N, f) });
  const cases: Array<{ name: string; fn: TriageFunctionInput; want: Expect | null }> = [
    {
      name: "450 ms, then 1.6× for the last 47 minutes: warning since the first slow minute",
      fn: p99((i) => (i >= N - 47 ? 720 : 450) * (0.95 + 0.1 * noise(i))),
      want: { severity: "warning", sinceMs: at(N - 47), sinceStartOfData: false },
    },
    {
      name: "three times slower: critical",
      fn: p99((i) => (i >= N - 60 ? 1500 : 450) * (0.95 + 0.1 * noise(i))),
      want: { severity: "critical", sinceMs: at(N - 60) },
    },
    {
      name: "noisy but level: nothing",
      fn: p99((i) => 450 * (0.7 + 0.6 * noise(i))),
      want: null,
    },
    {
      name: "one slow minute at the end is not a regression",
      fn: p99((i) => (i === N - 1 ? 5000 : 450)),
      want: null,
    },
    {
      name: "12 ms to 20 ms is 1.7× but under 50 ms more: nothing",
      fn: p99((i) => (i >= N - 60 ? 20 : 12)),
      want: null,
    },
    {
      name: "gaps before and during the regression do not move since",
      fn: p99((i) => (i % 7 === 3 || (i > 200 && i < 500) ? null : i >= N - 47 ? 720 : 450)),
      want: { severity: "warning", sinceMs: at(N - 47) },
    },
  ];
  it.each(cases)("$name", ({ fn, want }) => check(durationSignal(fn), want));
});

describe("iteratorAgeSignal", () => {
  const inv = steady(60);
  const age = (f: (i: number) => number | null) => input(N, { invocations: inv, iteratorAge: grid(N, f) });
  const start = N - 150;
  const cases: Array<{ name: string; fn: TriageFunctionInput; want: Expect | null }> = [
    {
      name: "1.5 s, then growing linearly to 3 h over the last 150 minutes: critical since the growth began",
      fn: age((i) =>
        i >= start ? 1500 + ((i - start + 1) / 150) * 10_800_000 : 1500 * (0.9 + 0.2 * noise(i)),
      ),
      want: { severity: "critical", sinceMs: at(start), sinceStartOfData: false, current: 10_801_500 },
    },
    {
      name: "growing to 5 minutes: a warning",
      fn: age((i) => (i >= start ? 1500 + ((i - start + 1) / 150) * 300_000 : 1500)),
      want: { severity: "warning", sinceMs: at(start) },
    },
    { name: "a steady 800 ms: nothing", fn: age((i) => 800 * (0.9 + 0.2 * noise(i))), want: null },
    {
      name: "30 s all day: a warning since the start of the data, no baseline",
      fn: age(() => 30_000),
      want: { severity: "warning", sinceStartOfData: true, baseline: null },
    },
    { name: "not a stream function (no data): nothing", fn: age(() => null), want: null },
  ];
  it.each(cases)("$name", ({ fn, want }) => check(iteratorAgeSignal(fn), want));
});

describe("outOfMemorySignal: max memory used at the memory size, with errors", () => {
  const inv = steady(20);
  const errors = errorsAt(inv, 0.004, 0.004);
  const base = { invocations: inv, errors };
  const cases: Array<{ name: string; fn: TriageFunctionInput; want: Expect | null }> = [
    {
      name: "1024 of 1024 MB used and errors: a warning since the start of the data",
      fn: input(N, base, { memoryMB: 1024, maxMemoryUsedMB: 1024 }),
      want: { severity: "warning", sinceStartOfData: true, current: 1024, baseline: 1024 },
    },
    {
      name: "memory used unknown: nothing",
      fn: input(N, base, { memoryMB: 1024, maxMemoryUsedMB: null }),
      want: null,
    },
    {
      name: "900 of 1024 MB: nothing",
      fn: input(N, base, { memoryMB: 1024, maxMemoryUsedMB: 900 }),
      want: null,
    },
    {
      name: "at the limit but no errors: nothing",
      fn: input(N, { invocations: inv, errors: grid(N, () => 0) }, { memoryMB: 1024, maxMemoryUsedMB: 1024 }),
      want: null,
    },
  ];
  it.each(cases)("$name", ({ fn, want }) => check(outOfMemorySignal(fn, errorRateSignal(fn)), want));

  it("takes the start of an error rise as its since, and its rate for the severity", () => {
    const fn = input(
      N,
      { invocations: inv, errors: errorsAt(inv, 0.001, 0.3, N - 90) },
      { memoryMB: 512, maxMemoryUsedMB: 512 },
    );
    check(outOfMemorySignal(fn, errorRateSignal(fn)), {
      severity: "critical",
      sinceMs: at(N - 90),
      sinceStartOfData: false,
    });
  });
});

describe("triageSignals", () => {
  it("a healthy function has none", () => {
    const inv = steady(200);
    const fn = input(N, {
      invocations: inv,
      errors: errorsAt(inv, 0.002, 0.002),
      throttles: grid(N, () => 0),
      durationP99: grid(N, (i) => 60 * (0.9 + 0.2 * noise(i))),
      durationMax: grid(N, (i) => 200 * (0.9 + 0.2 * noise(i))),
      iteratorAge: grid(N, () => null),
    });
    expect(triageSignals(fn)).toEqual([]);
  });

  it("orders several signals most urgent first", () => {
    const inv = steady(120);
    const fn = input(N, {
      invocations: inv,
      errors: errorsAt(inv, 0.001, 0.18, N - 47),
      durationP99: grid(N, (i) => (i >= N - 47 ? 720 : 450)),
    });
    expect(triageSignals(fn).map((s) => [s.kind, s.severity])).toEqual([
      ["errors", "critical"],
      ["duration", "warning"],
    ]);
  });
});
