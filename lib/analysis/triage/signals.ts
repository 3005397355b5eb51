import type { Severity } from "../severity";
import {
  extendBack,
  levelShiftUp,
  median,
  rateShiftUp,
  sumObs,
  type CountObs,
  type LevelObs,
  type Tally,
} from "./changepoint";
import {
  TRIAGE_DEFAULTS,
  type GridSeries,
  type ReasonKind,
  type Signal,
  type SignalUnit,
  type TriageFunctionInput,
  type TriageThresholds,
} from "./types";

/**
 * The triage rules: each looks at one kind of trouble on the range grid and answers with a signal
 * or nothing. A signal compares the current bad run with the function's own earlier level (a
 * change point inside the range), or, without one, with absolute limits; "since" is the first bad
 * interval of the run that is still going on at the end of the range.
 */

const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 100, warning: 30, info: 5 };
/** Problems already present at the start of the data rank below ones that began inside the range. */
const SINCE_START_FACTOR = 0.35;

/** Urgency of a signal: severity, how far from its baseline (1..2), fresh before chronic. */
export function signalScore(severity: Severity, ratio: number | null, sinceStartOfData: boolean): number {
  const magnitude = ratio === null ? 1.5 : 1 + Math.min(1, Math.log10(Math.max(1, ratio)) / 2);
  const score = SEVERITY_WEIGHT[severity] * magnitude * (sinceStartOfData ? SINCE_START_FACTOR : 1);
  return Math.round(score * 10) / 10;
}

function byTime(s: GridSeries | undefined): Map<number, number> {
  const m = new Map<number, number>();
  for (const [t, v] of s ?? []) if (v !== null && Number.isFinite(v)) m.set(t, v);
  return m;
}

/** Errors of invocations per interval; intervals without invocations or without an errors datapoint are left out. */
export function errorObs(input: TriageFunctionInput): CountObs[] {
  const errors = byTime(input.series.errors);
  const out: CountObs[] = [];
  for (const [t, n] of input.series.invocations) {
    if (n === null || n <= 0) continue;
    const e = errors.get(t);
    if (e === undefined) continue;
    out.push({ t, n, e: Math.min(e, n) });
  }
  return out;
}

/** Throttles of requests (invocations + throttles) per interval. */
export function throttleObs(input: TriageFunctionInput): CountObs[] {
  const inv = byTime(input.series.invocations);
  const out: CountObs[] = [];
  for (const [t, thr] of input.series.throttles ?? []) {
    if (thr === null) continue;
    const n = (inv.get(t) ?? 0) + thr;
    if (n > 0) out.push({ t, n, e: thr });
  }
  return out;
}

/** Intervals whose longest invocation reached the timeout (1) or not (0). */
export function timeoutObs(input: TriageFunctionInput, th: TriageThresholds = TRIAGE_DEFAULTS): CountObs[] {
  const limit = input.timeoutMs * (1 - th.timeoutTolerance);
  const out: CountObs[] = [];
  for (const [t, v] of input.series.durationMax ?? [])
    if (v !== null) out.push({ t, n: 1, e: v >= limit ? 1 : 0 });
  return out;
}

/**
 * Where a level shift really began: its split moved back over the values already above the
 * baseline's band (median + 4 robust deviations, and at least 20 % above the median). The band is
 * robust so the first values of a gradual rise, still counted as "before", do not widen it.
 */
function shiftStart(values: readonly LevelObs[], split: number): number {
  const before = values.slice(0, split).map((o) => o.v);
  const mid = median(before) ?? 0;
  const mad = median(before.map((v) => Math.abs(v - mid))) ?? 0;
  const upper = Math.max(mid * 1.2, mid + 4 * 1.4826 * mad);
  return extendBack(values, split, upper);
}

function levelObs(s: GridSeries | undefined): LevelObs[] {
  const out: LevelObs[] = [];
  for (const [t, v] of s ?? []) if (v !== null && Number.isFinite(v)) out.push({ t, v });
  return out;
}

/** Start of the "recent" tail used when there is no change point: the last 10 % of the range, at least 5 intervals. */
export function recentFrom(input: TriageFunctionInput, th: TriageThresholds = TRIAGE_DEFAULTS): number {
  const intervals = Math.max(1, Math.round((input.window.endMs - input.window.startMs) / input.periodMs));
  const recent = Math.max(5, Math.ceil(intervals * th.recentShare));
  return input.window.endMs - recent * input.periodMs;
}

/** The last quarter of a run (at least `min` observations). */
function tailOf<T>(run: readonly T[], min: number): T[] {
  return run.slice(-Math.min(run.length, Math.max(min, Math.ceil(run.length / 4))));
}

type RateFinding =
  | { type: "shift"; sinceMs: number; before: Tally; after: Tally }
  | { type: "flat"; sinceMs: number; whole: Tally; recent: Tally };

/**
 * A raised rate that still holds at the end: a change point (with a baseline before it) when
 * there is one, else the whole data with its recent tail (no baseline).
 */
