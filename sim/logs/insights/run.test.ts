import { describe, expect, it } from "vitest";
import type { LogEvent } from "../../model/logs";
import { parseQuery } from "./parser";
import { nthSmallest, runQuery, type QueryEvent } from "./run";
import { sortCompare } from "./values";

const ACCOUNT = "111122223333";
const TEXT_GROUP = `${ACCOUNT}:/aws/lambda/orders-api`;
const JSON_GROUP = `${ACCOUNT}:/aws/lambda/json-fn`;
const STREAM = "2026/11/20/[$LATEST]0123456789abcdef0123456789abcdef";
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
const ID1 = "11111111-1111-4111-8111-111111111111";
const ID2 = "22222222-2222-4222-8222-222222222222";
const ID3 = "33333333-3333-4333-8333-333333333333";
const ID4 = "44444444-4444-4444-8444-444444444444";
const ID5 = "55555555-5555-4555-8555-555555555555";
const iso = (ms: number) => new Date(ms).toISOString();

/** A hand-written log: three text-format invocations (cold, error, timeout), a Python error and a JSON-format function. */
const FIXTURE: Array<[group: string, offsetMs: number, message: string]> = [
  [
    TEXT_GROUP,
    0,
    "INIT_START Runtime Version: nodejs:22.mainline.v122\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc\n",
  ],
  [TEXT_GROUP, 200, `START RequestId: ${ID1} Version: $LATEST\n`],
  [
    TEXT_GROUP,
    250,
    `${iso(T0 + 250)}\t${ID1}\tINFO\t{"orderId":"o-1","amount":12.5,"items":[{"sku":"a"}]}\n`,
  ],
  [TEXT_GROUP, 300, `END RequestId: ${ID1}\n`],
  [
    TEXT_GROUP,
    300,
    `REPORT RequestId: ${ID1}\tDuration: 100.50 ms\tBilled Duration: 301 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\tInit Duration: 200.25 ms\t\n`,
  ],
  [TEXT_GROUP, 60_000, `START RequestId: ${ID2} Version: $LATEST\n`],
  [
    TEXT_GROUP,
    61_000,
    `${iso(T0 + 61_000)}\t${ID2}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined","stack":["TypeError: x is undefined"]}\n`,
  ],
  [TEXT_GROUP, 61_000, `END RequestId: ${ID2}\n`],
  [
    TEXT_GROUP,
    61_000,
    `REPORT RequestId: ${ID2}\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\tMemory Size: 512 MB\tMax Memory Used: 512 MB\tStatus: error\t\nXRAY TraceId: 1-abc-def\tSegmentId: 0123abcd\tSampled: true\n`,
  ],
  [TEXT_GROUP, 120_000, `START RequestId: ${ID3} Version: $LATEST\n`],
  [TEXT_GROUP, 123_000, `${iso(T0 + 123_000)} ${ID3} Task timed out after 3.00 seconds\n\n`],
  [TEXT_GROUP, 123_000, `END RequestId: ${ID3}\n`],
  [
    TEXT_GROUP,
    123_000,
    `REPORT RequestId: ${ID3}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tStatus: timeout\t\n`,
  ],
  [TEXT_GROUP, 180_000, `[ERROR]\t${iso(T0 + 180_000)}\t${ID4}\tKeyError: 'x'\n`],
  [
    JSON_GROUP,
    10,
    JSON.stringify({
      time: iso(T0 + 10),
      type: "platform.initStart",
      record: { initializationType: "on-demand", phase: "init" },
    }),
  ],
  [
    JSON_GROUP,
    100,
    JSON.stringify({
      time: iso(T0 + 100),
      type: "platform.start",
      record: { requestId: ID5, version: "$LATEST" },
    }),
  ],
  [
    JSON_GROUP,
    150,
    JSON.stringify({
      timestamp: iso(T0 + 150),
      level: "ERROR",
      requestId: ID5,
      message: { errorType: "Error", errorMessage: "boom" },
    }),
  ],
  [
    JSON_GROUP,
    200,
    JSON.stringify({
      time: iso(T0 + 200),
      type: "platform.report",
      record: {
        requestId: ID5,
        metrics: {
          durationMs: 100.5,
          billedDurationMs: 401,
          memorySizeMB: 256,
          maxMemoryUsedMB: 64,
          initDurationMs: 300.25,
        },
        status: "error",
        errorType: "Error",
      },
    }),
  ],
  [
    JSON_GROUP,
    70_000,
    JSON.stringify({
      time: iso(T0 + 70_000),
      type: "platform.report",
      record: {
        requestId: "66666666-6666-4666-8666-666666666666",
        metrics: { durationMs: 20, billedDurationMs: 20, memorySizeMB: 256, maxMemoryUsedMB: 60 },
        status: "success",
      },
    }),
  ],
];

