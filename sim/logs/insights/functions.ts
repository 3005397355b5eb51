import type { Period } from "./ast";
import { ceilTo, floorTo } from "./periods";
import { bool, toNumber, toText, Ts, type Value } from "./values";

/**
 * The functions the evaluator knows, by lower-case name. Anything else fails to compile:
 * a console developer must learn at StartQuery, not from quietly wrong numbers, that the
 * simulator does not speak a construct.
 */

export interface ScalarSpec {
  minArgs: number;
  maxArgs: number;
  /** Argument positions that must be period literals (`5m`). */
  periodArgs?: readonly number[];
  impl: (args: readonly Value[], period: Period | undefined) => Value;
}

const num = (v: Value | undefined): number | null => (v === undefined ? null : toNumber(v));
const text = (v: Value | undefined): string | null => (v === undefined ? null : toText(v));

function numeric(f: (x: number) => number): ScalarSpec {
  return {
    minArgs: 1,
    maxArgs: 1,
    impl: ([v]) => {
      const x = num(v);
      if (x === null) return null;
      const r = f(x);
      return Number.isFinite(r) ? r : null;
    },
  };
}

function trimChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  if (chars === null) return left && right ? s.trim() : left ? s.trimStart() : s.trimEnd();
  let a = 0;
  let b = s.length;
  if (left) while (a < b && chars.includes(s.charAt(a))) a++;
  if (right) while (b > a && chars.includes(s.charAt(b - 1))) b--;
  return s.slice(a, b);
}

function trimSpec(left: boolean, right: boolean): ScalarSpec {
  return {
    minArgs: 1,
    maxArgs: 2,
    impl: ([s, chars]) => {
      const str = text(s);
      return str === null ? null : trimChars(str, text(chars), left, right);
    },
  };
}

function extreme(pick: (a: number, b: number) => number): ScalarSpec {
  return {
    minArgs: 1,
    maxArgs: Infinity,
    impl: (args) => {
      let best: number | null = null;
      for (const a of args) {
        const x = num(a);
        if (x !== null) best = best === null ? x : pick(best, x);
      }
      return best;
    },
  };
}

function timeRound(round: (ms: number, p: Period) => number): ScalarSpec {
  return {
    minArgs: 2,
    maxArgs: 2,
    periodArgs: [1],
    impl: ([t], period) => {
      const ms = num(t);
      return ms === null || !period ? null : new Ts(round(ms, period));
    },
  };
}

export const SCALAR_FUNCTIONS: Readonly<Record<string, ScalarSpec>> = {
  ispresent: { minArgs: 1, maxArgs: 1, impl: ([v]) => bool(v !== null && v !== undefined) },
  isempty: { minArgs: 1, maxArgs: 1, impl: ([v]) => bool((text(v) ?? "") === "") },
  isblank: { minArgs: 1, maxArgs: 1, impl: ([v]) => bool((text(v) ?? "").trim() === "") },
  strcontains: {
    minArgs: 2,
    maxArgs: 2,
    impl: ([s, v]) => {
      const str = text(s);
      const sub = text(v);
      return bool(str !== null && sub !== null && str.includes(sub));
    },
  },
  coalesce: {
    minArgs: 1,
    maxArgs: Infinity,
    impl: (args) => {
      for (const a of args) if (a !== null) return a;
      return null;
    },
  },
  concat: { minArgs: 1, maxArgs: Infinity, impl: (args) => args.map((a) => text(a) ?? "").join("") },
  tolower: { minArgs: 1, maxArgs: 1, impl: ([s]) => text(s)?.toLowerCase() ?? null },
  toupper: { minArgs: 1, maxArgs: 1, impl: ([s]) => text(s)?.toUpperCase() ?? null },
  trim: trimSpec(true, true),
  ltrim: trimSpec(true, false),
  rtrim: trimSpec(false, true),
  strlen: {
    minArgs: 1,
    maxArgs: 1,
    impl: ([s]) => {
      const str = text(s);
      return str === null ? null : [...str].length;
    },
  },
  substr: {
    minArgs: 2,
    maxArgs: 3,
    impl: ([s, start, len]) => {
      const str = text(s);
      const from = num(start);
      if (str === null || from === null) return null;
      const chars = [...str];
      const a = Math.max(0, Math.trunc(from));
      const n = len === undefined ? chars.length : num(len);
      return n === null ? null : chars.slice(a, a + Math.max(0, Math.trunc(n))).join("");
    },
  },
  replace: {
    minArgs: 3,
    maxArgs: 3,
    impl: ([s, search, repl]) => {
      const str = text(s);
      const from = text(search);
      if (str === null || from === null || from === "") return str;
      return str.split(from).join(text(repl) ?? "");
    },
  },
  abs: numeric(Math.abs),
  ceil: numeric(Math.ceil),
  floor: numeric(Math.floor),
  log: numeric(Math.log),
  sqrt: numeric(Math.sqrt),
  greatest: extreme(Math.max),
  least: extreme(Math.min),
  frommillis: {
    minArgs: 1,
    maxArgs: 1,
    impl: ([v]) => {
      const ms = num(v);
      return ms === null ? null : new Ts(ms);
    },
  },
  tomillis: { minArgs: 1, maxArgs: 1, impl: ([v]) => num(v) },
  datefloor: timeRound(floorTo),
  dateceil: timeRound(ceilTo),
  /** `bin(period)` buckets @timestamp; the evaluator passes the timestamp as the only argument. */
  bin: {
    minArgs: 1,
    maxArgs: 1,
    periodArgs: [0],
    impl: ([t], period) => {
      const ms = num(t);
      return ms === null || !period ? null : new Ts(floorTo(ms, period));
    },
  },
};

/** Aggregate functions of `stats`, with their argument counts (`count(*)` is star). */
export const AGGREGATES: Readonly<Record<string, { minArgs: number; maxArgs: number }>> = {
  count: { minArgs: 0, maxArgs: 1 },
  count_distinct: { minArgs: 1, maxArgs: 1 },
  sum: { minArgs: 1, maxArgs: 1 },
  avg: { minArgs: 1, maxArgs: 1 },
  min: { minArgs: 1, maxArgs: 1 },
  max: { minArgs: 1, maxArgs: 1 },
  stddev: { minArgs: 1, maxArgs: 1 },
  pct: { minArgs: 2, maxArgs: 2 },
  percentile: { minArgs: 2, maxArgs: 2 },
  earliest: { minArgs: 1, maxArgs: 1 },
  latest: { minArgs: 1, maxArgs: 1 },
};

/** Real Insights functions and commands this simulator does not implement (for a clearer error). */
export const UNSUPPORTED_FUNCTIONS = new Set([
  "sortsfirst",
  "sortslast",
  "isvalidip",
  "isvalidipv4",
  "isvalidipv6",
  "isipinsubnet",
  "isipv4insubnet",
  "isipv6insubnet",
  "jsonparse",
]);

export const UNSUPPORTED_COMMANDS = new Set([
  "pattern",
  "diff",
  "unmask",
  "anomaly",
  "filterindex",
  "source",
  "unnest",
  "lookup",
  "logcompare",
  "addtotals",
  "search",
  "head",
  "tail",
  "order",
]);
