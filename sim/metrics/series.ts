/**
 * A time series on a regular grid: datapoint i has timestamp `start + i * period` (ms). NaN marks
 * a missing datapoint. `lo`..`hi` (inclusive) bound the indexes that can hold data at all
 * (retention, the current minute), so walkers and FILL need not look elsewhere.
 */
export interface Grid {
  readonly start: number;
  readonly period: number;
  readonly n: number;
  readonly lo: number;
  readonly hi: number;
}

export interface Series extends Grid {
  /** Value of datapoint i, NaN when there is none. */
  get(i: number): number;
}

/** A series held in memory (results of metric math). */
export class ArraySeries implements Series {
  readonly start: number;
  readonly period: number;
  readonly n: number;
  readonly lo: number;
  readonly hi: number;

  constructor(
    grid: Grid,
    readonly values: Float64Array,
    readonly label: string,
  ) {
    this.start = grid.start;
    this.period = grid.period;
    this.n = grid.n;
    this.lo = grid.lo;
    this.hi = grid.hi;
  }

  get(i: number): number {
    return this.values[i] ?? NaN;
  }
}

/** Index of a timestamp on a grid, or -1 when it is not one of the grid's timestamps. */
export function indexOf(grid: Grid, ts: number): number {
  const off = ts - grid.start;
  if (off < 0 || off % grid.period !== 0) return -1;
  const i = off / grid.period;
  return i < grid.n ? i : -1;
}
