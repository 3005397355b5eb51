import { severityRank, type Severity } from "../severity";
import { triageSignals } from "./signals";
import {
  TRIAGE_DEFAULTS,
  type ChangeEvent,
  type ChangeMarker,
  type GridSeries,
  type Point,
  type ReasonKind,
  type TriageAssessment,
  type TriageFunctionInput,
  type TriageThresholds,
} from "./types";

/**
 * One function's triage verdict: its signals, the worst severity, the score to rank by, since
 * when, and whether a change (deployment, new version) inside the range came before the trouble.
 */

/** A change that lands inside the first bad interval still counts as "before" it. */
export function changeMarker(
  changes: readonly ChangeEvent[],
  window: { startMs: number; endMs: number },
  sinceMs: number | null,
  periodMs: number,
): ChangeMarker {
  const inRange = changes
    .filter((c) => c.atMs >= window.startMs && c.atMs < window.endMs)
    .sort((a, b) => a.atMs - b.atMs);
  const before =
    sinceMs === null ? null : ([...inRange].reverse().find((c) => c.atMs < sinceMs + periodMs) ?? null);
  return { inRange, before, startedAfterChange: before !== null };
}

/** Bonus for trouble that started right after a change inside the range: the likeliest cause to look at first. */
const AFTER_CHANGE_BONUS = 10;
/** Further signals add a share of their score to the leading one. */
const FURTHER_SIGNAL_SHARE = 0.25;

export function assessFunction(
  input: TriageFunctionInput,
  th: TriageThresholds = TRIAGE_DEFAULTS,
): TriageAssessment | null {
  const signals = triageSignals(input, th);
  const [lead, ...rest] = signals;
  if (!lead) return null;
  const fresh = signals.filter((s) => !s.sinceStartOfData);
  const sinceMs = Math.min(...(fresh.length ? fresh : signals).map((s) => s.sinceMs));
  const change = changeMarker(input.changes, input.window, fresh.length ? sinceMs : null, input.periodMs);
  const severity = signals.reduce<Severity>(
    (worst, s) => (severityRank(s.severity) > severityRank(worst) ? s.severity : worst),
    lead.severity,
  );
  const score =
    lead.score +
    FURTHER_SIGNAL_SHARE * rest.reduce((n, s) => n + s.score, 0) +
    (change.startedAfterChange ? AFTER_CHANGE_BONUS : 0);
  return {
    signals,
    severity,
    score: Math.round(score * 10) / 10,
    sinceMs,
    sinceStartOfData: fresh.length === 0,
    change,
  };
}

/** Most urgent first: severity, then score, then the earlier start. */
export function compareAssessments(a: TriageAssessment, b: TriageAssessment): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.score - a.score || a.sinceMs - b.sinceMs;
}

/**
 * The series that shows a signal best, per interval: error or throttle rate, duration max
 * (timeouts), p99, iterator age, errors (out of memory). Gaps stay null.
 */
export function signalSeries(kind: ReasonKind, input: TriageFunctionInput): Array<[number, number | null]> {
  return pointsOf(kind, input).map(([t, v]) => [t, v]);
}

function pointsOf(kind: ReasonKind, input: TriageFunctionInput): readonly Point[] {
  const s = input.series;
  const ratio = (num: GridSeries | undefined, den: (t: number, v: number) => number | null): Point[] => {
    const values = new Map<number, number | null>((num ?? []).map(([t, v]) => [t, v]));
    return s.invocations.map(([t]): Point => {
      const v = values.get(t) ?? null;
      if (v === null) return [t, null];
      const d = den(t, v);
      return [t, d === null || d <= 0 ? null : v / d];
    });
  };
  const inv = new Map<number, number | null>(s.invocations.map(([t, v]) => [t, v]));
  switch (kind) {
    case "errors":
      return ratio(s.errors, (t) => inv.get(t) ?? null);
    case "throttles":
      return ratio(s.throttles, (t, v) => (inv.get(t) ?? 0) + v);
    case "timeouts":
      return s.durationMax ?? [];
    case "duration":
      return s.durationP99 ?? [];
    case "iterator_age":
      return s.iteratorAge ?? [];
    case "out_of_memory":
      return s.errors;
  }
}
