import type { LogEvent } from "../../model/logs";
import type { Command, Expr, NamedExpr, Query } from "./ast";
import { compileExpr, compileRegex, fieldGetter, type Scope } from "./compile";
import { NULL_GETTER, pointerOf, type Getter, type Row } from "./fields";
import { AGGREGATES } from "./functions";
import { MAX_LIMIT } from "./parser";
import { formatValue, keyOf, sortCompare, toNumber, toText, truthy, Ts, type Value } from "./values";

/**
 * Runs a parsed query over events. Commands before the first `stats`, `sort`, `limit` or
 * `dedup` stream over the events one at a time; from there on they work on the rows kept.
 * Non-aggregated results come newest first unless the query sorts them (Insights' default).
 */

export interface QueryEvent {
  event: LogEvent;
  /** `<account>:<log group name>`, the value of `@log`. */
  logGroup: string;
}

export interface ResultField {
  field: string;
  value: string;
}

export interface QueryStatistics {
  /** Events that passed the query's leading filters (before any stats, sort, limit or dedup). */
  recordsMatched: number;
  recordsScanned: number;
  /** Sum of message lengths (UTF-16 code units; equal to bytes for ASCII logs). */
  bytesScanned: number;
}

export interface QueryResult {
  rows: ResultField[][];
  statistics: QueryStatistics;
}

export const DEFAULT_RESULT_LIMIT = 10_000;
const DEFAULT_COLUMNS = ["@timestamp", "@message", "@logStream", "@log"];

type Step = (r: Row) => boolean;

interface Plan {
  /** Streaming steps run on every event, up to the first barrier command. */
  head: Step[];
  /** The rest, run on materialized rows. */
  tail: Array<(rows: Row[]) => Row[]>;
  /** Whether the first barrier is a `stats` (then events go straight into its groups). */
  streamStats: StatsPlan | undefined;
  columns: string[];
  output: Getter[];
  aggregated: boolean;
  hasLimit: boolean;
}

export function runQuery(
  query: Query,
  events: Iterable<QueryEvent>,
  opts: { limit?: number } = {},
): QueryResult {
  const run = new QueryRun(query, events, opts);
  run.advance(Number.POSITIVE_INFINITY);
  return run.result();
}

/**
 * A query run that can be advanced a slice of events at a time, so a long scan never holds the
 * event loop (the sim keeps answering other calls while a query runs, as AWS does).
 */
export class QueryRun {
  private readonly plan: Plan;
  private readonly iterator: Iterator<QueryEvent>;
  private readonly groups: Groups | undefined;
  private readonly kept: Row[] = [];
  // Rows that fail the leading filters reuse one object, so a skipped event costs no allocation.
  private readonly scratch: Row = { ev: undefined, log: "", vars: undefined, json: undefined };
  private scanned = 0;
  private bytes = 0;
  private matched = 0;
  private finished = false;

