import { ArraySeries, indexOf, type Grid } from "./series";

/**
 * A subset of CloudWatch metric math ("Metric math syntax and functions",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html):
 * - arithmetic `+ - * / ^` and unary minus between query ids, numbers and parentheses;
 * - functions ABS, CEIL, FLOOR, FILL(x, value | REPEAT | LINEAR), SUM/AVG/MIN/MAX (of one series:
 *   a scalar; of an array `[m1, m2]` or METRICS(): a series), METRICS() / METRICS("filter"),
 *   PERIOD(x), DIFF(x), RATE(x).
 * Between two series, a timestamp missing in either is missing in the result; a result that is not
 * a finite number (division by zero) is missing too.
 */

export class MathError extends Error {}

type Node =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "id"; name: string }
  | { t: "neg"; e: Node }
  | { t: "bin"; op: "+" | "-" | "*" | "/" | "^"; l: Node; r: Node }
  | { t: "call"; name: string; args: Node[] }
  | { t: "list"; items: Node[] };

export type MathValue =
  | { kind: "scalar"; value: number }
  | { kind: "series"; series: ArraySeries }
  | { kind: "array"; items: ArraySeries[] };

export interface MathEnv {
  /** The value of another query by its id; throws MathError when there is none. */
  resolve(id: string): MathValue;
  /** METRICS(): every MetricStat query of the request, optionally those whose id or label contains `filter`. */
  metrics(filter: string | undefined): ArraySeries[];
}

// ---------------------------------------------------------------------------------------------
// parsing

type Token =
  { k: "num"; v: number } | { k: "str"; v: string } | { k: "id"; v: string } | { k: "op"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ k: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new MathError("unterminated string");
      out.push({ k: "str", v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if ("+-*/^()[],".includes(c)) {
      out.push({ k: "op", v: c });
      i++;
      continue;
    }
    throw new MathError(`unexpected character '${c}' at position ${i + 1}`);
  }
  return out;
}

/** Parses a metric math expression; throws MathError with the reason when it is not valid. */
export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => {
    const t = tokens[pos];
    return t !== undefined && t.k === "op" && t.v === v;
  };
  const expect = (v: string) => {
    if (!isOp(v)) throw new MathError(`expected '${v}'`);
    pos++;
  };

  const expr = (): Node => {
    let l = term();
    for (;;) {
      if (isOp("+") || isOp("-")) {
        const op = isOp("+") ? "+" : "-";
        pos++;
        l = { t: "bin", op, l, r: term() };
      } else return l;
    }
  };
  const term = (): Node => {
    let l = unary();
    for (;;) {
      if (isOp("*") || isOp("/")) {
        const op = isOp("*") ? "*" : "/";
        pos++;
        l = { t: "bin", op, l, r: unary() };
      } else return l;
    }
  };
  const unary = (): Node => {
    if (isOp("-")) {
      pos++;
      return { t: "neg", e: unary() };
    }
    if (isOp("+")) {
      pos++;
      return unary();
    }
    const base = primary();
    if (isOp("^")) {
      pos++;
      return { t: "bin", op: "^", l: base, r: unary() };
    }
    return base;
  };
  const list = (close: string): Node[] => {
    const items: Node[] = [];
    if (isOp(close)) {
      pos++;
      return items;
    }
    for (;;) {
      items.push(expr());
      if (isOp(",")) {
        pos++;
        continue;
      }
      expect(close);
      return items;
    }
  };
  const primary = (): Node => {
    const t = peek();
    if (!t) throw new MathError("unexpected end of expression");
    pos++;
    if (t.k === "num") return { t: "num", v: t.v };
    if (t.k === "str") return { t: "str", v: t.v };
    if (t.k === "id") {
      if (isOp("(")) {
        pos++;
        return { t: "call", name: t.v.toUpperCase(), args: list(")") };
      }
      return { t: "id", name: t.v };
    }
    if (t.v === "(") {
      const e = expr();
      expect(")");
      return e;
    }
    if (t.v === "[") return { t: "list", items: list("]") };
    throw new MathError(`unexpected '${t.v}'`);
  };

  const root = expr();
  const rest = peek();
  if (rest) throw new MathError(`unexpected '${rest.v}' after the end of the expression`);
  return root;
}

/** Query ids an expression refers to (for dependency checks). */
export function referencedIds(node: Node, out: Set<string> = new Set()): Set<string> {
  switch (node.t) {
    case "id":
      if (node.name !== "REPEAT" && node.name !== "LINEAR") out.add(node.name);
      break;
    case "neg":
      referencedIds(node.e, out);
      break;
    case "bin":
      referencedIds(node.l, out);
      referencedIds(node.r, out);
      break;
    case "call":
    case "list":
      for (const a of node.t === "call" ? node.args : node.items) referencedIds(a, out);
      break;
    default:
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// evaluation

const finite = (v: number) => (Number.isFinite(v) ? v : NaN);

function applyOp(op: "+" | "-" | "*" | "/" | "^", a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "^":
      return a ** b;
  }
}

function map(s: ArraySeries, f: (v: number) => number, label = s.label): ArraySeries {
  const out = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) {
    const v = s.values[i] ?? NaN;
    out[i] = v === v ? finite(f(v)) : NaN;
  }
  return new ArraySeries(s, out, label);
}

