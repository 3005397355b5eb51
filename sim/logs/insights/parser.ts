import type { Command, CompareOp, Expr, NamedExpr, Query, SortKey } from "./ast";
import { invalidAt, unexpected, type MalformedQuery } from "./errors";
import { AGGREGATES, SCALAR_FUNCTIONS, UNSUPPORTED_COMMANDS, UNSUPPORTED_FUNCTIONS } from "./functions";
import { Lexer, type Token } from "./lexer";

/**
 * Recursive-descent parser for the Logs Insights subset in ./README.md, followed by a check of
 * what the grammar alone cannot see (unknown functions, aggregates outside `stats`, regexes
 * JavaScript cannot compile). Whatever it accepts the evaluator can run; whatever it does not
 * understand throws MalformedQuery, never a silently different query.
 */
export function parseQuery(text: string): Query {
  const parser = new Parser(text);
  const commands = parser.parseCommands();
  validate(text, commands);
  return { text, commands };
}

const COMMANDS = new Set(["fields", "display", "filter", "stats", "sort", "limit", "dedup", "parse"]);
/** Words that cannot be bare field names (use backticks for a field called `as`). */
const RESERVED = new Set(["and", "or", "not", "like", "in", "as", "by", "asc", "desc"]);
const COMPARE_OPS = new Set(["=", "!=", "<", "<=", ">", ">="]);
/** Largest `limit` Insights accepts (reference 4.5). */
export const MAX_LIMIT = 100_000;