  constructor(
    query: Query,
    events: Iterable<QueryEvent>,
    private readonly opts: { limit?: number } = {},
  ) {
    this.plan = compile(query.commands);
    this.iterator = events[Symbol.iterator]();
    this.groups = this.plan.streamStats ? new Groups(this.plan.streamStats) : undefined;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Scans up to `maxEvents` more events; true once every event has been scanned. */
  advance(maxEvents: number): boolean {
    const { head } = this.plan;
    const row = this.scratch;
    let budget = maxEvents;
    outer: while (!this.finished && budget-- > 0) {
      const next = this.iterator.next();
      if (next.done) {
        this.finished = true;
        break;
      }
      const { event, logGroup } = next.value;
      this.scanned++;
      this.bytes += event.message.length;
      row.ev = event;
      row.log = logGroup;
      row.vars = undefined;
      row.json = undefined;
      for (const step of head) if (!step(row)) continue outer;
      this.matched++;
      if (this.groups) this.groups.add(row);
      else this.kept.push({ ev: row.ev, log: row.log, vars: row.vars, json: row.json });
    }
    return this.finished;
  }

  /** The result of the events scanned so far (all of them once `done`). */
  result(): QueryResult {
    const { plan, opts } = this;
    let rows: Row[];
    if (this.groups) rows = this.groups.rows();
    else {
      // Insights' default order: newest first; events at the same ms come out in reverse log order too.
      rows = [...this.kept].reverse();
      rows.sort((a, b) => (b.ev?.timestamp ?? 0) - (a.ev?.timestamp ?? 0));
    }
    for (const stage of plan.tail) rows = stage(rows);
    if (!plan.hasLimit) rows = rows.slice(0, Math.min(MAX_LIMIT, opts.limit ?? DEFAULT_RESULT_LIMIT));

    const out: ResultField[][] = [];
    const { columns, output } = plan;
    for (const r of rows) {
      const fields: ResultField[] = [];
      for (let i = 0; i < columns.length; i++) {
        const value = formatValue((output[i] ?? NULL_GETTER)(r));
        if (value !== null) fields.push({ field: columns[i] ?? "", value });
      }
      if (!plan.aggregated) {
        const ptr = pointerOf(r);
        if (ptr !== null) fields.push({ field: "@ptr", value: ptr });
      }
      out.push(fields);
    }
    return {
      rows: out,
      statistics: { recordsMatched: this.matched, recordsScanned: this.scanned, bytesScanned: this.bytes },
    };
  }
}

function setVar(r: Row, name: string, v: Value): void {
  if (!r.vars) r.vars = new Map();
  r.vars.set(name, v);
}

/** Glob pattern of `parse`: `*` captures lazily, except a final `*`, which takes the rest of the line. */
export function globToRegex(glob: string): RegExp {
  const parts = glob.split("*");
  let src = "";
  parts.forEach((part, i) => {
    src += part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    if (i < parts.length - 1)
      src += i === parts.length - 2 && parts[parts.length - 1] === "" ? "(.*)" : "(.*?)";
  });
  return new RegExp(src);
}

function compileParse(cmd: Extract<Command, { kind: "parse" }>, scope: Scope): Step {
  const source = fieldGetter(cmd.field, scope);
  const names = cmd.names;
  if (cmd.mode === "glob") {
    const re = globToRegex(cmd.pattern);
    return (r) => {
      const s = toText(source(r));
      const m = s === null ? null : re.exec(s);
      if (m) names.forEach((name, i) => setVar(r, name, m[i + 1] ?? null));
      return true;
    };
  }
  const re = compileRegex(cmd.pattern, cmd.flags);
  return (r) => {
    const s = toText(source(r));
    const groups = s === null ? undefined : re.exec(s)?.groups;
    if (groups)
      for (const name of names) if (groups[name] !== undefined) setVar(r, name, groups[name] ?? null);
    return true;
  };
}

function compileFields(items: NamedExpr[], scope: Scope): Step {
  const assigns = items
    .filter((item) => item.aliased || item.expr.kind !== "field")
    .map((item) => ({ name: item.name, get: compileExpr(item.expr, scope) }));
  return (r) => {
    for (const a of assigns) setVar(r, a.name, a.get(r));
    return true;
  };
}

function compile(commands: Command[]): Plan {
  let scope: Scope = { aggregated: false, defined: new Set() };
  const define = (names: string[]) => {
    scope = { ...scope, defined: new Set([...scope.defined, ...names]) };
  };
  const head: Step[] = [];
  const tail: Plan["tail"] = [];
  let streaming = true;
  let streamStats: StatsPlan | undefined;
  let columns: string[] = [];
  let hasFields = false;
  let display: string[] | undefined;
  let hasLimit = false;

  const addStep = (step: Step) => {
    if (streaming) head.push(step);
    else tail.push((rows) => rows.filter(step));
  };
  const addColumns = (names: string[]) => {
    for (const n of names) if (!columns.includes(n)) columns.push(n);
  };

  for (const cmd of commands) {
    switch (cmd.kind) {
      case "filter": {
        const g = compileExpr(cmd.expr, scope);
        addStep((r) => truthy(g(r)));
        break;
      }
      case "parse":
        addStep(compileParse(cmd, scope));
        define(cmd.names);
        addColumns(cmd.names);
        break;
      case "fields":
        addStep(compileFields(cmd.items, scope));
        define(cmd.items.map((i) => i.name));
        addColumns(cmd.items.map((i) => i.name));
        hasFields = true;
        break;
      case "display":
        display = cmd.fields;
        break;
      case "stats": {
        const plan = compileStats(cmd.aggregates, cmd.by, scope);
        if (streaming) streamStats = plan;
        else
          tail.push((rows) => {
            const groups = new Groups(plan);
            for (const r of rows) groups.add(r);
            return groups.rows();
          });
        streaming = false;
        scope = { aggregated: true, defined: new Set(plan.outputNames) };
        columns = [...plan.outputNames];
        hasFields = true;
        break;
      }
      case "sort": {
        const keys = cmd.keys.map((k) => ({ get: fieldGetter(k.field, scope), desc: k.descending }));
        streaming = false;
        tail.push((rows) => sortRows(rows, keys));
        break;
      }
      case "limit": {
        const n = cmd.count;
        streaming = false;
        hasLimit = true;
        tail.push((rows) => rows.slice(0, n));
        break;
      }
      case "dedup": {
        const keys = cmd.fields.map((f) => fieldGetter(f, scope));
        streaming = false;
        tail.push((rows) => dedupRows(rows, keys));
        break;
      }
    }
  }

  if (!hasFields && !scope.aggregated)
    columns = [...DEFAULT_COLUMNS, ...columns.filter((c) => !DEFAULT_COLUMNS.includes(c))];
  const finalColumns = display ?? columns;
  return {
    head,
    tail,
    streamStats,
    columns: finalColumns,
    output: finalColumns.map((c) => fieldGetter(c, scope)),
    aggregated: scope.aggregated,
    hasLimit,
  };
}

function sortRows(rows: Row[], keys: Array<{ get: Getter; desc: boolean }>): Row[] {
  const decorated = rows.map((row, i) => ({ row, i, values: keys.map((k) => k.get(row)) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = a.values[k] ?? null;
      const y = b.values[k] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return x === null ? 1 : -1; // absent values last, whatever the direction
      }
      const c = sortCompare(x, y);
      if (c !== 0) return keys[k]?.desc ? -c : c;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.row);
}

function dedupRows(rows: Row[], keys: Getter[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    let key = "";
    for (const k of keys) {
      const v = k(r);
      if (v === null) return true; // null values are never duplicates
      key += `${keyOf(v)}\u0001`;
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// stats

interface Accumulator {
  add(v: Value, r: Row): void;
  result(): Value;
}

interface SlotSpec {
  name: string;
  /** Index of its argument among the plan's distinct arguments, or -1 (`count(*)`). */
  arg: number;
  p: number;
}

function timeOf(r: Row, order: number): number {
  return r.ev ? r.ev.timestamp : order;
}

function makeAccumulator(spec: SlotSpec): Accumulator {
  switch (spec.name) {
    case "count": {
      let n = 0;
      return spec.arg >= 0
        ? { add: (v) => void (v !== null && n++), result: () => n }
        : { add: () => void n++, result: () => n };
    }
    case "count_distinct": {
      const seen = new Set<string>();
      return { add: (v) => void (v !== null && seen.add(keyOf(v))), result: () => seen.size };
    }
    case "sum":
    case "avg": {
      let sum = 0;
      let n = 0;
      const avg = spec.name === "avg";
      return {
        add: (v) => {
          const x = toNumber(v);
          if (x !== null) {
            sum += x;
            n++;
          }
        },
        result: () => (n === 0 ? null : avg ? sum / n : sum),
      };
    }
    case "min":
    case "max": {
      const max = spec.name === "max";
      let best: Value = null;
      let bestNum: number | null = null;
      return {
        add: (v) => {
          if (v === null) return;
          const x = toNumber(v);
          if (x !== null) {
            if (bestNum === null || (max ? x > bestNum : x < bestNum)) {
              bestNum = x;
              best = v instanceof Ts ? v : x;
            }
          } else if (bestNum === null) {
            const s = toText(v) ?? "";
            const cur = typeof best === "string" ? best : null;
            if (cur === null || (max ? s > cur : s < cur)) best = s;
          }
        },
        result: () => best,
      };
    }
    case "stddev": {
      // Welford; the sample standard deviation (n - 1).
      let n = 0;
      let mean = 0;
      let m2 = 0;
      return {
        add: (v) => {
          const x = toNumber(v);
          if (x === null) return;
          n++;
          const d = x - mean;
          mean += d / n;
          m2 += d * (x - mean);
        },
        result: () => (n === 0 ? null : n === 1 ? 0 : Math.sqrt(m2 / (n - 1))),
      };
    }
    case "pct":
    case "percentile": {
      const values: number[] = [];
      const p = spec.p;
      return {
        add: (v) => {
          const x = toNumber(v);
          if (x !== null) values.push(x);
        },
        // Nearest rank, like the metrics model's percentiles, so p99 from logs and metrics agree.
        result: () => {
          if (values.length === 0) return null;
          const rank = Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1));
          return nthSmallest(Float64Array.from(values), rank);
        },
      };
    }
    case "earliest":
    case "latest": {
      const latest = spec.name === "latest";
      let best: Value = null;
      let bestAt = 0;
      let order = 0;
      return {
        add: (v, r) => {
          order++;
          if (v === null) return;
          const at = timeOf(r, order);
          if (best === null || (latest ? at >= bestAt : at < bestAt)) {
            best = v;
            bestAt = at;
          }
        },
        result: () => best,
      };
    }
    default:
      throw new Error(`unknown aggregate ${spec.name}`);
  }
}

/**
 * The value of rank k (0-based) in ascending order, found by selection rather than a sort (a day
 * of a busy function is tens of thousands of values): quickselect with a three-way partition, so
 * runs of equal values (memory sizes, rounded durations) cost one pass. Reorders `a`.
 */
export function nthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Median of three as the pivot.
    const x = a[lo] ?? 0;
    const y = a[(lo + hi) >>> 1] ?? 0;
    const z = a[hi] ?? 0;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i] ?? 0;
      if (v < pivot) {
        a[i++] = a[lt] ?? 0;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt] ?? 0;
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k] ?? NaN;
}

