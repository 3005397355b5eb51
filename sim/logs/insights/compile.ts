import type { Expr, Period } from "./ast";
import { eventField, NULL_GETTER, type Getter, type Row } from "./fields";
import { SCALAR_FUNCTIONS } from "./functions";
import { bool, compareValues, toNumber, toText, truthy, type Value } from "./values";

/**
 * Compiles expressions to closures once per query, so the per-event work is a few calls with
 * no tree walking. The parser has already rejected anything the compiler does not handle.
 */

export interface Scope {
  /** After `stats`: rows carry only `vars`, there is no event to read fields from. */
  aggregated: boolean;
  /** Names earlier commands may have set in `vars`. */
  defined: ReadonlySet<string>;
}

export function fieldGetter(name: string, scope: Scope): Getter {
  const base = scope.aggregated ? NULL_GETTER : eventField(name);
  if (!scope.defined.has(name)) return base;
  return (r: Row) => {
    const v = r.vars?.get(name);
    return v === undefined ? base(r) : v;
  };
}

const constant =
  (v: Value): Getter =>
  () =>
    v;

export function compileRegex(source: string, flags: string): RegExp {
  // No g or y flag: test() stays stateless across events.
  return new RegExp(source, flags);
}

export function compileExpr(e: Expr, scope: Scope): Getter {
  switch (e.kind) {
    case "number":
      return constant(e.value);
    case "string":
      return constant(e.value);
    case "regex":
    case "period":
      // The parser only lets these appear where their parent handles them.
      throw new Error(`${e.kind} literal outside like/parse/bin`);
    case "field":
      return fieldGetter(e.name, scope);
    case "neg": {
      const g = compileExpr(e.operand, scope);
      return (r) => {
        const x = toNumber(g(r));
        return x === null ? null : -x;
      };
    }
    case "not": {
      const g = compileExpr(e.operand, scope);
      return (r) => bool(!truthy(g(r)));
    }
    case "logic": {
      const l = compileExpr(e.left, scope);
      const rr = compileExpr(e.right, scope);
      return e.op === "and"
        ? (r) => bool(truthy(l(r)) && truthy(rr(r)))
        : (r) => bool(truthy(l(r)) || truthy(rr(r)));
    }
    case "arith":
      return compileArith(e.op, compileExpr(e.left, scope), compileExpr(e.right, scope));
    case "compare":
      return compileCompare(e, scope);
    case "like":
      return compileLike(e, scope);
    case "in": {
      const g = compileExpr(e.operand, scope);
      const items = e.list.map((x) => compileExpr(x, scope));
      const negated = e.negated;
      return (r) => {
        const v = g(r);
        if (v === null) return 0;
        let found = false;
        for (const item of items) {
          if (compareValues(v, item(r)) === 0) {
            found = true;
            break;
          }
        }
        return bool(found !== negated);
      };
    }
    case "call":
      return compileCall(e, scope);
  }
}

function compileArith(op: string, l: Getter, r: Getter): Getter {
  const f: (x: number, y: number) => number | null =
    op === "+"
      ? (x, y) => x + y
      : op === "-"
        ? (x, y) => x - y
        : op === "*"
          ? (x, y) => x * y
          : op === "/"
            ? (x, y) => (y === 0 ? null : x / y)
            : op === "%"
              ? (x, y) => (y === 0 ? null : x % y)
              : (x, y) => x ** y;
  return (row) => {
    const x = toNumber(l(row));
    if (x === null) return null;
    const y = toNumber(r(row));
    if (y === null) return null;
    const v = f(x, y);
    return v === null || !Number.isFinite(v) ? null : v;
  };
}

function compileCompare(e: Extract<Expr, { kind: "compare" }>, scope: Scope): Getter {
  const test: (c: number) => boolean =
    e.op === "="
      ? (c) => c === 0
      : e.op === "!="
        ? (c) => c !== 0
        : e.op === "<"
          ? (c) => c < 0
          : e.op === "<="
            ? (c) => c <= 0
            : e.op === ">"
              ? (c) => c > 0
              : (c) => c >= 0;
  const l = compileExpr(e.left, scope);
  // Fast path for the commonest filter, `field = "literal"` (`@type = "REPORT"`).
  if ((e.op === "=" || e.op === "!=") && e.right.kind === "string") {
    const lit = e.right.value;
    const eq = e.op === "=";
    return (r) => {
      const v = l(r);
      if (v === null) return 0;
      if (typeof v === "string") return bool(v === lit ? eq : !eq);
      const c = compareValues(v, lit);
      return bool(c !== null && test(c));
    };
  }
  const rr = compileExpr(e.right, scope);
  return (r) => {
    const c = compareValues(l(r), rr(r));
    return bool(c !== null && test(c));
  };
}

function compileLike(e: Extract<Expr, { kind: "like" }>, scope: Scope): Getter {
  const g = compileExpr(e.operand, scope);
  const negated = e.negated;
  let match: (s: string) => boolean;
  if (e.pattern.kind === "regex") {
    const re = compileRegex(e.pattern.source, e.pattern.flags);
    match = (s) => re.test(s);
  } else if (e.pattern.kind === "string") {
    const sub = e.pattern.value;
    match = (s) => s.includes(sub);
  } else throw new Error("like needs a string or regex");
  return (r) => {
    const s = toText(g(r));
    if (s === null) return 0;
    return bool(match(s) !== negated);
  };
}

function compileCall(e: Extract<Expr, { kind: "call" }>, scope: Scope): Getter {
  const spec = SCALAR_FUNCTIONS[e.name];
  if (!spec) throw new Error(`aggregate or unknown function ${e.name} outside stats`);
  if (e.name === "ispresent") {
    const arg = e.args[0];
    const g = arg ? compileExpr(arg, scope) : NULL_GETTER;
    return (r) => (g(r) === null ? 0 : 1);
  }
  let period: Period | undefined;
  const args: Getter[] = [];
  e.args.forEach((a, i) => {
    if (spec.periodArgs?.includes(i)) {
      if (a.kind === "period") period = a.period;
    } else args.push(compileExpr(a, scope));
  });
  // bin(period) reads @timestamp.
  if (e.name === "bin") args.push(fieldGetter("@timestamp", scope));
  const impl = spec.impl;
  if (args.length === 1) {
    const a0 = args[0] ?? NULL_GETTER;
    return (r) => impl([a0(r)], period);
  }
  return (r) =>
    impl(
      args.map((g) => g(r)),
      period,
    );
}
