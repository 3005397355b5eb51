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

/**
 * Merges already-ordered streams by timestamp (ties: the earlier stream first), through a heap of
 * the streams' next items ordered by (timestamp, stream).
 */
export function* mergeByTimestamp<T>(
  streams: Array<Iterator<T>>,
  timestampOf: (item: T) => number,
): Generator<T> {
  const heads: Array<{ it: Iterator<T>; value: T; at: number; index: number }> = [];
  streams.forEach((it, index) => {
    const r = it.next();
    if (!r.done) heads.push({ it, value: r.value, at: timestampOf(r.value), index });
  });
  if (heads.length === 1) {
    const only = heads[0];
    if (!only) return;
    yield only.value;
    for (let r = only.it.next(); !r.done; r = only.it.next()) yield r.value;
    return;
  }
  type Head = (typeof heads)[number];
  const before = (a: Head, b: Head) => a.at < b.at || (a.at === b.at && a.index < b.index);
  const down = (from: number) => {
    let at = from;
    const item = heads[at];
    if (!item) return;
    for (;;) {
      let child = 2 * at + 1;
      let c = heads[child];
      if (!c) break;
      const right = heads[child + 1];
      if (right && before(right, c)) {
        child++;
        c = right;
      }
      if (!before(c, item)) break;
      heads[at] = c;
      at = child;
    }
    heads[at] = item;
  };
  for (let i = (heads.length >> 1) - 1; i >= 0; i--) down(i);
  for (;;) {
    const head = heads[0];
    if (!head) return;
    yield head.value;
    const r = head.it.next();
    if (r.done) {
      const last = heads.pop();
      if (heads.length === 0 || !last) return;
      heads[0] = last;
    } else {
      head.value = r.value;
      head.at = timestampOf(r.value);
    }
    down(0);
  }
}
