/**
 * A query that does not compile. The message follows the form AWS has used since 2024
 * ("unexpected symbol found ( at line 1 and position 40"); the offsets feed
 * MalformedQueryException.queryCompileError.location. Lines and positions count from 1.
 */
export class MalformedQuery extends Error {
  override name = "MalformedQuery";

  constructor(
    message: string,
    readonly startCharOffset: number,
    readonly endCharOffset: number,
  ) {
    super(message);
  }
}

/** 1-based line and position of a character offset. */
export function lineAndPosition(text: string, offset: number): { line: number; position: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, position: offset - lineStart + 1 };
}

/** `unexpected symbol found <symbol> at line N and position M`, plus an optional note. */
export function unexpected(
  text: string,
  start: number,
  end: number,
  symbol: string,
  note?: string,
): MalformedQuery {
  const { line, position } = lineAndPosition(text, start);
  const base = `unexpected symbol found ${symbol} at line ${line} and position ${position}`;
  return new MalformedQuery(note ? `${base} (${note})` : base, start, end);
}

/** A semantic error (unknown function, misplaced aggregate...) at a span of the query. */
export function invalidAt(text: string, start: number, end: number, what: string): MalformedQuery {
  const { line, position } = lineAndPosition(text, start);
  return new MalformedQuery(`${what} at line ${line} and position ${position}`, start, end);
}