/** The coarser of two grids (larger period); with equal periods, one whose lo..hi covers both. */
function commonGrid(a: Grid, b: Grid): Grid {
  if (a.period > b.period) return a;
  if (b.period > a.period) return b;
  return {
    start: a.start,
    period: a.period,
    n: Math.max(a.n, b.n),
    lo: Math.min(a.lo, b.lo),
    hi: Math.max(a.hi, b.hi),
  };
}

/** A series' values at another grid's timestamps. */
function valuesOn(s: ArraySeries, grid: Grid): Float64Array {
  if (s.start === grid.start && s.period === grid.period && s.n === grid.n) return s.values;
  const out = new Float64Array(grid.n).fill(NaN);
  for (let j = 0; j < grid.n; j++) {
    const i = indexOf(s, grid.start + j * grid.period);
    if (i >= 0) out[j] = s.values[i] ?? NaN;
  }
  return out;
}

function combine(op: "+" | "-" | "*" | "/" | "^", a: ArraySeries, b: ArraySeries): ArraySeries {
  const grid = commonGrid(a, b);
  const x = valuesOn(a, grid);
  const y = valuesOn(b, grid);
  const out = new Float64Array(grid.n);
  for (let i = 0; i < grid.n; i++) out[i] = finite(applyOp(op, x[i] ?? NaN, y[i] ?? NaN));
  return new ArraySeries(grid, out, a.label);
}

function binary(op: "+" | "-" | "*" | "/" | "^", l: MathValue, r: MathValue): MathValue {
  if (l.kind === "scalar" && r.kind === "scalar")
    return { kind: "scalar", value: applyOp(op, l.value, r.value) };
  if (l.kind === "array" && r.kind === "array")
    throw new MathError("cannot combine two arrays of time series");
  if (l.kind === "array")
    return {
      kind: "array",
      items: l.items.map((s) => asSeries(binary(op, { kind: "series", series: s }, r))),
    };
  if (r.kind === "array")
    return {
      kind: "array",
      items: r.items.map((s) => asSeries(binary(op, l, { kind: "series", series: s }))),
    };
  if (l.kind === "series" && r.kind === "scalar")
    return { kind: "series", series: map(l.series, (v) => applyOp(op, v, r.value)) };
  if (l.kind === "scalar" && r.kind === "series")
    return { kind: "series", series: map(r.series, (v) => applyOp(op, l.value, v)) };
  if (l.kind === "series" && r.kind === "series")
    return { kind: "series", series: combine(op, l.series, r.series) };
  throw new MathError("unsupported operands");
}

function asSeries(v: MathValue): ArraySeries {
  if (v.kind !== "series") throw new MathError("expected a time series");
  return v.series;
}

function elementwise(v: MathValue, f: (x: number) => number): MathValue {
  switch (v.kind) {
    case "scalar":
      return { kind: "scalar", value: f(v.value) };
    case "series":
      return { kind: "series", series: map(v.series, f) };
    case "array":
      return { kind: "array", items: v.items.map((s) => map(s, f)) };
  }
}

function fill(s: ArraySeries, how: number | "REPEAT" | "LINEAR"): ArraySeries {
  const out = Float64Array.from(s.values);
  const lo = Math.max(0, s.lo);
  const hi = Math.min(s.n - 1, s.hi);
  if (typeof how === "number") {
    for (let i = lo; i <= hi; i++) if (Number.isNaN(out[i] ?? NaN)) out[i] = how;
    return new ArraySeries(s, out, s.label);
  }
  // REPEAT: the last value before the gap (the first one for a leading gap); LINEAR: interpolate.
  let prev = -1;
  for (let i = lo; i <= hi; i++) {
    const v = out[i] ?? NaN;
    if (Number.isNaN(v)) continue;
    const prevValue = prev >= 0 ? (out[prev] ?? v) : v;
    for (let j = prev >= 0 ? prev + 1 : lo; j < i; j++)
      out[j] =
        how === "REPEAT" || prev < 0 ? prevValue : prevValue + ((v - prevValue) * (j - prev)) / (i - prev);
    prev = i;
  }
  if (prev >= 0) for (let j = prev + 1; j <= hi; j++) out[j] = out[prev] ?? NaN;
  return new ArraySeries(s, out, s.label);
}

type Reducer = (acc: number, v: number) => number;
const REDUCERS: Readonly<Record<string, { init: number; step: Reducer; mean: boolean }>> = {
  SUM: { init: 0, step: (a, v) => a + v, mean: false },
  AVG: { init: 0, step: (a, v) => a + v, mean: true },
  MIN: { init: Infinity, step: Math.min, mean: false },
  MAX: { init: -Infinity, step: Math.max, mean: false },
};