function findRate(
  obs: readonly CountObs[],
  input: TriageFunctionInput,
  th: TriageThresholds,
  minBeforeTrials: number,
  accept: (before: Tally, after: Tally) => boolean,
): RateFinding | null {
  const first = obs[0];
  if (!first) return null;
  const shift = rateShiftUp(obs, {
    minBeforeIntervals: th.minBaselineIntervals,
    minBeforeTrials,
    minAfterIntervals: th.minRunIntervals,
  });
  if (shift && shift.llr >= th.minLogLikelihoodRatio && accept(shift.before, shift.after)) {
    const run = obs.slice(shift.start);
    const tail = tailOf(run, th.minRunIntervals);
    const tailRate = sumObs(tail).rate;
    const start = run[0];
    // Still raised at the end: the tail stays above the midpoint between baseline and run.
    if (start && tailRate >= (shift.before.rate + shift.after.rate) / 2)
      return { type: "shift", sinceMs: start.t, before: shift.before, after: shift.after };
  }
  const from = recentFrom(input, th);
  return {
    type: "flat",
    sinceMs: first.t,
    whole: sumObs(obs),
    recent: sumObs(obs.filter((o) => o.t >= from)),
  };
}

function signal(
  kind: ReasonKind,
  unit: SignalUnit,
  severity: Severity,
  current: number,
  baseline: number | null,
  sinceMs: number,
  sinceStartOfData: boolean,
  extra: Partial<Pick<Signal, "intervals">> = {},
): Signal {
  const ratio = baseline === null ? null : baseline > 0 ? current / baseline : current > 0 ? 100 : 1;
  return {
    kind,
    severity,
    unit,
    current,
    baseline,
    sinceMs,
    sinceStartOfData,
    ...extra,
    score: signalScore(severity, ratio, sinceStartOfData),
  };
}

/** Error rate against the function's own baseline; without one, against absolute rates. */
export function errorRateSignal(
  input: TriageFunctionInput,
  th: TriageThresholds = TRIAGE_DEFAULTS,
): Signal | null {
  const obs = errorObs(input);
  const er = th.errorRate;
  if (sumObs(obs).n < er.minInvocations) return null;
  const meets = (before: number, after: number, factor: number, excess: number) =>
    after >= before * factor && after - before >= excess;
  const f = findRate(
    obs,
    input,
    th,
    er.minInvocations,
    (b, a) => a.e >= th.minRunIntervals && meets(b.rate, a.rate, er.warningFactor, er.warningMinExcess),
  );
  if (!f) return null;
  if (f.type === "shift") {
    const critical = meets(f.before.rate, f.after.rate, er.criticalFactor, er.criticalMinExcess);
    return signal(
      "errors",
      "ratio",
      critical ? "critical" : "warning",
      f.after.rate,
      f.before.rate,
      f.sinceMs,
      false,
    );
  }
  const abs = th.errorRateNoBaseline;
  if (f.recent.n === 0 || f.recent.rate < abs.warning || f.whole.rate < abs.warning) return null;
  const severity = f.recent.rate >= abs.critical ? "critical" : "warning";
  return signal("errors", "ratio", severity, f.recent.rate, null, f.sinceMs, true);
}

/** Throttled requests: a rise against the earlier level, or throttling that has gone on all along. */
export function throttleSignal(
  input: TriageFunctionInput,
  th: TriageThresholds = TRIAGE_DEFAULTS,
): Signal | null {
  const obs = throttleObs(input);
  const tr = th.throttleRate;
  const f = findRate(obs, input, th, 1, (b, a) => a.e > 0 && a.rate >= tr.warning && a.rate >= 2 * b.rate);
  if (!f) return null;
  if (f.type === "shift") {
    const severity = f.after.rate >= tr.critical ? "critical" : "warning";
    return signal("throttles", "ratio", severity, f.after.rate, f.before.rate, f.sinceMs, false);
  }
  if (f.recent.rate < tr.warning || f.whole.rate < tr.warning) return null;
  const severity = f.recent.rate >= tr.critical ? "critical" : "warning";
  return signal("throttles", "ratio", severity, f.recent.rate, null, f.sinceMs, true);
}

/** Invocations that ran into the timeout (duration max at the timeout), counted in intervals. */
export function timeoutSignal(
  input: TriageFunctionInput,
  th: TriageThresholds = TRIAGE_DEFAULTS,
): Signal | null {
  const obs = timeoutObs(input, th);
  // Busier hours have more intervals with a timeout: a rise must double the share and add 5 points.
  const f = findRate(
    obs,
    input,
    th,
    th.minBaselineIntervals,
    (b, a) => a.e >= 2 && a.rate >= 2 * b.rate && a.rate - b.rate >= th.timeoutIntervalsMinRise,
  );
  if (!f) return null;
  if (f.type === "shift") {
    const severity = f.after.rate >= th.timeoutIntervalsCritical ? "critical" : "warning";
    return signal("timeouts", "ratio", severity, f.after.rate, f.before.rate, f.sinceMs, false, {
      intervals: { bad: f.after.e, of: f.after.n },
    });
  }
  if (f.recent.e === 0) return null;
  const severity = f.recent.rate >= th.timeoutIntervalsChronicWarning ? "warning" : "info";
  return signal("timeouts", "ratio", severity, f.recent.rate, null, f.sinceMs, true, {
    intervals: { bad: f.recent.e, of: f.recent.n },
  });
}

