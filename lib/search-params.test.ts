import { describe, expect, it } from "vitest";
import {
  functionHref,
  functionListParams,
  globalQuery,
  parseRange,
  parseRefresh,
  parseScope,
  parseTableState,
  parseViewState,
  rangeLabel,
  rangePatch,
  refreshIntervalMs,
  sortPatch,
  toRangeParams,
  withParams,
} from "./search-params";

describe("parseRange", () => {
  it("reads a preset, defaulting to 24h", () => {
    expect(parseRange(new URLSearchParams("range=7d"))).toEqual({ kind: "preset", preset: "7d" });
    expect(parseRange(new URLSearchParams(""))).toEqual({ kind: "preset", preset: "24h" });
    expect(parseRange(new URLSearchParams("range=2w"))).toEqual({ kind: "preset", preset: "24h" });
  });

  it("reads custom bounds only when both are ISO times in order", () => {
    const from = "2026-11-20T12:00:00Z";
    const to = "2026-11-21T12:00:00Z";
    expect(parseRange({ from, to })).toEqual({ kind: "custom", from, to });
    expect(parseRange({ from: to, to: from })).toEqual({ kind: "preset", preset: "24h" });
    expect(parseRange({ from })).toEqual({ kind: "preset", preset: "24h" });
    expect(parseRange({ from: "yesterday", to })).toEqual({ kind: "preset", preset: "24h" });
    // The API rejects range together with from/to; the preset wins here.
    expect(parseRange({ range: "3h", from, to })).toEqual({ kind: "preset", preset: "3h" });
  });

  it("reads the same from Next's searchParams object and from URLSearchParams", () => {
    const raw = { range: ["3d", "1h"], region: "eu-west-1", refresh: "1m" };
    const viaObject = parseViewState(raw);
    const viaUrl = parseViewState(new URLSearchParams("range=3d&range=1h&region=eu-west-1&refresh=1m"));
    expect(viaObject).toEqual(viaUrl);
    expect(viaObject.range).toEqual({ kind: "preset", preset: "3d" });
  });

  it("turns into API parameters", () => {
    expect(toRangeParams({ kind: "preset", preset: "1h" })).toEqual({ range: "1h" });
    expect(toRangeParams({ kind: "custom", from: "a", to: "b" })).toEqual({ from: "a", to: "b" });
  });
});

describe("scope, refresh and table state", () => {
  it("drops malformed accounts and regions", () => {
    expect(parseScope({ account: "prod", region: "eu-west-1" })).toEqual({
      account: "prod",
      region: "eu-west-1",
    });
    expect(parseScope({ account: "../etc", region: "US-EAST-1" })).toEqual({});
  });

  it("maps refresh options to intervals", () => {
    expect(parseRefresh({ refresh: "30s" })).toBe("30s");
    expect(parseRefresh({ refresh: "10s" })).toBe("off");
    expect(refreshIntervalMs("off")).toBe(false);
    expect(refreshIntervalMs("1m")).toBe(60_000);
    expect(refreshIntervalMs("5m")).toBe(300_000);
  });

  it("parses table filters and sort, ignoring junk", () => {
    const s = parseTableState(
      new URLSearchParams(
        "q=%20pay%20&runtime=python3.12&team=Platform&severity=warning&sort=errorRate&dir=desc",
      ),
    );
    expect(s).toEqual({
      filters: { q: "pay", runtime: "python3.12", team: "Platform", severity: "warning" },
      sort: { key: "errorRate", dir: "desc" },
    });
    expect(parseTableState({ runtime: "Node JS", severity: "urgent", sort: "secret" })).toEqual({
      filters: {},
      sort: { key: "name", dir: "asc" },
    });
    expect(parseTableState({ runtime: "(none)", team: "(none)" }).filters).toEqual({
      runtime: "(none)",
      team: "(none)",
    });
  });

  it("builds the function list request from range and account only", () => {
    const view = parseViewState({ range: "3h", account: "prod", region: "eu-west-1", q: "pay" });
    expect(functionListParams(view)).toEqual({ range: "3h", account: "prod" });
    expect(functionListParams(parseViewState({}))).toEqual({ range: "24h" });
  });

  it("labels ranges", () => {
    expect(rangeLabel({ kind: "preset", preset: "7d" })).toBe("Last 7 days");
    expect(rangeLabel({ kind: "custom", from: "2026-11-20T12:00:00Z", to: "2026-11-21T00:30:00Z" })).toBe(
      "2026-11-20 12:00 UTC – 2026-11-21 00:30 UTC",
    );
  });
});

describe("serializing", () => {
  it("patches parameters, removing empty ones", () => {
    expect(withParams("range=24h&q=x", { q: null, runtime: "java21" })).toBe("?range=24h&runtime=java21");
    expect(withParams("q=x", { q: "" })).toBe("");
    expect(
      withParams(
        "",
        rangePatch({ kind: "custom", from: "2026-11-20T12:00:00Z", to: "2026-11-21T12:00:00Z" }),
      ),
    ).toBe("?from=2026-11-20T12%3A00%3A00Z&to=2026-11-21T12%3A00%3A00Z");
    expect(withParams("from=a&to=b", rangePatch({ kind: "preset", preset: "1h" }))).toBe("?range=1h");
  });

  it("round-trips: what is written parses back to the same state", () => {
    const custom = { kind: "custom", from: "2026-11-20T12:00:00Z", to: "2026-11-21T12:00:00Z" } as const;
    expect(parseRange(new URLSearchParams(withParams("", rangePatch(custom))))).toEqual(custom);
    const sort = { key: "p99DurationMs", dir: "desc" } as const;
    expect(parseTableState(new URLSearchParams(withParams("", sortPatch(sort)))).sort).toEqual(sort);
    expect(sortPatch({ key: "name", dir: "asc" })).toEqual({ sort: null, dir: null });
  });

  it("carries only the global parameters between pages", () => {
    expect(globalQuery({ range: "3h", region: "eu-west-1", q: "x", sort: "name", refresh: "30s" })).toBe(
      "?range=3h&region=eu-west-1&refresh=30s",
    );
    expect(globalQuery({})).toBe("");
  });

  it("encodes detail links", () => {
    expect(functionHref({ account: "prod", region: "eu-west-1", name: "a_b-c" }, "?range=1h")).toBe(
      "/functions/prod/eu-west-1/a_b-c?range=1h",
    );
  });
});
