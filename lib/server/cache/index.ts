import "server-only";
import { processState } from "@/lib/process-state";
import { cacheTtlMs, type CacheKind } from "@/lib/config";
import { toAppError, type AppError } from "../errors";
import { MemoryStore, type CacheStore, type StoredEntry } from "./store";

export { MemoryStore, type CacheStore, type StoredEntry } from "./store";

/**
 * Reads through a cache, so that:
 * - each kind of data lives for its own TTL (config cacheTtlSeconds);
 * - concurrent readers of the same key share one AWS read (in-flight de-duplication);
 * - past its TTL an entry is still served, marked stale, while one background refresh runs
 *   (stale-while-revalidate), for up to STALE_KEEP_MS;
 * - a failed refresh keeps the old value, which callers show with the error and its "as of" time;
 * - a failure with nothing to fall back on is remembered for ERROR_TTL_MS, so a region that is down
 *   does not make every request wait for its timeouts;
 * - every value carries the time it was read from AWS.
 */

/** How long a value may be served past its TTL (while refreshing, or when refreshes fail). */
export const STALE_KEEP_MS = 24 * 3_600_000;
/** How long a failure is remembered before the next reader tries again. */
export const ERROR_TTL_MS = 15_000;
/** Incomplete values (a Logs Insights query stopped at its deadline) are re-read sooner. */
export const PARTIAL_TTL_MS = 20_000;

export type CacheResult<T> =
  | {
      state: "ok";
      value: T;
      /** Epoch ms the value was read from AWS. */
      asOf: number;
      /** Older than its TTL: a refresh is running or failed. */
      stale: boolean;
      partial: boolean;
      /** The latest refresh failed; the value is from an earlier read. */
      refreshError?: AppError;
    }
  | { state: "error"; error: AppError }
  /** Still loading after `waitMs`, nothing older to show. The load goes on in the background. */
  | { state: "pending" };

export interface ReadOptions<T> {
  /** Answer "pending" if the value is not there after this many ms (default: wait for it). */
  waitMs?: number;
  /** Whether a loaded value is incomplete (kept PARTIAL_TTL_MS instead of its TTL). */
  isPartial?: (value: T) => boolean;
  /** Freshness of this value, ms, instead of its kind's TTL (figures over a long range change slowly). */
  ttlMs?: number;
}

type LoadOutcome<T> = { ok: true; entry: StoredEntry<T> } | { ok: false; error: AppError };

export class Cache {
  private readonly inFlight = new Map<string, Promise<LoadOutcome<unknown>>>();
  /**
   * When the first reader of a running load stops waiting for it. Later readers share that
   * deadline rather than waiting their own full `waitMs` again: a slow read (a day of Logs
   * Insights) costs the first response its wait, and every later one answers "pending" at once.
   */
  private readonly waitUntil = new Map<string, number>();
  private readonly failures = new Map<string, { error: AppError; at: number }>();
  private landed = 0;

