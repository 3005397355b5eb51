/** Elements whose values are matched as wildcards; a `*` in a Condition value is not flagged. */
const WILDCARD_ELEMENTS = new Set([
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Principal",
  "NotPrincipal",
]);

export interface Span {
  /** Offset of the first wildcard character in the JSON text. */
  start: number;
  /** Offset just past the last one (exclusive). */
  end: number;
}

/**
 * Where `*` and `?` occur in the Action, NotAction, Resource, NotResource and Principal values of a
 * statement's (or a whole policy's) JSON text, for highlighting. Consecutive wildcard characters form
 * one span. Works on the text as given, so offsets match what the UI shows; malformed JSON yields
 * what could be scanned.
 */
export function wildcardSpans(json: string): Span[] {
  const spans: Span[] = [];
  /** Open objects and arrays; an object remembers the key of the member being read. */
  const stack: Array<{ key?: string }> = [];
  let i = 0;
  while (i < json.length) {
    const c = json[i];
    if (c === "{" || c === "[") stack.push({});
    else if (c === "}" || c === "]") stack.pop();
    else if (c === '"') {
      const end = stringEnd(json, i);
      const isKey = /^\s*:/.test(json.slice(end + 1, end + 64));
      const top = stack.at(-1);
      if (isKey && top) top.key = keyText(json.slice(i, end + 1));
      else if (!isKey && stack.some((f) => f.key !== undefined && WILDCARD_ELEMENTS.has(f.key))) {
        spans.push(...wildcardsIn(json, i + 1, end));
      }
      i = end;
    }
    i += 1;
  }
  return spans;
}

/** Index of the closing quote of the string starting at `start` (or the text's end). */
function stringEnd(json: string, start: number): number {
  let j = start + 1;
  while (j < json.length && json[j] !== '"') j += json[j] === "\\" ? 2 : 1;
  return Math.min(j, json.length);
}

function keyText(token: string): string {
  try {
    const parsed: unknown = JSON.parse(token);
    return typeof parsed === "string" ? parsed : token;
  } catch {
    return token;
  }
}

function wildcardsIn(json: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let k = from;
  while (k < to) {
    if (json[k] === "\\") {
      k += 2;
      continue;
    }
    if (json[k] === "*" || json[k] === "?") {
      const start = k;
      while (k < to && (json[k] === "*" || json[k] === "?")) k += 1;
      spans.push({ start, end: k });
      continue;
    }
    k += 1;
  }
  return spans;
}
