/**
 * CloudWatch Logs filter patterns (FilterLogEvents, metric and subscription filters), the subset
 * in shared/reference/lambda-logs-and-insights.md section 6:
 *
 * - terms, all required: `ERROR timeout`; quoted phrases: `"Task timed out"`. Matching is
 *   case-sensitive substring; unquoted terms may hold only letters, digits and `_`.
 * - `?term` alternatives (at least one must match), `-term` exclusions.
 * - `%regex%` (at most two; no `( )` groups or other characters outside AWS's allowed set).
 * - JSON: `{ $.a.b = "x" }`, `= != < <= > >=`, `*` wildcards in string values, `IS NULL`,
 *   `IS TRUE`, `IS FALSE`, `NOT EXISTS`, `&&`, `||` and parentheses. The event must be a JSON
 *   object. `!=` and the numeric comparisons need the field to be present.
 * - empty or blank pattern, or `""`: every event.
 *
 * Anything else (space-delimited `[a, b]` patterns, `$.*` selectors...) throws
 * FilterPatternError, which the service turns into InvalidParameterException.
 */

export class FilterPatternError extends Error {
  override name = "FilterPatternError";
}

export type Matcher = (message: string) => boolean;

const MATCH_ALL: Matcher = () => true;

export function compileFilterPattern(pattern: string | undefined): Matcher {
  const p = (pattern ?? "").trim();
  if (p === "" || p === '""') return MATCH_ALL;
  if (p.startsWith("{")) return compileJsonPattern(p);
  if (p.startsWith("["))
    throw new FilterPatternError(
      "space-delimited filter patterns ([a, b, ...]) are not supported by the simulator",
    );
  return compileTermPattern(p);
}

// ---------------------------------------------------------------------------------------------
// term patterns

const TERM = /^[A-Za-z0-9_]+$/;
/** Characters AWS allows in a filter-pattern regex (alphanumerics, `: _ # = @ / ; , -` and the regex operators). */
const REGEX_CHARS = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]+$/;

function compileTermPattern(p: string): Matcher {
  const required: Matcher[] = [];
  const optional: Matcher[] = [];
  const excluded: Matcher[] = [];
  let regexes = 0;
  let i = 0;
  while (i < p.length) {
    const c = p.charAt(i);
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    let bucket = required;
    if (c === "?" || c === "-") {
      bucket = c === "?" ? optional : excluded;
      i++;
    }
    const head = p.charAt(i);
    if (head === '"') {
      let phrase = "";
      let j = i + 1;
      let closed = false;
      while (j < p.length) {
        const ch = p.charAt(j);
        if (ch === "\\" && j + 1 < p.length) {
          phrase += p.charAt(j + 1);
          j += 2;
          continue;
        }
        if (ch === '"') {
          closed = true;
          break;
        }
        phrase += ch;
        j++;
      }
      if (!closed) throw new FilterPatternError(`unterminated quoted term in filter pattern: ${p}`);
      bucket.push((m) => m.includes(phrase));
      i = j + 1;
    } else if (head === "%") {
      const close = p.indexOf("%", i + 1);
      if (close < 0) throw new FilterPatternError(`unterminated regular expression in filter pattern: ${p}`);
      const source = p.slice(i + 1, close);
      if (!source || !REGEX_CHARS.test(source))
        throw new FilterPatternError(`invalid character(s) in regular expression %${source}%`);
      if (++regexes > 2)
        throw new FilterPatternError("a filter pattern may contain at most 2 regular expressions");
      let re: RegExp;
      try {
        re = new RegExp(source);
      } catch (err) {
        throw new FilterPatternError(`invalid regular expression %${source}%: ${(err as Error).message}`);
      }
      bucket.push((m) => re.test(m));
      i = close + 1;
    } else {
      let j = i;
      while (j < p.length && p.charAt(j) !== " " && p.charAt(j) !== "\t") j++;
      const term = p.slice(i, j);
      if (!TERM.test(term))
        throw new FilterPatternError(
          `invalid character(s) in term '${term}': quote terms that contain non-alphanumeric characters`,
        );
      bucket.push((m) => m.includes(term));
      i = j;
    }
  }
  return (m) => {
    for (const t of required) if (!t(m)) return false;
    for (const t of excluded) if (t(m)) return false;
    if (optional.length > 0) return optional.some((t) => t(m));
    return true;
  };
}

// ---------------------------------------------------------------------------------------------
// JSON patterns

type JsonToken =
  | { t: "sel"; path: Array<string | number> }
  | { t: "op"; v: string }
  | { t: "str"; v: string; quoted: boolean }
  | { t: "num"; v: number; raw: string }
  | { t: "word"; v: string };

