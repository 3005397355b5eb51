/**
 * Values inside the evaluator. Insights is loosely typed: every result is a string on the wire,
 * numbers compare as numbers when both sides read as numbers, and truth values are 1 and 0.
 * `null` is an absent field: comparisons with it are false and it is left out of result rows.
 */

/** A point in time (epoch ms): `@timestamp`, `bin()`, `fromMillis()`. Prints as `YYYY-MM-DD HH:MM:SS.mmm` UTC. */
export class Ts {
  constructor(readonly ms: number) {}
}

export type Value = string | number | Ts | null;

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** The number a value reads as, or null (non-numeric strings, absent values). */
export function toNumber(v: Value): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v instanceof Ts) return v.ms;
  if (typeof v === "string" && NUMERIC.test(v)) return Number(v);
  return null;
}

export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // Drop float noise (0.30000000000000004) without losing real precision.
  return String(Number(n.toPrecision(15)));
}

/** The wire form of a value; null stays null (the field is left out of the row). */
export function formatValue(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? formatNumber(v) : null;
  return formatTimestamp(v.ms);
}

/** A string form for grouping and dedup keys. */
export function keyOf(v: Value): string {
  if (v === null) return "\u0000";
  if (typeof v === "string") return `s${v}`;
  if (typeof v === "number") return `n${v}`;
  return `t${v.ms}`;
}

export function truthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  return true;
}

export const bool = (b: boolean): number => (b ? 1 : 0);

/** String form used by `like`, string functions and string comparisons. */
export function toText(v: Value): string | null {
  if (v === null) return null;
  if (typeof v === "string") return v;
  return formatValue(v);
}

/**
 * Compares two values for `= != < <= > >=`: numerically when one side is a number or a
 * timestamp and the other reads as a number, or both are numeric; otherwise as strings.
 * Null when either side is absent.
 */
export function compareValues(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== null && y !== null) return x - y;
  const s = toText(a) ?? "";
  const t = toText(b) ?? "";
  return s < t ? -1 : s > t ? 1 : 0;
}

const NUMBER_VALUE = /^-?\d+(\.\d+)?$/;

function isNumberValue(v: Value): boolean {
  return typeof v === "number" || v instanceof Ts || (typeof v === "string" && NUMBER_VALUE.test(v));
}

/**
 * Insights' natural sort order (CWL_QuerySyntax-Sort): ascending puts every non-number value
 * before every number; non-numbers compare chunk by chunk, digit runs by length then value and
 * other runs by code unit. Absent values sort last whatever the direction (handled by the caller).
 */
export function sortCompare(a: Value, b: Value): number {
  const an = isNumberValue(a);
  const bn = isNumberValue(b);
  if (an && bn) return (toNumber(a) ?? 0) - (toNumber(b) ?? 0);
  if (an !== bn) return an ? 1 : -1;
  return naturalCompare(toText(a) ?? "", toText(b) ?? "");
}

const CHUNK = /\d+|\D+/g;

export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  const xs = a.match(CHUNK) ?? [];
  const ys = b.match(CHUNK) ?? [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i] ?? "";
    const y = ys[i] ?? "";
    if (x === y) continue;
    const xd = isDigitRun(x);
    const yd = isDigitRun(y);
    if (xd && yd) {
      if (x.length !== y.length) return x.length - y.length;
      return x < y ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return xs.length - ys.length;
}

function isDigitRun(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}