const EVENTS: QueryEvent[] = FIXTURE.map(([logGroup, offset, message], i) => {
  const event: LogEvent = {
    timestamp: T0 + offset,
    ingestionTime: T0 + offset + 500,
    message,
    logStreamName: STREAM,
    eventId: `ev${i}`,
  };
  return { event, logGroup };
}).sort((a, b) => a.event.timestamp - b.event.timestamp);

function run(q: string, opts: { limit?: number } = {}) {
  return runQuery(parseQuery(q), EVENTS, opts);
}

/** Rows as objects, @ptr dropped, for readable assertions. */
function rows(q: string, opts: { limit?: number } = {}): Array<Record<string, string>> {
  return run(q, opts).rows.map((r) =>
    Object.fromEntries(r.filter((f) => f.field !== "@ptr").map((f) => [f.field, f.value])),
  );
}

function count(filter: string): number {
  return Number(rows(`filter ${filter} | stats count(*) as n`)[0]?.n);
}

describe("runQuery: events and discovered fields", () => {
  it("returns @timestamp, @message, @logStream, @log and @ptr by default, newest first", () => {
    const result = run('filter @type = "START"');
    expect(result.rows.map((r) => r.map((f) => f.field))).toEqual(
      Array(3).fill(["@timestamp", "@message", "@logStream", "@log", "@ptr"]),
    );
    const out = rows('filter @type = "START"');
    expect(out.map((r) => r["@message"])).toEqual(
      [ID3, ID2, ID1].map((id) => `START RequestId: ${id} Version: $LATEST\n`),
    );
    expect(out[0]?.["@timestamp"]).toBe("2026-11-20 10:02:00.000");
    expect(out[0]?.["@log"]).toBe(TEXT_GROUP);
    expect(out[0]?.["@logStream"]).toBe(STREAM);
  });

  it("reads the Lambda fields of REPORT lines, memory in bytes, @initDuration only on cold starts", () => {
    expect(
      rows(
        'filter @type = "REPORT" | fields @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed, @initDuration, @xrayTraceId, @xraySegmentId | sort @requestId',
      ),
    ).toEqual([
      {
        "@requestId": ID1,
        "@duration": "100.5",
        "@billedDuration": "301",
        "@memorySize": "512000000",
        "@maxMemoryUsed": "80000000",
        "@initDuration": "200.25",
      },
      {
        "@requestId": ID2,
        "@duration": "1000",
        "@billedDuration": "1000",
        "@memorySize": "512000000",
        "@maxMemoryUsed": "512000000",
        "@xrayTraceId": "1-abc-def",
        "@xraySegmentId": "0123abcd",
      },
      {
        "@requestId": ID3,
        "@duration": "3000",
        "@billedDuration": "3000",
        "@memorySize": "512000000",
        "@maxMemoryUsed": "90000000",
      },
    ]);
  });

  it("sets @type only on START, END and REPORT, and @requestId also from Node, Python and timeout lines", () => {
    expect(rows("filter ispresent(@type) | stats count(*) by @type")).toEqual([
      { "@type": "START", "count(*)": "3" },
      { "@type": "END", "count(*)": "3" },
      { "@type": "REPORT", "count(*)": "3" },
    ]);
    expect(
      rows("filter @message like /\\tERROR\\t|^\\[ERROR\\]|timed out/ | fields @requestId").map(
        (r) => r["@requestId"],
      ),
    ).toEqual([ID4, ID3, ID2]);
    // START, END and REPORT of three invocations, two Node lines, the timeout line and the Python line.
    expect(count("ispresent(@requestId)")).toBe(13);
  });

  it("gives @ingestionTime as a timestamp and a distinct @ptr per event", () => {
    expect(rows('filter @type = "END" | fields @ingestionTime | limit 1')[0]?.["@ingestionTime"]).toBe(
      "2026-11-20 10:02:03.500",
    );
    const ptrs = run("fields @message").rows.map((r) => r.find((f) => f.field === "@ptr")?.value);
    expect(new Set(ptrs).size).toBe(EVENTS.length);
  });

  it("discovers JSON fields with dot notation, for JSON events and for a text line's embedded fragment", () => {
    expect(
      rows(
        'filter type = "platform.report" | fields record.metrics.initDurationMs as init, record.status, record.metrics.durationMs | sort @timestamp asc',
      ),
    ).toEqual([
      { init: "300.25", "record.status": "error", "record.metrics.durationMs": "100.5" },
      { "record.status": "success", "record.metrics.durationMs": "20" },
    ]);
    expect(rows('filter level = "ERROR" | fields message.errorType, requestId')).toEqual([
      { "message.errorType": "Error", requestId: ID5 },
    ]);
    expect(rows("filter ispresent(orderId) | fields orderId, amount * 2 as double, items.0.sku")).toEqual([
      { orderId: "o-1", double: "25", "items.0.sku": "a" },
    ]);
    expect(rows('filter errorType = "TypeError" | fields errorMessage, stack.0')).toEqual([
      { errorMessage: "x is undefined", "stack.0": "TypeError: x is undefined" },
    ]);
    // JSON-format events have no @type (reference section 3: the parser keys on text REPORT lines).
    expect(count('type = "platform.report" and ispresent(@type)')).toBe(0);
  });
});

