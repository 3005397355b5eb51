import { describe, expect, it } from "vitest";
import type { Command, Expr } from "./ast";
import { MalformedQuery } from "./errors";
import { AWS_LAMBDA_QUERIES } from "../fixtures";
import { parseQuery } from "./parser";

function only<K extends Command["kind"]>(text: string, kind: K): Extract<Command, { kind: K }> {
  const q = parseQuery(text);
  const cmd = q.commands.find((c) => c.kind === kind);
  if (!cmd || cmd.kind !== kind) throw new Error(`no ${kind} in ${text}`);
  return cmd as Extract<Command, { kind: K }>;
}

function filterExpr(text: string): Expr {
  return only(text, "filter").expr;
}

describe("parseQuery: accepted constructs", () => {
  it.each(AWS_LAMBDA_QUERIES.map((q) => [q.split("\n")[0] ?? q, q]))("parses AWS query %s", (_, q) => {
    expect(() => parseQuery(q)).not.toThrow();
  });

  it.each([
    ["fields", "fields @timestamp, @message"],
    [
      "fields with alias and expression",
      "fields @duration / 1000 as seconds, concat(@logStream, '-', @requestId)",
    ],
    ["display", "fields a | display @timestamp, a"],
    ["filter comparisons", 'filter a = 1 and b != "x" and c < 2 and d <= 3 and e > 4 and f >= 5'],
    ["like string and regex", 'filter @message like "ERROR" or @message like /time(d|s) out/'],
    ["not like and =~", "filter @message not like /START/ and @message =~ /REPORT/"],
    ["in and not in", 'filter level in ["ERROR", "WARN"] and status not in [200, 204]'],
    ["not and parentheses", "filter not (a = 1 or b = 2)"],
    [
      "ispresent isempty isblank strcontains",
      'filter ispresent(a) and not isempty(b) and isblank(c) = 0 and strcontains(@message, "x")',
    ],
    ["parse glob", 'parse @message "user=*, method:*" as user, method'],
    ["parse default field", 'parse "[*] *" as level, text'],
    ["parse regex", "parse @message /user=(?<user>\\w+)/"],
    ["stats by several keys", "stats count(*), sum(x), avg(x), min(x), max(x) by a, bin(1h)"],
    [
      "stats count_distinct, pct, percentile, earliest, latest, stddev",
      "stats count_distinct(a), pct(d, 50), percentile(d, 90), earliest(a), latest(a), stddev(d)",
    ],
    ["sort several keys", "sort a desc, b asc, c"],
    ["sort by", "sort by @timestamp desc"],
    ["limit", "limit 25"],
    ["dedup", "dedup @requestId, @logStream | limit 5"],
    ["comments", "# first line\nfields @message # trailing\n  # indented\n| limit 1"],
    [
      "upper-case keywords",
      'FIELDS @message | FILTER @type = "REPORT" AND @duration > 1 | SORT @timestamp DESC | LIMIT 2',
    ],
    ["backtick field", "fields `foo-bar`, `a b` as c"],
    ["single-quoted string", "filter level = 'ERROR'"],
    ["(?i) inline flag", "filter @message like /(?i)error/"],
    ["arithmetic", "fields (a + b - c) * d / e % f ^ 2 as x, -a as y"],
    [
      "functions",
      "fields abs(a), ceil(a), floor(a), greatest(a, b), least(a, b), tolower(s), toupper(s), substr(s, 0, 3), strlen(s), trim(s), replace(s, 'a', 'b'), coalesce(a, b), fromMillis(m), toMillis(@timestamp), datefloor(@timestamp, 1h)",
    ],
    [
      "periods",
      "stats count(*) by bin(500ms), bin(30s), bin(1min), bin(2hours), bin(1d), bin(1w), bin(1mo), bin(1q), bin(1y)",
    ],
    ["count()", "stats count()"],
  ])("parses %s", (_, q) => {
    expect(() => parseQuery(q)).not.toThrow();
  });

  it("names columns by alias or source text", () => {
    const stats = only("stats count(*), avg(@duration) as avgMs, pct(@duration, 99) by bin(5m)", "stats");
    expect(stats.aggregates.map((a) => a.name)).toEqual(["count(*)", "avgMs", "pct(@duration, 99)"]);
    expect(stats.by.map((b) => b.name)).toEqual(["bin(5m)"]);
  });

  it("reads the (?i) flag into the regex flags", () => {
    const e = filterExpr("filter @message like /(?i)(Init Duration)/");
    expect(e).toMatchObject({
      kind: "like",
      pattern: { kind: "regex", source: "(Init Duration)", flags: "i" },
    });
  });

  it("keeps operator precedence: and binds tighter than or, * than +", () => {
    expect(filterExpr("filter a = 1 or b = 2 and c = 3")).toMatchObject({
      kind: "logic",
      op: "or",
      right: { kind: "logic", op: "and" },
    });
    expect(only("fields 1 + 2 * 3 as x", "fields").items[0]?.expr).toMatchObject({
      kind: "arith",
      op: "+",
      right: { kind: "arith", op: "*" },
    });
  });

  it("reads sort directions and the optional by", () => {
    expect(only("sort by @billedDuration desc, @requestId", "sort").keys).toEqual([
      { field: "@billedDuration", descending: true },
      { field: "@requestId", descending: false },
    ]);
  });

  it("treats a `/` after an operand as division and before one as a regex", () => {
    expect(only("fields @memorySize / 1000 / 1000 as mb", "fields").items[0]?.expr).toMatchObject({
      kind: "arith",
      op: "/",
    });
    expect(only("parse @message /x(?<y>\\d)/", "parse")).toMatchObject({ mode: "regex", names: ["y"] });
  });
});