interface StatsPlan {
  slots: SlotSpec[];
  /** The aggregates' distinct arguments: each is read once per row however many aggregates use it. */
  args: Getter[];
  keys: Getter[];
  keyNames: string[];
  /** Per output, evaluated over a row whose vars hold the keys, the slots and earlier outputs. */
  outputs: Array<{ name: string; get: Getter }>;
  outputNames: string[];
}

const slotName = (i: number) => `\u0000agg${i}`;

/** An expression's text-independent identity: its tree without source positions. */
const shapeOf = (e: Expr) =>
  JSON.stringify(e, (k, v: unknown) => (k === "start" || k === "end" ? undefined : v));

function compileStats(aggregates: NamedExpr[], by: NamedExpr[], input: Scope): StatsPlan {
  const slots: SlotSpec[] = [];
  const args: Getter[] = [];
  const argIndexes = new Map<string, number>();
  const argIndex = (e: Expr): number => {
    const shape = shapeOf(e);
    let i = argIndexes.get(shape);
    if (i === undefined) {
      i = args.push(compileExpr(e, input)) - 1;
      argIndexes.set(shape, i);
    }
    return i;
  };
  // Replace each aggregate call by a reference to its slot, then compile over the group's row.
  const rewrite = (e: Expr): Expr => {
    switch (e.kind) {
      case "call": {
        if (Object.hasOwn(AGGREGATES, e.name)) {
          const argExpr = e.star ? undefined : e.args[0];
          const pArg = e.args[1];
          slots.push({
            name: e.name,
            arg: argExpr ? argIndex(argExpr) : -1,
            p: pArg && pArg.kind === "number" ? pArg.value : 50,
          });
          return { kind: "field", name: slotName(slots.length - 1), start: e.start, end: e.end };
        }
        return { ...e, args: e.args.map(rewrite) };
      }
      case "neg":
      case "not":
        return { ...e, operand: rewrite(e.operand) };
      case "arith":
      case "compare":
      case "logic":
        return { ...e, left: rewrite(e.left), right: rewrite(e.right) };
      case "like":
        return { ...e, operand: rewrite(e.operand) };
      case "in":
        return { ...e, operand: rewrite(e.operand), list: e.list.map(rewrite) };
      default:
        return e;
    }
  };
  const keyNames = by.map((k) => k.name);
  const rewritten = aggregates.map((a) => ({ name: a.name, expr: rewrite(a.expr) }));
  const groupScope: Scope = {
    aggregated: true,
    defined: new Set([...keyNames, ...slots.map((_, i) => slotName(i)), ...aggregates.map((a) => a.name)]),
  };
  const outputs = rewritten.map((a) => ({ name: a.name, get: compileExpr(a.expr, groupScope) }));
  const outputNames: string[] = [];
  for (const n of [...keyNames, ...aggregates.map((a) => a.name)])
    if (!outputNames.includes(n)) outputNames.push(n);
  return { slots, args, keys: by.map((k) => compileExpr(k.expr, input)), keyNames, outputs, outputNames };
}

