import type { Severity } from "../severity";
import { RULE_DEFAULTS } from "../thresholds";

/**
 * Inputs and outputs of the triage rules. Everything is on the range's grid: a point is
 * `[epochMs, value | null]`, and null is "no data" (a gap), never zero.
 */

export type Point = readonly [number, number | null];
export type GridSeries = readonly Point[];

/** What a function's CloudWatch series say over the range (any may be missing: unknown). */
export interface TriageSeries {
  invocations: GridSeries;
  errors: GridSeries;
  throttles?: GridSeries;
  /** Duration p99 per interval (or the average when p99 is not available). */
  durationP99?: GridSeries;
  durationMax?: GridSeries;
  iteratorAge?: GridSeries;
}

/** Something that changed the function: a deployment (LastModified) or a published version. */
export interface ChangeEvent {
  kind: "modified" | "version";
  atMs: number;
  /** The version number, for published versions. */
  version?: string;
}

export interface TriageFunctionInput {
  /** Period of the grid, ms. */
  periodMs: number;
  /** The range, [startMs, endMs). */
  window: { startMs: number; endMs: number };
  series: TriageSeries;
  timeoutMs: number;
  memoryMB: number;
  /** Highest Max Memory Used of the range, MB, from the REPORT lines (null or absent: unknown). */
  maxMemoryUsedMB?: number | null;
  /** Timeouts of the range counted in the logs (null or absent: unknown). */
  timeoutsInLogs?: number | null;
  changes: readonly ChangeEvent[];
}

export const REASON_KINDS = [
  "errors",
  "throttles",
  "timeouts",
  "duration",
  "out_of_memory",
  "iterator_age",
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** Units of a signal's figures: a ratio 0..1, milliseconds, megabytes. */
export type SignalUnit = "ratio" | "ms" | "mb";

export interface Signal {
  kind: ReasonKind;
  severity: Severity;
  unit: SignalUnit;
  /** The figure during the current bad run (error rate, p99, latest iterator age, max memory used…). */
  current: number;
  /** What it is compared with: the function's own earlier level, or a limit; null without a baseline. */
  baseline: number | null;
  /** Start of the first bad interval of the current bad run. */
  sinceMs: number;
  /**
   * The run already goes on at the start of the data: it began at `sinceMs` or earlier
   * (a chronic problem, or a function without earlier data to compare with).
   */
  sinceStartOfData: boolean;
  /** For interval counts (timeouts): intervals with the problem in the run, and intervals in the run. */
  intervals?: { bad: number; of: number };
  /** Ranking weight; higher is more urgent. */
  score: number;
}

export interface ChangeMarker {
  /** Changes inside the range, oldest first. */
  inRange: ChangeEvent[];
  /** The newest change inside the range that comes before (or in) the first bad interval. */
  before: ChangeEvent | null;
  /** The problem started after a change inside the range. */
  startedAfterChange: boolean;
}

export interface TriageAssessment {
  signals: Signal[];
  severity: Severity;
  score: number;
  /** The first bad interval of the earliest current problem. */
  sinceMs: number;
  sinceStartOfData: boolean;
  change: ChangeMarker;
}

/** Thresholds of the triage rules; the headroom rules' constants where they overlap. */
export const TRIAGE_DEFAULTS = {
  /** A split is a real change only when its log-likelihood ratio is at least this. */
  minLogLikelihoodRatio: 12,
  /** A level shift (duration, iterator age) needs at least this t statistic on log values. */
  minShiftT: 6,
  /** Baseline: at least this many intervals with data before the change. */
  minBaselineIntervals: 10,
  /** A bad run needs at least this many intervals with data. */
  minRunIntervals: 3,
  /** The "recent" tail for problems without a change point: this share of the grid (at least 5 intervals). */
  recentShare: 0.1,
  errorRate: RULE_DEFAULTS.errorRate,
  /** Without a baseline (new function, or failing since before the range): absolute error rates. */
  errorRateNoBaseline: { warning: 0.05, critical: 0.25 },
  throttleRate: { warning: RULE_DEFAULTS.throttleRateWarning, critical: RULE_DEFAULTS.throttleRateCritical },
  /** Duration max within this share of the timeout counts as a timeout in the interval. */
  timeoutTolerance: 0.005,
  /** A rise of timeouts needs at least this many more intervals with one (share of the run). */
  timeoutIntervalsMinRise: 0.05,
  /** Timeouts in at least this share of the run's intervals is critical. */
  timeoutIntervalsCritical: 0.5,
  /** Timeouts since before the range: warning when in this share of recent intervals, else info. */
  timeoutIntervalsChronicWarning: 0.1,
  duration: { warningFactor: 1.5, criticalFactor: 3, minIncreaseMs: 50, criticalTimeoutShare: 0.8 },
  iteratorAge: {
    warningMs: RULE_DEFAULTS.iteratorAgeWarningMs,
    criticalMs: RULE_DEFAULTS.iteratorAgeCriticalMs,
    growthFactor: 3,
  },
  /** Out of memory: errors share at or above which the kills are critical. */
  outOfMemoryCriticalErrorRate: 0.05,
} as const;
type Widen<T> = { readonly [K in keyof T]: T[K] extends number ? number : Widen<T[K]> };
export type TriageThresholds = Widen<typeof TRIAGE_DEFAULTS>;
