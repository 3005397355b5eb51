import "server-only";
import { processState } from "@/lib/process-state";
import { getCache, type Cache } from "../cache";

/**
 * Answers of the API kept as JSON text for a moment. Many clients ask for the same answer (every
 * open dashboard refetches the function list); building it again means reading every cache
 * entry, building thousands of rows, checking them against the response schema and serializing
 * them: tens of milliseconds of CPU at 5,000 functions, which queue behind each other on one
 * process. (Compression stays with the server: Next drops a route's own Content-Encoding.)
 * A built answer is served again while
 * - the cache holds exactly what it was built from (no read landed since: Cache.generation), and
 * - it is younger than MEMO_MS, so stale entries still get refreshed and relative ranges move on;
 * or, whatever landed since, while it is younger than SHARE_MS: a cold read of thousands of
 * functions lands a part every few milliseconds, and a burst of requests then shares one build
 * rather than building one each, at the price of answers up to SHARE_MS behind.
 * Requests for an answer being built wait for that build instead of starting their own.
 */

export const MEMO_MS = 1_000;
export const SHARE_MS = 250;
/** Distinct answers kept; the oldest goes first. */
const MAX_ENTRIES = 256;

export interface BuiltAnswer {
  status: number;
  json: string;
}

interface Entry {
  answer: Promise<BuiltAnswer>;
  /** The cache it was built from (tests replace it) and that cache's generation then. */
  cache: Cache;
  generation: number;
  at: number;
}

const entries = processState("server.responseMemo", () => new Map<string, Entry>());

export function answerOf(status: number, body: unknown): BuiltAnswer {
  return { status, json: JSON.stringify(body) };
}

/**
 * The answer for `key`: a recent one built from the current cache, or a new one from `build`.
 * Only 200 answers are kept; errors are built again every time (they are cheap, and a retry must
 * see the error go away).
 */
export async function memoized(key: string, build: () => Promise<BuiltAnswer>): Promise<BuiltAnswer> {
  const now = Date.now();
  const cache = getCache();
  const generation = cache.generation;
  const hit = entries.get(key);
  const age = hit ? now - hit.at : Number.POSITIVE_INFINITY;
  if (hit?.cache === cache && (age < SHARE_MS || (hit.generation === generation && age < MEMO_MS)))
    return hit.answer;
  const answer = build();
  const entry: Entry = { answer, cache, generation, at: now };
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next();
    if (!oldest.done) entries.delete(oldest.value);
  }
  try {
    const built = await answer;
    if (built.status !== 200 && entries.get(key) === entry) entries.delete(key);
    return built;
  } catch (err) {
    if (entries.get(key) === entry) entries.delete(key);
    throw err;
  }
}

export function sendAnswer(answer: BuiltAnswer, headers: Record<string, string>): Response {
  return new Response(answer.json, {
    status: answer.status,
    headers: { ...headers, "content-type": "application/json" },
  });
}

/** For tests: forget every kept answer. */
export function clearResponseMemo(): void {
  entries.clear();
}