describe("runQuery: filter", () => {
  it.each<[string, number]>([
    ["@duration > 500", 2],
    ["@duration >= 1000", 2],
    ["@duration < 1000", 1],
    ["@duration <= 1000", 2],
    ["@duration = 100.5", 1],
    ['@type = "REPORT" and @duration != 100.5', 2],
    ["@maxMemoryUsed = @memorySize", 1],
    ['@billedDuration > "500"', 2],
    ['@message like "timed out"', 1],
    ["@message like /(?i)TASK TIMED/", 1],
    ['@type = "REPORT" and @message not like /Init Duration/', 2],
    ["@message =~ /Status: (error|timeout)/", 2],
    ['@type in ["START", "END"]', 6],
    ['@type not in ["START", "END"]', 3],
    ["@duration in [100.5, 3000]", 2],
    ["not ispresent(@type)", 10],
    ['(@type = "START" or @type = "END") and @requestId = "' + ID1 + '"', 2],
    ['not (@type = "START" or @type = "END" or @type = "REPORT")', 10],
    ["ispresent(@initDuration)", 1],
    ['isempty(nope) and strcontains(@message, "KeyError")', 1],
    ['isblank("   ") and @type = "END"', 3],
    ["record.metrics.durationMs > 50", 1],
    ["record.metrics.durationMs / 2 = 10", 1],
  ])("filter %s matches %i", (f, n) => {
    expect(count(f)).toBe(n);
  });

  it("treats comparisons with an absent field as false, even !=", () => {
    expect(count('nope != "x"')).toBe(0);
    expect(count('not (nope = "x")')).toBe(EVENTS.length);
  });
});

describe("runQuery: parse", () => {
  it("extracts glob wildcards, the last one taking the rest of the line", () => {
    expect(
      rows(
        'filter @type = "REPORT" | parse @message "Duration: * ms\\tBilled Duration: * ms" as d, b | fields d, b | sort d',
      ),
    ).toEqual([
      { d: "100.50", b: "301" },
      { d: "1000.00", b: "1000" },
      { d: "3000.00", b: "3000" },
    ]);
    expect(rows('parse @logStream "*/*/*/[*]*" as y, m, d, ver, id | display ver, id | limit 1')).toEqual([
      { ver: "$LATEST", id: "0123456789abcdef0123456789abcdef" },
    ]);
  });

  it("keeps events that do not match, without the fields", () => {
    const out = rows(
      'parse "Task timed out after * seconds" as secs | filter @type = "END" or ispresent(secs) | fields secs',
    );
    expect(out).toEqual([{}, { secs: "3.00" }, {}, {}]);
  });

  it("extracts named groups of a regex from @message by default, and chains", () => {
    expect(
      rows("parse /Max Memory Used: (?<mem>\\d+) MB/ | filter ispresent(mem) | stats sum(mem) as total"),
    ).toEqual([{ total: "682" }]);
    expect(
      rows(
        'parse @message /RequestId: (?<rid>\\S+)/ | parse rid "*-*" as head, rest | filter @type = "START" | sort head | display head',
      ),
    ).toEqual([{ head: "11111111" }, { head: "22222222" }, { head: "33333333" }]);
  });
});

