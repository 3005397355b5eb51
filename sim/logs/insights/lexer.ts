import type { Period, PeriodUnit } from "./ast";
import { unexpected } from "./errors";

/**
 * Tokens of the query language. `/` is ambiguous (division or a regex literal), so the lexer
 * returns it as an operator and the parser, which knows when it expects an operand, re-reads
 * it with `readRegex`.
 */
export type Token =
  | { type: "ident"; text: string; start: number; end: number; quoted: boolean }
  | { type: "number"; text: string; start: number; end: number; value: number }
  | { type: "period"; text: string; start: number; end: number; period: Period }
  | { type: "string"; text: string; start: number; end: number; value: string }
  | { type: "op"; text: string; start: number; end: number }
  | { type: "eof"; text: string; start: number; end: number };

const UNITS: Record<string, PeriodUnit> = {};
for (const [unit, names] of [
  ["ms", ["ms", "msec", "millisecond"]],
  ["s", ["s", "sec", "second"]],
  ["m", ["m", "min", "minute"]],
  ["h", ["h", "hr", "hour"]],
  ["d", ["d", "day"]],
  ["w", ["w", "week"]],
  ["mo", ["mo", "mon", "month"]],
  ["q", ["q", "qtr", "quarter"]],
  ["y", ["y", "yr", "year"]],
] as const) {
  for (const name of names) {
    UNITS[name] = unit;
    // Multi-letter units accept a plural s (reference 4.1).
    if (name.length > 1) UNITS[`${name}s`] = unit;
  }
}

/** The unit a period suffix names, or undefined. */
export function periodUnit(text: string): PeriodUnit | undefined {
  return Object.hasOwn(UNITS, text.toLowerCase()) ? UNITS[text.toLowerCase()] : undefined;
}

const TWO_CHAR_OPS = new Set(["=~", "!=", "<=", ">="]);
const ONE_CHAR_OPS = new Set(["|", ",", "(", ")", "[", "]", "=", "<", ">", "+", "-", "*", "/", "%", "^"]);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isIdentStart = (c: number) => isLetter(c) || c === 95 /* _ */ || c === 64; /* @ */
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c) || c === 46; /* . */

export class Lexer {
  constructor(readonly text: string) {}

  /** Offset of the next significant character at or after `pos` (skips spaces and # comments). */
  skip(pos: number): number {
    const t = this.text;
    let i = pos;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 35 /* # */) {
        while (i < t.length && t.charCodeAt(i) !== 10) i++;
      } else break;
    }
    return i;
  }

  /** The token starting at the first significant character at or after `pos`. */
  scan(pos: number): Token {
    const t = this.text;
    const i = this.skip(pos);
    if (i >= t.length) return { type: "eof", text: "<EOF>", start: t.length, end: t.length };
    const c = t.charCodeAt(i);

    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < t.length && isIdentPart(t.charCodeAt(j))) j++;
      return { type: "ident", text: t.slice(i, j), start: i, end: j, quoted: false };
    }
    if (c === 96 /* ` */) {
      const close = t.indexOf("`", i + 1);
      if (close < 0 || close === i + 1) throw unexpected(t, i, i + 1, "`");
      return { type: "ident", text: t.slice(i + 1, close), start: i, end: close + 1, quoted: true };
    }
    if (isDigit(c)) {
      let j = i;
      while (j < t.length && isDigit(t.charCodeAt(j))) j++;
      if (t.charCodeAt(j) === 46 && isDigit(t.charCodeAt(j + 1))) {
        j++;
        while (j < t.length && isDigit(t.charCodeAt(j))) j++;
      }
      const numText = t.slice(i, j);
      if (j < t.length && isLetter(t.charCodeAt(j))) {
        let k = j;
        while (k < t.length && isLetter(t.charCodeAt(k))) k++;
        const unit = periodUnit(t.slice(j, k));
        if (!unit || numText.includes(".")) throw unexpected(t, j, k, t.slice(j, k));
        return {
          type: "period",
          text: t.slice(i, k),
          start: i,
          end: k,
          period: { count: Number(numText), unit },
        };
      }
      return { type: "number", text: numText, start: i, end: j, value: Number(numText) };
    }
    if (c === 34 /* " */ || c === 39 /* ' */) return this.readString(i);

    const two = t.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) return { type: "op", text: two, start: i, end: i + 2 };
    const one = t.charAt(i);
    if (ONE_CHAR_OPS.has(one)) return { type: "op", text: one, start: i, end: i + 1 };
    throw unexpected(t, i, i + 1, one);
  }

  private readString(start: number): Token {
    const t = this.text;
    const quote = t.charAt(start);
    let value = "";
    let i = start + 1;
    while (i < t.length) {
      const ch = t.charAt(i);
      if (ch === quote) return { type: "string", text: t.slice(start, i + 1), start, end: i + 1, value };
      if (ch === "\\" && i + 1 < t.length) {
        const next = t.charAt(i + 1);
        value += next === "n" ? "\n" : next === "t" ? "\t" : next === "r" ? "\r" : next;
        i += 2;
        continue;
      }
      value += ch;
      i++;
    }
    throw unexpected(t, start, start + 1, quote, "unterminated string");
  }

  /**
   * Reads a regex literal whose opening `/` is at `start`. Returns its source (with `\/`
   * kept, which RegExp reads as `/`) and the offset after the closing slash.
   */
  readRegex(start: number): { source: string; end: number } {
    const t = this.text;
    let i = start + 1;
    let inClass = false;
    while (i < t.length) {
      const ch = t.charAt(i);
      if (ch === "\n") break;
      if (ch === "\\") {
        i += 2;
        continue;
      }
      if (ch === "[") inClass = true;
      else if (ch === "]") inClass = false;
      else if (ch === "/" && !inClass) return { source: t.slice(start + 1, i), end: i + 1 };
      i++;
    }
    throw unexpected(t, start, start + 1, "/", "unterminated regular expression");
  }
}