/** Recent duration p99 against the earlier level (a regression inside the range). */
export function durationSignal(
  input: TriageFunctionInput,
  th: TriageThresholds = TRIAGE_DEFAULTS,
): Signal | null {
  const values = levelObs(input.series.durationP99);
  const shift = levelShiftUp(values, {
    minBeforeIntervals: th.minBaselineIntervals,
    minAfterIntervals: th.minRunIntervals,
  });
  if (!shift || shift.t < th.minShiftT) return null;
  const startIdx = shiftStart(values, shift.start);
  const before = values.slice(0, startIdx).map((o) => o.v);
  const run = values.slice(startIdx);
  const baseline = median(before);
  const current = median(run.map((o) => o.v));
  const tail = median(tailOf(run, th.minRunIntervals).map((o) => o.v));
  const start = run[0];
  if (baseline === null || current === null || tail === null || !start) return null;
  const d = th.duration;
  if (current < baseline * d.warningFactor || current - baseline < d.minIncreaseMs) return null;
  if (tail < (baseline + current) / 2) return null;
  const critical =
    current >= baseline * d.criticalFactor || current >= input.timeoutMs * d.criticalTimeoutShare;
  return signal("duration", "ms", critical ? "critical" : "warning", current, baseline, start.t, false);
}

/** Iterator age (stream sources) growing past its earlier level, or high all along. */
export function iteratorAgeSignal(
  input: TriageFunctionInput,
  th: TriageThresholds = TRIAGE_DEFAULTS,
): Signal | null {
  const values = levelObs(input.series.iteratorAge);
  const last = values[values.length - 1];
  const first = values[0];
  if (!last || !first) return null;
  const ia = th.iteratorAge;
  const severityOf = (ms: number): Severity => (ms >= ia.criticalMs ? "critical" : "warning");
  const shift = levelShiftUp(values, {
    minBeforeIntervals: th.minBaselineIntervals,
    minAfterIntervals: th.minRunIntervals,
  });
  if (shift && shift.t >= th.minShiftT) {
    const startIdx = shiftStart(values, shift.start);
    const baseline = median(values.slice(0, startIdx).map((o) => o.v));
    const run = values.slice(startIdx);
    const tail = median(tailOf(run, th.minRunIntervals).map((o) => o.v));
    const start = run[0];
    if (
      baseline !== null &&
      tail !== null &&
      start &&
      last.v >= ia.warningMs &&
      tail >= ia.warningMs &&
      last.v >= baseline * ia.growthFactor
    )
      return signal("iterator_age", "ms", severityOf(last.v), last.v, baseline, start.t, false);
  }
  const from = recentFrom(input, th);
  const recent = median(values.filter((o) => o.t >= from).map((o) => o.v));
  if (recent === null || recent < ia.warningMs || last.v < ia.warningMs) return null;
  return signal("iterator_age", "ms", severityOf(last.v), last.v, null, first.t, true);
}

/**
 * Out of memory: the highest Max Memory Used of the range reached the memory size and invocations
 * failed. "Since" is that of the error rise when there is one, else the start of the data.
 */
export function outOfMemorySignal(
  input: TriageFunctionInput,
  errors: Signal | null,
  th: TriageThresholds = TRIAGE_DEFAULTS,
): Signal | null {
  const used = input.maxMemoryUsedMB;
  if (used === null || used === undefined || used < input.memoryMB) return null;
  const obs = errorObs(input);
  const first = obs[0];
  const recent = sumObs(obs.filter((o) => o.t >= recentFrom(input, th)));
  if (!first || recent.e === 0) return null;
  const fresh = errors && !errors.sinceStartOfData ? errors : null;
  const rate = fresh ? fresh.current : recent.rate;
  const severity = rate >= th.outOfMemoryCriticalErrorRate ? "critical" : "warning";
  return signal("out_of_memory", "mb", severity, used, input.memoryMB, fresh?.sinceMs ?? first.t, !fresh);
}

/** Every rule over one function, most urgent first. */
export function triageSignals(input: TriageFunctionInput, th: TriageThresholds = TRIAGE_DEFAULTS): Signal[] {
  const errors = errorRateSignal(input, th);
  const out = [
    errors,
    throttleSignal(input, th),
    timeoutSignal(input, th),
    durationSignal(input, th),
    outOfMemorySignal(input, errors, th),
    iteratorAgeSignal(input, th),
  ].filter((s): s is Signal => s !== null);
  return out.sort((a, b) => b.score - a.score || a.sinceMs - b.sinceMs);
}