function reduce(name: string, v: MathValue): MathValue {
  const r = REDUCERS[name];
  if (!r) throw new MathError(`unknown function ${name}`);
  if (v.kind === "scalar") return v;
  if (v.kind === "series") {
    // One series: a scalar over its datapoints.
    let acc = r.init;
    let n = 0;
    for (const x of v.series.values)
      if (x === x) {
        acc = r.step(acc, x);
        n++;
      }
    return { kind: "scalar", value: n === 0 ? NaN : r.mean ? acc / n : acc };
  }
  // An array: a series, per timestamp over the series that have a datapoint there.
  const first = v.items[0];
  if (!first) return { kind: "scalar", value: NaN };
  let grid: Grid = first;
  for (const s of v.items) grid = commonGrid(grid, s);
  const columns = v.items.map((s) => valuesOn(s, grid));
  const out = new Float64Array(grid.n);
  for (let i = 0; i < grid.n; i++) {
    let acc = r.init;
    let n = 0;
    for (const c of columns) {
      const x = c[i] ?? NaN;
      if (x === x) {
        acc = r.step(acc, x);
        n++;
      }
    }
    out[i] = n === 0 ? NaN : r.mean ? acc / n : acc;
  }
  return { kind: "series", series: new ArraySeries(grid, out, name) };
}

function difference(s: ArraySeries, perSecond: boolean): ArraySeries {
  const out = new Float64Array(s.n).fill(NaN);
  let prev = -1;
  for (let i = 0; i < s.n; i++) {
    const v = s.values[i] ?? NaN;
    if (Number.isNaN(v)) continue;
    if (prev >= 0) {
      const d = v - (s.values[prev] ?? NaN);
      out[i] = finite(perSecond ? d / (((i - prev) * s.period) / 1000) : d);
    }
    prev = i;
  }
  return new ArraySeries(s, out, s.label);
}

function perSeries(v: MathValue, f: (s: ArraySeries) => ArraySeries): MathValue {
  if (v.kind === "series") return { kind: "series", series: f(v.series) };
  if (v.kind === "array") return { kind: "array", items: v.items.map(f) };
  throw new MathError("expected a time series");
}

function arity(name: string, args: Node[], min: number, max = min): void {
  if (args.length < min || args.length > max)
    throw new MathError(
      `${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}`,
    );
}

export function evaluate(node: Node, env: MathEnv): MathValue {
  switch (node.t) {
    case "num":
      return { kind: "scalar", value: node.v };
    case "str":
      throw new MathError(`a string ("${node.v}") is only allowed as the argument of METRICS`);
    case "id":
      return env.resolve(node.name);
    case "neg":
      return elementwise(evaluate(node.e, env), (x) => -x);
    case "bin":
      return binary(node.op, evaluate(node.l, env), evaluate(node.r, env));
    case "list": {
      const items: ArraySeries[] = [];
      for (const item of node.items) {
        const v = evaluate(item, env);
        if (v.kind === "scalar") throw new MathError("an array may hold only time series");
        if (v.kind === "series") items.push(v.series);
        else items.push(...v.items);
      }
      return { kind: "array", items };
    }
    case "call":
      return call(node.name, node.args, env);
  }
}

function call(name: string, args: Node[], env: MathEnv): MathValue {
  switch (name) {
    case "ABS":
    case "CEIL":
    case "FLOOR": {
      arity(name, args, 1);
      const f = name === "ABS" ? Math.abs : name === "CEIL" ? Math.ceil : Math.floor;
      return elementwise(evaluate(args[0] as Node, env), f);
    }
    case "FILL": {
      arity(name, args, 2);
      const how = args[1] as Node;
      let with_: number | "REPEAT" | "LINEAR";
      if (how.t === "id" && (how.name === "REPEAT" || how.name === "LINEAR")) with_ = how.name;
      else {
        const v = evaluate(how, env);
        if (v.kind !== "scalar")
          throw new MathError("the second argument of FILL must be a number, REPEAT or LINEAR");
        with_ = v.value;
      }
      return perSeries(evaluate(args[0] as Node, env), (s) => fill(s, with_));
    }
    case "SUM":
    case "AVG":
    case "MIN":
    case "MAX":
      arity(name, args, 1);
      return reduce(name, evaluate(args[0] as Node, env));
    case "METRICS": {
      arity(name, args, 0, 1);
      const f = args[0];
      if (f && f.t !== "str") throw new MathError("the argument of METRICS must be a string");
      return { kind: "array", items: env.metrics(f?.v) };
    }
    case "PERIOD": {
      arity(name, args, 1);
      const v = evaluate(args[0] as Node, env);
      const s = v.kind === "series" ? v.series : v.kind === "array" ? v.items[0] : undefined;
      if (!s) throw new MathError("PERIOD needs a time series");
      return { kind: "scalar", value: s.period / 1000 };
    }
    case "DIFF":
    case "RATE":
      arity(name, args, 1);
      return perSeries(evaluate(args[0] as Node, env), (s) => difference(s, name === "RATE"));
    default:
      throw new MathError(`unknown or unsupported function ${name}`);
  }
}
