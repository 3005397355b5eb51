import type { GridSeries, TriageFunctionInput, TriageSeries } from "./types";

/** Builders for the triage tables: a day of minutes unless told otherwise. */

export const T0 = Date.UTC(2026, 10, 22, 0, 0);
export const MIN = 60_000;

/** A series from a function of the interval index; `null` is a gap. */
export function grid(n: number, f: (i: number) => number | null, periodMs = MIN, t0 = T0): GridSeries {
  return Array.from({ length: n }, (_, i) => [t0 + i * periodMs, f(i)] as const);
}

/** Deterministic pseudo-noise in [0, 1) (no Math.random in tests). */
export function noise(i: number, salt = 1): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export function input(
  n: number,
  series: Partial<TriageSeries> & Pick<TriageSeries, "invocations">,
  over: Partial<Omit<TriageFunctionInput, "series">> = {},
): TriageFunctionInput {
  return {
    periodMs: MIN,
    window: { startMs: T0, endMs: T0 + n * MIN },
    timeoutMs: 10_000,
    memoryMB: 1024,
    changes: [],
    ...over,
    series: { errors: grid(n, () => 0), ...series },
  };
}

export const at = (i: number): number => T0 + i * MIN;
