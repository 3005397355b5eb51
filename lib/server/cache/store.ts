import "server-only";

/**
 * Where cached values live. The in-process store below is the default; a shared store (Redis)
 * implements the same four async methods with JSON values and a key expiry (SET key value PX
 * keepMs), so several console replicas share one copy of what they read from AWS. See
 * docs/architecture.md, "Cache".
 */

export interface StoredEntry<T> {
  value: T;
  /** Epoch ms at which the value was read from AWS: the "as of" time. */
  storedAt: number;
  /**
   * Epoch ms at which the read finished. Freshness counts from here: a read that takes longer than
   * its TTL (thousands of functions under AWS's rate limits) would otherwise land already stale
   * and start the next one at once, reading without pause.
   */
  landedAt?: number;
  /** Freshness of this entry, ms, when it differs from its kind's TTL. */
  ttlMs?: number;
  /** The value is incomplete (a query that did not finish): kept for a shorter time. */
  partial?: boolean;
}

export interface CacheStore {
  get<T>(key: string): Promise<StoredEntry<T> | undefined>;
  /** Keeps the entry for `keepMs` (its stale life included), then forgets it. */
  set<T>(key: string, entry: StoredEntry<T>, keepMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

/** A bounded in-process store: least recently used entries go first beyond `maxEntries`. */
export class MemoryStore implements CacheStore {
  private readonly map = new Map<string, { entry: StoredEntry<unknown>; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string): Promise<StoredEntry<T> | undefined> {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= this.now()) {
      this.map.delete(key);
      return undefined;
    }
    // Refresh recency.
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.entry as StoredEntry<T>;
  }

  /** The synchronous read the in-process store allows (progress of a long scan); a shared store may not have it. */
  peek<T>(key: string): StoredEntry<T> | undefined {
    const hit = this.map.get(key);
    return hit && hit.expiresAt > this.now() ? (hit.entry as StoredEntry<T>) : undefined;
  }

  async set<T>(key: string, entry: StoredEntry<T>, keepMs: number): Promise<void> {
    this.map.delete(key);
    this.map.set(key, { entry, expiresAt: this.now() + keepMs });
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }

  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }

  async clear(): Promise<void> {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
