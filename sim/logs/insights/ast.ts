/**
 * The syntax tree of a Logs Insights query (the subset documented in ./README.md).
 * Every node keeps its character offsets in the query text, so compile errors can point at it
 * and columns without an alias can be named by their source text, as Insights names them.
 */

export interface Span {
  /** Offset of the node's first character. */
  start: number;
  /** Offset just past the node's last character. */
  end: number;
}

/** A time period such as `5m`: a count of a unit. Months, quarters and years follow the UTC calendar. */
export interface Period {
  count: number;
  unit: PeriodUnit;
}

export type PeriodUnit = "ms" | "s" | "m" | "h" | "d" | "w" | "mo" | "q" | "y";

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithOp = "+" | "-" | "*" | "/" | "%" | "^";

export type Expr = Span &
  (
    | { kind: "number"; value: number }
    | { kind: "string"; value: string }
    /** `/source/` with the `(?i)` inline flag already turned into `flags`. */
    | { kind: "regex"; source: string; flags: string }
    | { kind: "period"; period: Period }
    | { kind: "field"; name: string }
    /** A function or aggregate call; `star` for `count(*)`. Names are lower-cased. */
    | { kind: "call"; name: string; args: Expr[]; star: boolean }
    | { kind: "neg"; operand: Expr }
    | { kind: "not"; operand: Expr }
    | { kind: "arith"; op: ArithOp; left: Expr; right: Expr }
    | { kind: "compare"; op: CompareOp; left: Expr; right: Expr }
    | { kind: "logic"; op: "and" | "or"; left: Expr; right: Expr }
    /** `like`, `not like` and `=~`: substring match for a string pattern, search for a regex. */
    | { kind: "like"; negated: boolean; operand: Expr; pattern: Expr }
    | { kind: "in"; negated: boolean; operand: Expr; list: Expr[] }
  );

/** An output of `fields` or `stats`: its expression and the column name (alias, or the source text). */
export interface NamedExpr {
  expr: Expr;
  name: string;
  /** Whether the name came from `as`. */
  aliased: boolean;
}

export interface SortKey {
  field: string;
  descending: boolean;
}

export type Command = Span &
  (
    | { kind: "fields"; items: NamedExpr[] }
    | { kind: "display"; fields: string[] }
    | { kind: "filter"; expr: Expr }
    | { kind: "stats"; aggregates: NamedExpr[]; by: NamedExpr[] }
    | { kind: "sort"; keys: SortKey[] }
    | { kind: "limit"; count: number }
    | { kind: "dedup"; fields: string[] }
    /** Glob mode: `*` wildcards become `names`; regex mode: the named groups do. */
    | {
        kind: "parse";
        field: string;
        mode: "glob" | "regex";
        pattern: string;
        flags: string;
        names: string[];
      }
  );

export interface Query {
  text: string;
  commands: Command[];
}