interface Group {
  keys: Value[];
  accs: Accumulator[];
}

/** Groups rows by the `by` keys, in order of first appearance (events come oldest first, so bins ascend). */
class Groups {
  /** Groups in order of first appearance. */
  private readonly order: Group[] = [];
  private readonly byKey = new Map<string, Group>();
  /** With one `by` key, its string and number values index groups directly (no key string per row). */
  private readonly byString = new Map<string, Group>();
  private readonly byNumber = new Map<number, Group>();
  /** The row's argument values, reused from row to row. */
  private readonly argValues: Value[] = [];

  constructor(private readonly plan: StatsPlan) {}

  add(r: Row): void {
    const { keys, slots, args } = this.plan;
    const g = keys.length === 1 ? this.single(keys[0]?.(r) ?? null) : this.compound(r);
    const values = this.argValues;
    for (let i = 0; i < args.length; i++) values[i] = (args[i] ?? NULL_GETTER)(r);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const acc = g.accs[i];
      if (!slot || !acc) continue;
      acc.add(slot.arg < 0 ? null : (values[slot.arg] ?? null), r);
    }
  }

  private create(values: Value[]): Group {
    const g = { keys: values, accs: this.plan.slots.map(makeAccumulator) };
    this.order.push(g);
    return g;
  }

  /** The group of a single key's value: the same grouping as by keyOf, without building the key. */
  private single(v: Value): Group {
    if (typeof v === "string") return this.lookup(this.byString, v, v);
    if (typeof v === "number") return this.lookup(this.byNumber, v, v);
    return this.lookup(this.byKey, `${keyOf(v)}\u0001`, v);
  }

  /** The group under `key`; a new one holds `values` (one key's value, or all of them). */
  private lookup<K>(map: Map<K, Group>, key: K, values: Value | Value[]): Group {
    let g = map.get(key);
    if (!g) {
      g = this.create(Array.isArray(values) ? values : [values]);
      map.set(key, g);
    }
    return g;
  }

  private compound(r: Row): Group {
    let key = "";
    const values: Value[] = [];
    for (const k of this.plan.keys) {
      const v = k(r);
      values.push(v);
      key += `${keyOf(v)}\u0001`;
    }
    return this.lookup(this.byKey, key, values);
  }

  rows(): Row[] {
    const { keyNames, outputs } = this.plan;
    const out: Row[] = [];
    // With no `by`, stats over no events still answers one row (count() = 0).
    if (this.order.length === 0 && keyNames.length === 0) this.create([]);
    for (const g of this.order) {
      const vars = new Map<string, Value>();
      keyNames.forEach((name, i) => vars.set(name, g.keys[i] ?? null));
      g.accs.forEach((acc, i) => vars.set(slotName(i), acc.result()));
      const row: Row = { ev: undefined, log: "", vars, json: null };
      for (const o of outputs) vars.set(o.name, o.get(row));
      for (let i = 0; i < g.accs.length; i++) vars.delete(slotName(i));
      out.push(row);
    }
    return out;
  }
}
