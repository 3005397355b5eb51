import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { BadRequestError } from "./errors";
import { rangeFigureTtlMs, resolveRange } from "./range";

const NOW = Date.UTC(2026, 10, 22, 12, 30, 45);
const iso = (ms: number) => new Date(ms).toISOString();
const D = 86_400_000;

function badField(input: Parameters<typeof resolveRange>[0]): string {
  try {
    resolveRange(input, NOW);
  } catch (err) {
    if (err instanceof BadRequestError) return err.field;
    throw err;
  }
  throw new Error("expected a BadRequestError");
}

describe("resolveRange", () => {
  it("defaults to the last 24 hours, ending at the current minute", () => {
    const r = resolveRange({}, NOW);
    expect(r.preset).toBe("24h");
    expect(r.endMs).toBe(Date.UTC(2026, 10, 22, 12, 30));
    expect(r.endMs - r.startMs).toBe(D);
    expect(r.periodSeconds).toBe(60);
    expect(r.key).toBe("24h");
  });

  it("resolves presets with their chart period", () => {
    expect(resolveRange({ range: "1h" }, NOW).periodSeconds).toBe(60);
    expect(resolveRange({ range: "7d" }, NOW).periodSeconds).toBe(600);
    expect(resolveRange({ range: "30d" }, NOW).periodSeconds).toBe(1800);
  });

  it("accepts an absolute range and keys the cache by its bounds", () => {
    const r = resolveRange({ from: iso(NOW - 2 * D), to: iso(NOW - D) }, NOW);
    expect(r.startMs).toBe(NOW - 2 * D);
    expect(r.preset).toBeUndefined();
    expect(r.key).toBe(`${NOW - 2 * D}-${NOW - D}`);
  });

  it("accepts `to` up to five minutes ahead", () => {
    expect(() => resolveRange({ from: iso(NOW - D), to: iso(NOW + 4 * 60_000) }, NOW)).not.toThrow();
  });

  it.each([
    ["both a preset and from/to", { range: "1h" as const, from: iso(NOW - D), to: iso(NOW) }, "range"],
    ["from without to", { from: iso(NOW - D) }, "to"],
    ["to without from", { to: iso(NOW) }, "from"],
    ["reversed bounds", { from: iso(NOW), to: iso(NOW - D) }, "from"],
    ["equal bounds", { from: iso(NOW), to: iso(NOW) }, "from"],
    ["to more than 5 minutes ahead", { from: iso(NOW), to: iso(NOW + 6 * 60_000) }, "to"],
    ["a span over 455 days", { from: iso(NOW - 456 * D), to: iso(NOW - 0.5 * D) }, "from"],
    ["a start older than 455 days", { from: iso(NOW - 460 * D), to: iso(NOW - 400 * D) }, "from"],
    ["a range in the future", { from: "2099-01-01T00:00:00Z", to: "2099-01-02T00:00:00Z" }, "to"],
    ["an unparseable time", { from: "yesterday", to: iso(NOW) }, "from"],
  ])("rejects %s, naming the field", (_what, input, field) => {
    expect(badField(input)).toBe(field);
  });
});

describe("rangeFigureTtlMs", () => {
  const regions = process.env.HEADROOM_REGIONS;
  afterEach(() => {
    if (regions === undefined) delete process.env.HEADROOM_REGIONS;
    else process.env.HEADROOM_REGIONS = regions;
    resetConfigForTests();
  });
  const ttl = (range: "1h" | "24h" | "7d") => {
    process.env.HEADROOM_REGIONS ??= "us-east-1";
    return rangeFigureTtlMs(resolveRange({ range }, NOW), "metrics") / 60_000;
  };

  it("keeps a day's figures 5 minutes, a week's 15, and never less than the kind's TTL", () => {
    expect(ttl("24h")).toBe(5);
    expect(ttl("7d")).toBe(15);
    expect(ttl("1h")).toBe(1); // the metrics TTL of 60 s
  });
});