describe("parseQuery: malformed queries", () => {
  it.each<[string, string, RegExp, [number, number]?]>([
    [
      "bin() in sort (AWS's own example)",
      "sort bin(1d) desc",
      /^unexpected symbol found \( at line 1 and position 9$/,
      [8, 9],
    ],
    [
      "trailing /i regex flag",
      "filter @message like /error/i",
      /^unexpected symbol found i at line 1 and position 29$/,
      [28, 29],
    ],
    [
      "position on a later line",
      "fields @message\n| sort bin(1d)",
      /unexpected symbol found \( at line 2 and position 11/,
    ],
    [
      "unsupported command pattern",
      "pattern @message",
      /unexpected symbol found pattern at line 1 and position 1.*not supported/,
      [0, 7],
    ],
    ["unsupported command diff", "fields @message | diff", /unexpected symbol found diff/],
    ["unknown command", "select * from logs", /unexpected symbol found select/],
    [
      "unknown function",
      "fields frobnicate(@message)",
      /unknown function frobnicate at line 1 and position 8/,
      [7, 27],
    ],
    ["unsupported known function", "filter isValidIp(ip)", /unknown function isvalidip.*not supported/],
    ["aggregate outside stats", "filter count(*) > 1", /aggregate function count is only allowed in stats/],
    ["nested aggregate", "stats max(count(*))", /cannot be nested/],
    ["bare field in stats", "stats avg(@duration) as a, b", /b must be inside an aggregate/],
    ["stats without aggregate", "stats 1 + 2", /stats needs an aggregate/],
    ["empty query", "", /unexpected symbol found <EOF>/],
    ["only a comment", "# nothing here", /unexpected symbol found <EOF>/],
    ["dangling pipe", "fields @message |", /unexpected symbol found <EOF>/],
    ["missing by keys", "stats count(*) by", /unexpected symbol found <EOF>/],
    ["invalid regex", "filter @message like /(unclosed/", /invalid regular expression/],
    ["unterminated regex", "filter @message like /abc", /unexpected symbol found \/.*unterminated/],
    ["unterminated string", 'filter a = "abc', /unexpected symbol found ".*unterminated/],
    ["glob wildcard count", 'parse @message "a * b *" as x', /2 wildcards but 1 names/],
    ["regex parse without names", "parse @message /abc/", /named capturing group/],
    ["limit zero", "limit 0", /unexpected symbol found 0/],
    ["limit too large", "limit 100001", /limit must be at most 100000/],
    ["limit not a number", "limit ten", /unexpected symbol found ten/],
    ["after dedup", "dedup a | sort b", /only limit may follow dedup/],
    ["pct without percentile", "stats pct(@duration)", /wrong number of arguments to pct/],
    ["pct out of range", "stats pct(@duration, 101)", /percentile between 0 and 100/],
    ["bin without a period", "stats count(*) by bin(5)", /bin needs a time period/],
    ["bad period unit", "stats count(*) by bin(5x)", /unexpected symbol found x/],
    ["period outside bin", "filter @duration > 5m", /time period is only allowed/],
    ["bang operator", "filter a ! b", /unexpected symbol found !/],
    ["double equals", "filter a == 1", /unexpected symbol found =/],
    ["reserved word as field", "fields and", /unexpected symbol found and/],
    ["count(*) star elsewhere", "stats sum(*)", /unexpected symbol found \*/],
    ["regex where a value is expected", "fields /abc/ as x", /unexpected symbol found \//],
    ["not without like/in", "filter a not = 1", /unexpected symbol found not/],
  ])("rejects %s", (_, q, message, offsets) => {
    let err: unknown;
    try {
      parseQuery(q);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MalformedQuery);
    const m = err as MalformedQuery;
    expect(m.message).toMatch(message);
    expect(m.endCharOffset).toBeGreaterThan(m.startCharOffset);
    if (offsets) expect([m.startCharOffset, m.endCharOffset]).toEqual(offsets);
  });
});
