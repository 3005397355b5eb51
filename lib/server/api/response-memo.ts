import "server-only";
import { createHash } from "node:crypto";
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
 *
 * Each answer carries an ETag (a hash of its JSON). Browsers revalidate what they hold (the
 * queries fetch with cache "no-cache"), and an answer that has not changed goes back as a 304
 * without a body: a dashboard refetching a list of thousands of functions every few seconds costs
 * the server no serializing or compressing, and the network almost nothing.
 */

export const MEMO_MS = 1_000;
export const SHARE_MS = 250;
/** Distinct answers kept; the oldest goes first. */
const MAX_ENTRIES = 256;

export interface BuiltAnswer {
  status: number;
  json: string;
  /** Strong validator of `json`, quoted as the ETag header carries it. */
  etag: string;
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
  const json = JSON.stringify(body);
  return { status, json, etag: `"${createHash("sha1").update(json).digest("base64url")}"` };
}

/** Whether an If-None-Match header names this ETag (RFC 9110 13.1.2: weak comparison, or `*`). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || (t.startsWith("W/") ? t.slice(2) : t) === etag;
  });
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

/**
 * The answer as a response: a 200 is cached privately but revalidated every time (`no-cache`), and
 * goes back as a bodiless 304 when the request names its ETag; any other status is not stored.
 */
export function sendAnswer(
  answer: BuiltAnswer,
  headers: Record<string, string>,
  ifNoneMatch: string | null = null,
): Response {
  if (answer.status !== 200)
    return new Response(answer.json, {
      status: answer.status,
      headers: { ...headers, "cache-control": "no-store", "content-type": "application/json" },
    });
  const validators = { ...headers, "cache-control": "private, no-cache", etag: answer.etag };
  if (matchesEtag(ifNoneMatch, answer.etag)) return new Response(null, { status: 304, headers: validators });
  return new Response(answer.json, {
    status: 200,
    headers: { ...validators, "content-type": "application/json" },
  });
}

/** For tests: forget every kept answer. */
export function clearResponseMemo(): void {
  entries.clear();
}