/** Turns an Insights regex into a JavaScript one: inline `(?i)`/`(?s)`/`(?m)` become flags, `(?P<n>` becomes `(?<n>`. */
export function toJsRegex(source: string): { source: string; flags: string } {
  let flags = "";
  let src = source.replace(/\(\?([ism]+)\)/g, (_, f: string) => {
    for (const ch of f) if (!flags.includes(ch)) flags += ch;
    return "";
  });
  src = src.replace(/\(\?P</g, "(?<");
  return { source: src, flags };
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;

  constructor(private readonly text: string) {
    this.lexer = new Lexer(text);
    this.tok = this.lexer.scan(0);
  }

  /** End offset of the last token consumed. */
  private prevEnd = 0;

  private advance(): Token {
    const t = this.tok;
    this.prevEnd = t.end;
    this.tok = this.lexer.scan(t.end);
    return t;
  }

  private fail(t: Token = this.tok, note?: string): MalformedQuery {
    return unexpected(this.text, t.start, Math.max(t.end, t.start + 1), t.text, note);
  }

  private isOp(text: string): boolean {
    return this.tok.type === "op" && this.tok.text === text;
  }

  private isKeyword(word: string): boolean {
    return this.tok.type === "ident" && !this.tok.quoted && this.tok.text.toLowerCase() === word;
  }

  private expectOp(text: string): Token {
    if (!this.isOp(text)) throw this.fail();
    return this.advance();
  }

  private expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.fail();
    return this.advance();
  }

  /** A field name: a bare identifier that is not a reserved word, or a backticked one. */
  private fieldName(): string {
    const t = this.tok;
    if (t.type !== "ident" || (!t.quoted && RESERVED.has(t.text.toLowerCase()))) throw this.fail();
    this.advance();
    return t.text;
  }

  private fieldList(): string[] {
    const names = [this.fieldName()];
    while (this.isOp(",")) {
      this.advance();
      names.push(this.fieldName());
    }
    return names;
  }

  parseCommands(): Command[] {
    const commands = [this.command()];
    while (this.isOp("|")) {
      this.advance();
      commands.push(this.command());
    }
    if (this.tok.type !== "eof") throw this.fail();
    return commands;
  }

  private command(): Command {
    const t = this.tok;
    if (t.type !== "ident" || t.quoted) throw this.fail();
    const name = t.text.toLowerCase();
    if (!COMMANDS.has(name)) {
      throw this.fail(
        t,
        UNSUPPORTED_COMMANDS.has(name) ? `the ${name} command is not supported by the simulator` : undefined,
      );
    }
    this.advance();
    const start = t.start;
    const span = () => ({ start, end: this.prevEnd });
    switch (name) {
      case "fields":
        return { kind: "fields", items: this.namedList(), ...span() };
      case "display":
        return { kind: "display", fields: this.fieldList(), ...span() };
      case "filter":
        return { kind: "filter", expr: this.expr(), ...span() };
      case "stats": {
        const aggregates = this.namedList();
        let by: NamedExpr[] = [];
        if (this.isKeyword("by")) {
          this.advance();
          by = this.namedList();
        }
        return { kind: "stats", aggregates, by, ...span() };
      }
      case "sort": {
        if (this.isKeyword("by")) this.advance();
        const keys: SortKey[] = [];
        for (;;) {
          const field = this.fieldName();
          let descending = false;
          if (this.isKeyword("desc")) {
            descending = true;
            this.advance();
          } else if (this.isKeyword("asc")) this.advance();
          keys.push({ field, descending });
          if (!this.isOp(",")) break;
          this.advance();
        }
        return { kind: "sort", keys, ...span() };
      }
      case "limit": {
        const n = this.tok;
        if (n.type !== "number" || !Number.isInteger(n.value) || n.value < 1) throw this.fail();
        if (n.value > MAX_LIMIT)
          throw invalidAt(this.text, n.start, n.end, `limit must be at most ${MAX_LIMIT}`);
        this.advance();
        return { kind: "limit", count: n.value, ...span() };
      }
      case "dedup":
        return { kind: "dedup", fields: this.fieldList(), ...span() };
      default: // "parse"
        return { ...this.parseClause(), ...span() };
    }
  }

  /** `parse [field] "glob" as a, b` or `parse [field] /regex with (?<name>...)/`. */
  private parseClause(): Omit<Extract<Command, { kind: "parse" }>, "start" | "end"> {
    let field = "@message";
    if (this.tok.type === "ident") field = this.fieldName();
    const t = this.tok;
    if (t.type === "string") {
      this.advance();
      this.expectKeyword("as");
      const names = this.fieldList();
      const stars = t.value.split("*").length - 1;
      if (stars !== names.length)
        throw invalidAt(
          this.text,
          t.start,
          t.end,
          `parse pattern has ${stars} wildcards but ${names.length} names`,
        );
      return { kind: "parse", field, mode: "glob", pattern: t.value, flags: "", names };
    }
    if (t.type === "op" && t.text === "/") {
      const lit = this.regexLiteral(t.start);
      const names = [...lit.source.matchAll(/\(\?<([A-Za-z_@][A-Za-z0-9_.@]*)>/g)].map((m) => m[1] ?? "");
      if (names.length === 0)
        throw invalidAt(
          this.text,
          t.start,
          lit.end,
          "parse regex needs a named capturing group (?<name>...)",
        );
      return { kind: "parse", field, mode: "regex", pattern: lit.source, flags: lit.flags, names };
    }
    throw this.fail();
  }

  /** Reads a regex literal whose `/` is at `start`, validates it, and moves past it. */
  private regexLiteral(start: number): { source: string; flags: string; end: number } {
    const raw = this.lexer.readRegex(start);
    const js = toJsRegex(raw.source);
    try {
      new RegExp(js.source, js.flags);
    } catch (err) {
      throw invalidAt(this.text, start, raw.end, `invalid regular expression: ${(err as Error).message}`);
    }
    this.tok = this.lexer.scan(raw.end);
    this.prevEnd = raw.end;
    return { ...js, end: raw.end };
  }

  private namedList(): NamedExpr[] {
    const items = [this.named()];
    while (this.isOp(",")) {
      this.advance();
      items.push(this.named());
    }
    return items;
  }

  private named(): NamedExpr {
    const expr = this.expr();
    if (this.isKeyword("as")) {
      this.advance();
      return { expr, name: this.fieldName(), aliased: true };
    }
    const name =
      expr.kind === "field" ? expr.name : this.text.slice(expr.start, expr.end).replace(/\s+/g, " ");
    return { expr, name, aliased: false };
  }

  expr(): Expr {
    return this.or();
  }

  private or(): Expr {
    let left = this.and();
    while (this.isKeyword("or")) {
      this.advance();
      const right = this.and();
      left = { kind: "logic", op: "or", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword("and")) {
      this.advance();
      const right = this.not();
      left = { kind: "logic", op: "and", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword("not")) {
      const t = this.advance();
      const operand = this.not();
      return { kind: "not", operand, start: t.start, end: operand.end };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.tok;
    if (t.type === "op" && COMPARE_OPS.has(t.text)) {
      this.advance();
      const right = this.additive();
      return { kind: "compare", op: t.text as CompareOp, left, right, start: left.start, end: right.end };
    }
    if (t.type === "op" && t.text === "=~") {
      this.advance();
      const pattern = this.likePattern();
      return { kind: "like", negated: false, operand: left, pattern, start: left.start, end: pattern.end };
    }
    let negated = false;
    if (this.isKeyword("not")) {
      const after = this.lexer.scan(t.end);
      const word = after.type === "ident" && !after.quoted ? after.text.toLowerCase() : "";
      if (word !== "like" && word !== "in") throw this.fail();
      this.advance();
      negated = true;
    }
    if (this.isKeyword("like")) {
      this.advance();
      const pattern = this.likePattern();
      return { kind: "like", negated, operand: left, pattern, start: left.start, end: pattern.end };
    }
    if (this.isKeyword("in")) {
      this.advance();
      this.expectOp("[");
      const list: Expr[] = [];
      if (!this.isOp("]")) {
        list.push(this.additive());
        while (this.isOp(",")) {
          this.advance();
          list.push(this.additive());
        }
      }
      const close = this.expectOp("]");
      return { kind: "in", negated, operand: left, list, start: left.start, end: close.end };
    }
    return left;
  }

  private likePattern(): Expr {
    const t = this.tok;
    if (t.type === "string") {
      this.advance();
      return { kind: "string", value: t.value, start: t.start, end: t.end };
    }
    if (t.type === "op" && t.text === "/") {
      const lit = this.regexLiteral(t.start);
      return { kind: "regex", source: lit.source, flags: lit.flags, start: t.start, end: lit.end };
    }
    throw this.fail();
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.advance().text as "+" | "-";
      const right = this.multiplicative();
      left = { kind: "arith", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("%")) {
      const op = this.advance().text as "*" | "/" | "%";
      const right = this.unary();
      left = { kind: "arith", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp("-")) {
      const t = this.advance();
      const operand = this.unary();
      return { kind: "neg", operand, start: t.start, end: operand.end };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (this.isOp("^")) {
      this.advance();
      const exponent = this.unary();
      return { kind: "arith", op: "^", left: base, right: exponent, start: base.start, end: exponent.end };
    }
    return base;
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.type) {
      case "number":
        this.advance();
        return { kind: "number", value: t.value, start: t.start, end: t.end };
      case "string":
        this.advance();
        return { kind: "string", value: t.value, start: t.start, end: t.end };
      case "period":
        this.advance();
        return { kind: "period", period: t.period, start: t.start, end: t.end };
      case "op":
        if (t.text === "(") {
          this.advance();
          const inner = this.expr();
          const close = this.expectOp(")");
          return { ...inner, start: t.start, end: close.end };
        }
        throw this.fail();
      case "ident": {
        if (t.quoted) {
          this.advance();
          return { kind: "field", name: t.text, start: t.start, end: t.end };
        }
        const after = this.lexer.scan(t.end);
        if (after.type === "op" && after.text === "(") return this.call();
        if (RESERVED.has(t.text.toLowerCase())) throw this.fail();
        this.advance();
        return { kind: "field", name: t.text, start: t.start, end: t.end };
      }
      default:
        throw this.fail();
    }
  }

  private call(): Expr {
    const nameTok = this.advance();
    this.expectOp("(");
    const name = nameTok.text.toLowerCase();
    const args: Expr[] = [];
    let star = false;
    if (this.isOp("*")) {
      const s = this.advance();
      if (name !== "count") throw this.fail(s);
      star = true;
    } else if (!this.isOp(")")) {
      args.push(this.expr());
      while (this.isOp(",")) {
        this.advance();
        args.push(this.expr());
      }
    }
    const close = this.expectOp(")");
    return { kind: "call", name, args, star, start: nameTok.start, end: close.end };
  }
}

/** Checks functions, aggregates and period arguments, which the grammar alone accepts too freely. */
function validate(text: string, commands: Command[]): void {
  const at = (e: { start: number; end: number }, what: string) => invalidAt(text, e.start, e.end, what);

  const checkCall = (
    e: Extract<Expr, { kind: "call" }>,
    inAggregate: boolean,
    allowAggregate: boolean,
  ): boolean => {
    const agg = AGGREGATES[e.name];
    if (agg) {
      if (!allowAggregate) throw at(e, `aggregate function ${e.name} is only allowed in stats`);
      if (inAggregate) throw at(e, `aggregate function ${e.name} cannot be nested in another aggregate`);
      if (!e.star && (e.args.length < agg.minArgs || e.args.length > agg.maxArgs))
        throw at(e, `wrong number of arguments to ${e.name}`);
      if (e.name === "pct" || e.name === "percentile") {
        const p = e.args[1];
        if (!p || p.kind !== "number" || p.value < 0 || p.value > 100)
          throw at(p ?? e, `${e.name} needs a percentile between 0 and 100 as its second argument`);
      }
      return true;
    }
    const fn = Object.hasOwn(SCALAR_FUNCTIONS, e.name) ? SCALAR_FUNCTIONS[e.name] : undefined;
    if (!fn) {
      const note = UNSUPPORTED_FUNCTIONS.has(e.name) ? " (not supported by the simulator)" : "";
      throw at(e, `unknown function ${e.name}${note}`);
    }
    if (e.star || e.args.length < fn.minArgs || e.args.length > fn.maxArgs)
      throw at(e, `wrong number of arguments to ${e.name}`);
    e.args.forEach((a, i) => {
      const wantsPeriod = fn.periodArgs?.includes(i) ?? false;
      if (wantsPeriod && a.kind !== "period") throw at(a, `${e.name} needs a time period such as 5m`);
    });
    return false;
  };

  /** Walks an expression; returns whether it contains an aggregate. */
  const walk = (
    e: Expr,
    ctx: {
      allowAggregate: boolean;
      inAggregate: boolean;
      bare?: (f: Extract<Expr, { kind: "field" }>) => void;
    },
  ): boolean => {
    switch (e.kind) {
      case "number":
      case "string":
        return false;
      case "regex":
        throw at(e, "a regular expression is only allowed after like, =~ or in parse");
      case "period":
        throw at(e, "a time period is only allowed as an argument of bin, datefloor or dateceil");
      case "field":
        if (!ctx.inAggregate) ctx.bare?.(e);
        return false;
      case "call": {
        const isAgg = checkCall(e, ctx.inAggregate, ctx.allowAggregate);
        const fn = Object.hasOwn(SCALAR_FUNCTIONS, e.name) ? SCALAR_FUNCTIONS[e.name] : undefined;
        let found = isAgg;
        e.args.forEach((a, i) => {
          if (fn?.periodArgs?.includes(i)) return;
          if (isAgg && (e.name === "pct" || e.name === "percentile") && i === 1) return;
          found = walk(a, { ...ctx, inAggregate: ctx.inAggregate || isAgg }) || found;
        });
        return found;
      }
      case "neg":
      case "not":
        return walk(e.operand, ctx);
      case "arith":
      case "compare":
      case "logic": {
        const l = walk(e.left, ctx);
        return walk(e.right, ctx) || l;
      }
      case "like":
        if (e.pattern.kind !== "regex" && e.pattern.kind !== "string")
          throw at(e.pattern, "like needs a string or a regex");
        return walk(e.operand, ctx);
      case "in": {
        let found = walk(e.operand, ctx);
        for (const item of e.list) found = walk(item, ctx) || found;
        return found;
      }
    }
  };

  commands.forEach((cmd, i) => {
    const next = commands[i + 1];
    if (cmd.kind === "dedup" && next && next.kind !== "limit" && next.kind !== "dedup")
      throw invalidAt(text, next.start, next.end, "only limit may follow dedup");
    switch (cmd.kind) {
      case "filter":
        walk(cmd.expr, { allowAggregate: false, inAggregate: false });
        break;
      case "fields":
        for (const item of cmd.items) walk(item.expr, { allowAggregate: false, inAggregate: false });
        break;
      case "stats": {
        for (const key of cmd.by) walk(key.expr, { allowAggregate: false, inAggregate: false });
        const known = new Set(cmd.by.map((k) => k.name));
        for (const item of cmd.aggregates) {
          let refs = 0;
          const hasAggregate = walk(item.expr, {
            allowAggregate: true,
            inAggregate: false,
            bare: (f) => {
              if (!known.has(f.name))
                throw at(f, `${f.name} must be inside an aggregate function or name an earlier stats output`);
              refs++;
            },
          });
          if (!hasAggregate && refs === 0) throw at(item.expr, "stats needs an aggregate function");
          known.add(item.name);
        }
        break;
      }
      default:
        break;
    }
  });
}
