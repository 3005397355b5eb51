import type { LogEvent, LogSource } from "../model/logs";

/**
 * Log events in timestamp order. LogSource.events() yields each group's events sorted by
 * (timestamp, generation order), the same for any window that contains them, which is what lets
 * FilterLogEvents resume a page from a (timestamp, skip) token; mergeByTimestamp interleaves
 * several groups for a multi-group Insights query.
 */

/**
 * The events of one log group in [startMs, endMs), in timestamp order (LogSource.events already
 * yields them in order; this is the one place the services read events through).
 */
export function* orderedEvents(
  source: LogSource,
  region: string,
  group: string,
  startMs: number,
  endMs: number,
  opts: { reportsOnly?: boolean } = {},
): Generator<LogEvent> {
  if (endMs <= startMs) return;
  yield* source.events(region, group, startMs, endMs, opts);
}

/** Merges already-ordered streams by timestamp (ties: the earlier stream first). */
export function* mergeByTimestamp<T>(
  streams: Array<Iterator<T>>,
  timestampOf: (item: T) => number,
): Generator<T> {
  const heads: Array<{ it: Iterator<T>; value: T; index: number }> = [];
  streams.forEach((it, index) => {
    const r = it.next();
    if (!r.done) heads.push({ it, value: r.value, index });
  });
  if (heads.length === 1) {
    const only = heads[0];
    if (!only) return;
    yield only.value;
    for (let r = only.it.next(); !r.done; r = only.it.next()) yield r.value;
    return;
  }
  while (heads.length > 0) {
    let best = 0;
    for (let i = 1; i < heads.length; i++) {
      const h = heads[i];
      const b = heads[best];
      if (h && b && timestampOf(h.value) < timestampOf(b.value)) best = i;
    }
    const head = heads[best];
    if (!head) break;
    yield head.value;
    const r = head.it.next();
    if (r.done) heads.splice(best, 1);
    else head.value = r.value;
  }
}
