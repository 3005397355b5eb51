import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AwsCallError } from "@/lib/aws/errors";
import { Cache, ERROR_TTL_MS, MemoryStore, PARTIAL_TTL_MS } from "./index";

process.env.LOG_LEVEL = "silent";

const TTL = 60_000;

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const cache = new Cache(new MemoryStore(1000, clock.now), () => TTL, clock.now);
  return { cache, clock };
}

const throttled = () =>
  new AwsCallError(
    { service: "cloudwatch", operation: "GetMetricData", account: "default", region: "us-east-1" },
    "Throttling",
    "Rate exceeded",
    400,
    "req-1",
  );

/** Lets queued background work (a stale refresh) run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("Cache", () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => vi.useRealTimers());

  it("serves a fresh value without reloading, with the time it was read", async () => {
    const { cache, clock } = setup();
    const load = vi.fn(async () => "v1");
    const first = await cache.read("metrics", "k", load);
    clock.advance(TTL - 1);
    const second = await cache.read("metrics", "k", load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(first).toMatchObject({ state: "ok", value: "v1", asOf: 1_000_000, stale: false });
    expect(second).toMatchObject({ state: "ok", value: "v1", asOf: 1_000_000, stale: false });
  });

  it("de-duplicates concurrent reads of one key into one load", async () => {
    const { cache } = setup();
    let release: (v: string) => void = () => undefined;
    const load = vi.fn(() => new Promise<string>((r) => (release = r)));
    const reads = Array.from({ length: 100 }, () => cache.read("inventory", "k", load));
    await settle();
    release("shared");
    const results = await Promise.all(reads);
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.state === "ok" && r.value === "shared")).toBe(true);
  });

  it("keeps kinds apart: the same key under two kinds loads twice", async () => {
    const { cache } = setup();
    const load = vi.fn(async () => 1);
    await cache.read("metrics", "k", load);
    await cache.read("coldStarts", "k", load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("past the TTL serves the old value marked stale and refreshes once in the background", async () => {
    const { cache, clock } = setup();
    let n = 0;
    const load = vi.fn(async () => `v${++n}`);
    await cache.read("metrics", "k", load);
    clock.advance(TTL + 1);
    const stale = await cache.read("metrics", "k", load);
    expect(stale).toMatchObject({ state: "ok", value: "v1", stale: true, asOf: 1_000_000 });
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    const fresh = await cache.read("metrics", "k", load);
    expect(fresh).toMatchObject({ state: "ok", value: "v2", stale: false, asOf: 1_000_000 + TTL + 1 });
  });

  it("counts freshness from when a slow read landed, so it does not start over at once", async () => {
    const { cache, clock } = setup();
    let n = 0;
    const load = vi.fn(async () => {
      clock.advance(2 * TTL); // a read that outlasts its TTL (thousands of functions, rate-limited)
      return `v${++n}`;
    });
    const first = await cache.read("metrics", "k", load);
    expect(first).toMatchObject({ value: "v1", asOf: 1_000_000, stale: false });
    clock.advance(TTL - 1);
    expect(await cache.read("metrics", "k", load)).toMatchObject({ value: "v1", stale: false });
    expect(load).toHaveBeenCalledTimes(1);
    clock.advance(1);
    expect(await cache.read("metrics", "k", load)).toMatchObject({ value: "v1", stale: true });
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("a value's own TTL overrides its kind's", async () => {
    const { cache, clock } = setup();
    const load = vi.fn(async () => "v");
    await cache.read("metrics", "k", load, { ttlMs: 5 * TTL });
    clock.advance(5 * TTL - 1);
    expect(await cache.read("metrics", "k", load, { ttlMs: 5 * TTL })).toMatchObject({ stale: false });
    expect(await cache.peekResult("metrics", "k")).toMatchObject({ stale: false });
    clock.advance(1);
    expect(await cache.read("metrics", "k", load, { ttlMs: 5 * TTL })).toMatchObject({ stale: true });
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("when a refresh fails, keeps the old value, says it is stale and carries the error", async () => {
    const { cache, clock } = setup();
    const load = vi.fn<() => Promise<string>>().mockResolvedValueOnce("good").mockRejectedValue(throttled());
    await cache.read("metrics", "k", load);
    clock.advance(TTL + 1);
    await cache.read("metrics", "k", load); // starts the refresh
    await settle();
    const r = await cache.read("metrics", "k", load);
    expect(r.state).toBe("ok");
    if (r.state !== "ok") return;
    expect(r.value).toBe("good");
    expect(r.stale).toBe(true);
    expect(r.asOf).toBe(1_000_000);
    expect(r.refreshError?.code).toBe("throttled");
    expect(r.refreshError?.publicMessage).toBe("throttled by CloudWatch");
    // The failed refresh is not retried on every read.
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("remembers a failure with nothing to show for a short while, then tries again", async () => {
    const { cache, clock } = setup();
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(throttled()).mockResolvedValue("later");
    const first = await cache.read("metrics", "k", load);
    expect(first).toMatchObject({ state: "error" });
    const again = await cache.read("metrics", "k", load);
    expect(again).toMatchObject({ state: "error" });
    expect(load).toHaveBeenCalledTimes(1);
    clock.advance(ERROR_TTL_MS + 1);
    expect(await cache.read("metrics", "k", load)).toMatchObject({ state: "ok", value: "later" });
  });

  it("never leaks raw AWS text through the error it returns", async () => {
    const { cache } = setup();
    const r = await cache.read("metrics", "k", () => Promise.reject(throttled()));
    expect(r.state).toBe("error");
    if (r.state === "error") expect(r.error.publicMessage).not.toContain("Rate exceeded");
  });

  it("answers pending when a load outlasts waitMs, and the load still lands in the cache", async () => {
    const { cache } = setup();
    let release: (v: string) => void = () => undefined;
    const load = () => new Promise<string>((r) => (release = r));
    const r = await cache.read("coldStarts", "k", load, { waitMs: 5 });
    expect(r).toEqual({ state: "pending" });
    release("done");
    await settle();
    expect(await cache.read("coldStarts", "k", load, { waitMs: 5 })).toMatchObject({
      state: "ok",
      value: "done",
    });
  });

  it("a reader joining a slow load shares the first reader's wait instead of waiting its own again", async () => {
    const { cache, clock } = setup();
    let release: (v: string) => void = () => undefined;
    const load = () => new Promise<string>((r) => (release = r));
    expect(await cache.read("coldStarts", "k", load, { waitMs: 5 })).toEqual({ state: "pending" });
    clock.advance(1_000);
    // Would wait 60 s on its own; the load's wait already ran out, so it answers at once.
    const joined = cache.read("coldStarts", "k", load, { waitMs: 60_000 });
    const quick = await Promise.race([joined, new Promise((r) => setTimeout(() => r("still waiting"), 200))]);
    expect(quick).toEqual({ state: "pending" });
    // A reader without waitMs needs the value to build on: it waits for the load however it started.
    const needed = cache.read("coldStarts", "k", load);
    release("done");
    expect(await needed).toMatchObject({ state: "ok", value: "done" });
    await settle();
    expect(await cache.read("coldStarts", "k", load, { waitMs: 5 })).toMatchObject({
      state: "ok",
      value: "done",
    });
  });

  it("re-reads partial values sooner than their TTL", async () => {
    const { cache, clock } = setup();
    let n = 0;
    const load = vi.fn(async () => ({ n: ++n, partial: n === 1 }));
    const first = await cache.read("coldStarts", "k", load, { isPartial: (v) => v.partial });
    expect(first).toMatchObject({ state: "ok", partial: true });
    clock.advance(PARTIAL_TTL_MS + 1);
    expect(await cache.read("coldStarts", "k", load, { isPartial: (v) => v.partial })).toMatchObject({
      stale: true,
    });
    await settle();
    expect(await cache.read("coldStarts", "k", load, { isPartial: (v) => v.partial })).toMatchObject({
      state: "ok",
      value: { n: 2 },
      partial: false,
    });
  });
});

describe("MemoryStore", () => {
  it("evicts the least recently used entry beyond its size", async () => {
    const store = new MemoryStore(2);
    await store.set("a", { value: 1, storedAt: 0 }, 60_000);
    await store.set("b", { value: 2, storedAt: 0 }, 60_000);
    await store.get("a");
    await store.set("c", { value: 3, storedAt: 0 }, 60_000);
    expect(await store.get("b")).toBeUndefined();
    expect(await store.get("a")).toBeDefined();
    expect(await store.get("c")).toBeDefined();
  });

  it("forgets entries past their keep time", async () => {
    let now = 0;
    const store = new MemoryStore(10, () => now);
    await store.set("a", { value: 1, storedAt: 0 }, 1000);
    now = 1001;
    expect(await store.get("a")).toBeUndefined();
  });
});