  constructor(
    readonly store: CacheStore,
    private readonly ttlFor: (kind: CacheKind) => number = cacheTtlMs,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Goes up whenever what the cache holds changes (a load lands or fails, an entry is dropped):
   * an answer built from the cache stays valid while the generation it was built at is current.
   */
  get generation(): number {
    return this.landed;
  }

  async read<T>(
    kind: CacheKind,
    key: string,
    load: () => Promise<T>,
    opts: ReadOptions<T> = {},
  ): Promise<CacheResult<T>> {
    const fullKey = `${kind}:${key}`;
    const now = this.now();
    const entry = await this.store.get<T>(fullKey);
    const failure = this.failures.get(fullKey);
    const recentFailure = failure && now - failure.at < ERROR_TTL_MS ? failure : undefined;

    if (entry) {
      if (this.isFresh(kind, entry, now)) return this.ok(entry, false);
      // Stale: serve it and refresh in the background (unless a refresh just failed).
      if (!recentFailure) void this.load(kind, fullKey, load, opts);
      return this.ok(entry, true, recentFailure?.error);
    }
    if (recentFailure) return { state: "error", error: recentFailure.error };

    const joining = this.inFlight.has(fullKey);
    const pending = this.load(kind, fullKey, load, opts);
    const ownDeadline = opts.waitMs === undefined ? Number.POSITIVE_INFINITY : now + opts.waitMs;
    if (!joining) this.waitUntil.set(fullKey, ownDeadline);
    // A reader without waitMs needs the value (to build on it) and waits for it, whoever started the load.
    const deadline =
      opts.waitMs === undefined
        ? ownDeadline
        : Math.min(ownDeadline, this.waitUntil.get(fullKey) ?? ownDeadline);
    const outcome =
      deadline === Number.POSITIVE_INFINITY
        ? await pending
        : await raceTimeout(pending, Math.max(0, deadline - now));
    if (!outcome) return { state: "pending" };
    return outcome.ok ? this.ok(outcome.entry, false) : { state: "error", error: outcome.error };
  }

  /** What is stored now, without loading (fresh or stale). */
  async peek<T>(kind: CacheKind, key: string): Promise<StoredEntry<T> | undefined> {
    return this.store.get<T>(`${kind}:${key}`);
  }

  /** What a read would answer now, without starting a load; undefined when nothing is known yet. */
  async peekResult<T>(kind: CacheKind, key: string): Promise<CacheResult<T> | undefined> {
    const fullKey = `${kind}:${key}`;
    const entry = await this.store.get<T>(fullKey);
    const failure = this.failures.get(fullKey);
    const recentFailure = failure && this.now() - failure.at < ERROR_TTL_MS ? failure : undefined;
    if (entry) return this.ok(entry, !this.isFresh(kind, entry, this.now()), recentFailure?.error);
    return recentFailure ? { state: "error", error: recentFailure.error } : undefined;
  }

  async invalidate(kind: CacheKind, key: string): Promise<void> {
    this.landed++;
    await this.store.delete(`${kind}:${key}`);
    this.failures.delete(`${kind}:${key}`);
  }

  async clear(): Promise<void> {
    this.landed++;
    await this.store.clear();
    this.failures.clear();
    this.inFlight.clear();
    this.waitUntil.clear();
  }

  /** Within its TTL (its own, else its kind's; PARTIAL_TTL_MS at most when partial), counted from when it landed. */
  private isFresh(kind: CacheKind, entry: StoredEntry<unknown>, now: number): boolean {
    const full = entry.ttlMs ?? this.ttlFor(kind);
    const ttl = entry.partial ? Math.min(PARTIAL_TTL_MS, full) : full;
    return now - (entry.landedAt ?? entry.storedAt) < ttl;
  }

  private ok<T>(entry: StoredEntry<T>, stale: boolean, refreshError?: AppError): CacheResult<T> {
    return {
      state: "ok",
      value: entry.value,
      asOf: entry.storedAt,
      stale,
      partial: entry.partial ?? false,
      ...(refreshError ? { refreshError } : {}),
    };
  }

  /** Starts a load, or joins the one already running for the key. */
  private load<T>(
    kind: CacheKind,
    fullKey: string,
    load: () => Promise<T>,
    opts: ReadOptions<T>,
  ): Promise<LoadOutcome<T>> {
    const running = this.inFlight.get(fullKey);
    if (running) return running as Promise<LoadOutcome<T>>;
    const startedAt = this.now();
    const p = (async (): Promise<LoadOutcome<T>> => {
      try {
        const value = await load();
        const partial = opts.isPartial?.(value) ?? false;
        const ttlMs = opts.ttlMs;
        const entry: StoredEntry<T> = {
          value,
          storedAt: startedAt,
          landedAt: this.now(),
          ...(ttlMs === undefined ? {} : { ttlMs }),
          ...(partial ? { partial } : {}),
        };
        await this.store.set(fullKey, entry, Math.max(STALE_KEEP_MS, (ttlMs ?? this.ttlFor(kind)) * 2));
        this.failures.delete(fullKey);
        return { ok: true, entry };
      } catch (err) {
        const error = toAppError(err);
        this.failures.set(fullKey, { error, at: this.now() });
        return { ok: false, error };
      } finally {
        this.landed++;
        this.inFlight.delete(fullKey);
        this.waitUntil.delete(fullKey);
      }
    })();
    this.inFlight.set(fullKey, p);
    return p;
  }
}

/**
 * The promise's value, or undefined once `ms` have passed (the timer is cleared either way). The
 * work goes on; a later rejection is handled by the race, so it is not reported as unhandled.
 */
export async function raceTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const state = processState("server.cache", () => ({
  instance: undefined as Cache | undefined,
  storeOverride: undefined as CacheStore | undefined,
}));

/** The process's cache (in-process store unless setCacheStore gave another). */
export function getCache(): Cache {
  state.instance ??= new Cache(state.storeOverride ?? new MemoryStore());
  return state.instance;
}

/** Installs a shared store (e.g. Redis) before the first read. */
export function setCacheStore(store: CacheStore): void {
  state.storeOverride = store;
  state.instance = undefined;
}

/** A cache with nothing in it (tests). */
export function resetCacheForTests(): void {
  state.instance = undefined;
  state.storeOverride = undefined;
}

/** Unwraps a result for callers that cannot show partial data: the value, or throws the error. */
export function valueOrThrow<T>(r: CacheResult<T>, pendingError: () => AppError): T {
  if (r.state === "ok") return r.value;
  if (r.state === "error") throw r.error;
  throw pendingError();
}