describe("runQuery: stats", () => {
  it("computes every aggregate", () => {
    expect(
      rows(
        'filter @type = "REPORT" | stats count(*) as n, count() as n2, count(@initDuration) as cold, sum(@duration) as total, avg(@duration) as mean, min(@duration), max(@duration), count_distinct(@requestId) as ids, pct(@duration, 50) as p50, percentile(@duration, 99) as p99, stddev(@duration) as sd, earliest(@requestId) as first, latest(@requestId) as last',
      ),
    ).toEqual([
      {
        n: "3",
        n2: "3",
        cold: "1",
        total: "4100.5",
        mean: "1366.83333333333",
        "min(@duration)": "100.5",
        "max(@duration)": "3000",
        ids: "3",
        p50: "1000",
        p99: "3000",
        sd: "1484.14961622248",
        first: ID1,
        last: ID3,
      },
    ]);
  });

  it("does arithmetic on aggregates and refers to earlier aliases", () => {
    expect(
      rows(
        'filter @type = "REPORT" | stats sum(ispresent(@initDuration))/count() * 100 as coldPct, max(@duration) as mx, min(@duration) as mn, mx - mn as spread',
      ),
    ).toEqual([{ coldPct: "33.3333333333333", mx: "3000", mn: "100.5", spread: "2899.5" }]);
  });

  it("groups by bin() in time order, naming unaliased columns by their text", () => {
    const result = run('filter @type = "REPORT" | stats count(*) by bin(1m)');
    expect(result.rows).toEqual(
      ["10:00", "10:01", "10:02"].map((hm) => [
        { field: "bin(1m)", value: `2026-11-20 ${hm}:00.000` },
        { field: "count(*)", value: "1" },
      ]),
    );
  });

  it("groups by fields, expressions with aliases, and several keys", () => {
    expect(rows('filter @type = "REPORT" | stats count(*) as n by @memorySize / 1000000 as memMB')).toEqual([
      { memMB: "512", n: "3" },
    ]);
    expect(
      rows("filter ispresent(@type) | stats count(*) as n by @type, bin(1h) | sort n desc | limit 1"),
    ).toEqual([{ "@type": "START", "bin(1h)": "2026-11-20 10:00:00.000", n: "3" }]);
    expect(
      rows(
        'filter type = "platform.report" | stats count(*) as n, avg(record.metrics.durationMs) as d by record.status | sort record.status',
      ),
    ).toEqual([
      { "record.status": "error", n: "1", d: "100.5" },
      { "record.status": "success", n: "1", d: "20" },
    ]);
  });

  it("aggregates the output of an earlier stats", () => {
    expect(
      rows(
        'filter @type = "REPORT" | stats count(*) as n by bin(1m) | stats sum(n) as total, count(*) as bins',
      ),
    ).toEqual([{ total: "3", bins: "3" }]);
  });

  it("answers one row over no events when there is no by", () => {
    expect(rows('filter @type = "NOPE" | stats count(*) as n, avg(@duration) as d')).toEqual([{ n: "0" }]);
    expect(rows('filter @type = "NOPE" | stats count(*) as n by bin(1m)')).toEqual([]);
  });

  it("reports statistics: scanned, bytes, and events that passed the filters", () => {
    const result = run('filter @type = "REPORT" | stats count(*)');
    expect(result.statistics).toEqual({
      recordsScanned: EVENTS.length,
      bytesScanned: EVENTS.reduce((n, e) => n + e.event.message.length, 0),
      recordsMatched: 3,
    });
  });
});