function tokenizeJson(body: string): JsonToken[] {
  const out: JsonToken[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "$") {
      const path: Array<string | number> = [];
      i++;
      for (;;) {
        if (body.charAt(i) === ".") {
          let j = i + 1;
          while (j < body.length && /[A-Za-z0-9_@-]/.test(body.charAt(j))) j++;
          if (j === i + 1)
            throw new FilterPatternError(`invalid selector in filter pattern near '${body.slice(i)}'`);
          path.push(body.slice(i + 1, j));
          i = j;
        } else if (body.charAt(i) === "[") {
          const close = body.indexOf("]", i);
          const index = Number(body.slice(i + 1, close));
          if (close < 0 || !Number.isInteger(index))
            throw new FilterPatternError(`invalid array index in filter pattern near '${body.slice(i)}'`);
          path.push(index);
          i = close + 1;
        } else break;
      }
      if (path.length === 0)
        throw new FilterPatternError("a JSON filter pattern selector must name a field ($.field)");
      out.push({ t: "sel", path });
      continue;
    }
    const two = body.slice(i, i + 2);
    if (["&&", "||", "!=", ">=", "<="].includes(two)) {
      out.push({ t: "op", v: two });
      i += 2;
      continue;
    }
    if ("=<>()".includes(c)) {
      out.push({ t: "op", v: c });
      i++;
      continue;
    }
    if (c === '"') {
      let v = "";
      let j = i + 1;
      while (j < body.length && body.charAt(j) !== '"') {
        if (body.charAt(j) === "\\" && j + 1 < body.length) j++;
        v += body.charAt(j);
        j++;
      }
      if (j >= body.length) throw new FilterPatternError("unterminated string in JSON filter pattern");
      out.push({ t: "str", v, quoted: true });
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z0-9_.*:/+-]+/.exec(body.slice(i));
    if (!m) throw new FilterPatternError(`unexpected '${c}' in JSON filter pattern`);
    const word = m[0];
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(word)) out.push({ t: "num", v: Number(word), raw: word });
    else if (/^(IS|NOT|NULL|TRUE|FALSE|EXISTS)$/.test(word)) out.push({ t: "word", v: word });
    else out.push({ t: "str", v: word, quoted: false });
    i += word.length;
  }
  return out;
}

type JsonPredicate = (doc: unknown) => boolean;

const MISSING = Symbol("missing");

function select(doc: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur: unknown = doc;
  for (const seg of path) {
    if (typeof seg === "number") {
      if (!Array.isArray(cur) || seg >= cur.length) return MISSING;
      cur = cur[seg];
    } else if (typeof cur === "object" && cur !== null && !Array.isArray(cur) && Object.hasOwn(cur, seg)) {
      cur = (cur as Record<string, unknown>)[seg];
    } else return MISSING;
  }
  return cur;
}

function wildcard(value: string): (s: string) => boolean {
  if (!value.includes("*")) return (s) => s === value;
  const re = new RegExp(
    `^${value
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (s) => re.test(s);
}

function compileJsonPattern(p: string): Matcher {
  if (!p.endsWith("}")) throw new FilterPatternError("a JSON filter pattern must end with }");
  const tokens = tokenizeJson(p.slice(1, -1));
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string) => new FilterPatternError(`invalid JSON filter pattern ${p}: ${what}`);

  const term = (): JsonPredicate => {
    const t = tokens[pos++];
    if (!t) throw fail("unexpected end");
    if (t.t === "op" && t.v === "(") {
      const inner = or();
      const close = tokens[pos++];
      if (!close || close.t !== "op" || close.v !== ")") throw fail("missing )");
      return inner;
    }
    if (t.t !== "sel") throw fail("expected a selector such as $.field");
    const path = t.path;
    const op = tokens[pos++];
    if (!op) throw fail("expected an operator");
    if (op.t === "word" && op.v === "IS") {
      const what = tokens[pos++];
      if (!what || what.t !== "word") throw fail("IS must be followed by NULL, TRUE or FALSE");
      if (what.v === "NULL") return (d) => select(d, path) === null;
      if (what.v === "TRUE") return (d) => select(d, path) === true;
      if (what.v === "FALSE") return (d) => select(d, path) === false;
      throw fail("IS must be followed by NULL, TRUE or FALSE");
    }
    if (op.t === "word" && op.v === "NOT") {
      const what = tokens[pos++];
      if (!what || what.t !== "word" || what.v !== "EXISTS") throw fail("NOT must be followed by EXISTS");
      return (d) => select(d, path) === MISSING;
    }
    if (op.t !== "op" || !["=", "!=", "<", "<=", ">", ">="].includes(op.v))
      throw fail("expected = != < <= > >=");
    const value = tokens[pos++];
    if (!value || (value.t !== "str" && value.t !== "num")) throw fail("expected a value after the operator");
    if (value.t === "num") {
      const x = value.v;
      const cmp: Record<string, (a: number) => boolean> = {
        "=": (a) => a === x,
        "!=": (a) => a !== x,
        "<": (a) => a < x,
        "<=": (a) => a <= x,
        ">": (a) => a > x,
        ">=": (a) => a >= x,
      };
      const test = cmp[op.v] ?? (() => false);
      return (d) => {
        const v = select(d, path);
        if (typeof v === "number") return test(v);
        if (typeof v === "string" && (op.v === "=" || op.v === "!="))
          return (v === value.raw) === (op.v === "=");
        return false;
      };
    }
    if (op.v !== "=" && op.v !== "!=") throw fail(`${op.v} needs a number`);
    const eq = wildcard(value.v);
    const negate = op.v === "!=";
    return (d) => {
      const v = select(d, path);
      if (v === MISSING || v === null || typeof v === "object") return false;
      return eq(String(v)) !== negate;
    };
  };

  const and = (): JsonPredicate => {
    let left = term();
    for (let t = peek(); t && t.t === "op" && t.v === "&&"; t = peek()) {
      pos++;
      const l = left;
      const r = term();
      left = (d) => l(d) && r(d);
    }
    return left;
  };

  const or = (): JsonPredicate => {
    let left = and();
    for (let t = peek(); t && t.t === "op" && t.v === "||"; t = peek()) {
      pos++;
      const l = left;
      const r = and();
      left = (d) => l(d) || r(d);
    }
    return left;
  };

  const predicate = or();
  if (pos !== tokens.length) throw fail("unexpected text after the expression");
  return (m) => {
    const s = m.trimStart();
    if (!s.startsWith("{")) return false;
    let doc: unknown;
    try {
      doc = JSON.parse(s);
    } catch {
      return false;
    }
    return typeof doc === "object" && doc !== null && !Array.isArray(doc) && predicate(doc);
  };
}