describe("runQuery: sort, limit, dedup, display", () => {
  it("sorts ascending by default, descending on request, on several keys", () => {
    const ids = (q: string) => rows(q).map((r) => r["@requestId"]);
    expect(ids('filter @type = "REPORT" | sort @duration desc | fields @requestId')).toEqual([ID3, ID2, ID1]);
    expect(ids('filter @type = "REPORT" | sort @duration | fields @requestId')).toEqual([ID1, ID2, ID3]);
    expect(
      ids("filter ispresent(@type) | sort @type desc, @requestId asc | fields @requestId | limit 4"),
    ).toEqual([ID1, ID2, ID3, ID1]);
  });

  it("puts absent values last in both directions", () => {
    const ids = (q: string) => rows(q).map((r) => r["@requestId"]);
    expect(ids('filter @type = "REPORT" | sort @initDuration desc | fields @requestId')[0]).toBe(ID1);
    expect(ids('filter @type = "REPORT" | sort @initDuration asc | fields @requestId')[0]).toBe(ID1);
  });

  it("uses Insights' natural order: non-numbers first, digit runs by length", () => {
    expect(["10", "a10", "9", "b", "a9", "A"].sort(sortCompare)).toEqual(["A", "a9", "a10", "b", "9", "10"]);
  });

  it("limits rows: the query's limit wins over the API limit, which defaults to 10,000", () => {
    expect(rows("fields @message | limit 2")).toHaveLength(2);
    expect(rows("fields @message", { limit: 3 })).toHaveLength(3);
    expect(rows("fields @message | limit 5", { limit: 2 })).toHaveLength(5);
    expect(rows("fields @message")).toHaveLength(EVENTS.length);
    expect(rows('filter @type = "REPORT" | fields @requestId | limit 1')).toEqual([{ "@requestId": ID3 }]);
  });

  it("dedups in the current order, never dropping absent values", () => {
    expect(
      rows("filter ispresent(@requestId) | fields @requestId | dedup @requestId").map((r) => r["@requestId"]),
    ).toEqual([ID4, ID3, ID2, ID1]);
    expect(rows('filter type = "platform.report" | dedup @type')).toHaveLength(2);
  });

  it("shows only the last display's fields", () => {
    expect(
      run(
        'filter @type = "REPORT" | fields @requestId, @duration | display @requestId | display @duration | limit 1',
      ).rows[0]?.map((f) => f.field),
    ).toEqual(["@duration", "@ptr"]);
  });
});

describe("runQuery: lexical details and functions", () => {
  it("accepts comments, upper-case keywords and backticked names", () => {
    expect(rows('FILTER @type = "REPORT" # only reports\n| STATS COUNT(*) AS n')).toEqual([{ n: "3" }]);
    expect(
      rows(
        'filter @type = "REPORT" | fields @duration as `dur-ms` | sort `dur-ms` desc | display `dur-ms` | limit 1',
      ),
    ).toEqual([{ "dur-ms": "3000" }]);
  });

  it("evaluates the scalar functions", () => {
    const q = `filter @type = "REPORT" and @requestId = "${ID1}"
      | fields abs(-2) as a, ceil(1.2) as b, floor(1.8) as c, greatest(1, 5, 3) as d, least(4, 2) as e,
        concat("x", @type, "y") as f, tolower("AbC") as g, toupper("abc") as h, substr("abcdef", 1, 3) as i,
        strlen("héllo") as j, trim("  x ") as k, replace("a-b-c", "-", "+") as l, coalesce(nope, "fallback") as m,
        fromMillis(0) as n, toMillis(@timestamp) as o, datefloor(@timestamp, 1h) as p, 7 % 3 as q, 2 ^ 10 as r,
        isempty("") as s, isblank("  ") as t, strcontains("abc", "b") as u, -@duration as v, 1 / 0 as w,
        dateceil(@timestamp, 1d) as x, bin(1mo) as y, ltrim("xxay", "x") as z`;
    expect(rows(q)).toEqual([
      {
        a: "2",
        b: "2",
        c: "1",
        d: "5",
        e: "2",
        f: "xREPORTy",
        g: "abc",
        h: "ABC",
        i: "bcd",
        j: "5",
        k: "x",
        l: "a+b+c",
        m: "fallback",
        n: "1970-01-01 00:00:00.000",
        o: String(T0 + 300),
        p: "2026-11-20 10:00:00.000",
        q: "1",
        r: "1024",
        s: "1",
        t: "1",
        u: "1",
        v: "-100.5",
        x: "2026-11-21 00:00:00.000",
        y: "2026-11-01 00:00:00.000",
        z: "ay",
      },
    ]);
  });
});

describe("nthSmallest", () => {
  it("picks the value a sort would put at the rank, runs of equal values included", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(next() * 300);
      const distinct = 1 + Math.floor(next() * 40);
      const values = Array.from({ length: n }, () => Math.floor(next() * distinct) * 1.5 - 10);
      const sorted = [...values].sort((a, b) => a - b);
      for (const k of [0, Math.floor(n / 2), n - 1, Math.floor(next() * n)])
        expect(nthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });
});
