import { describe, expect, it } from "vitest";
import { compileFilterPattern, FilterPatternError } from "./filter-pattern";

const REPORT_COLD =
  "REPORT RequestId: 11111111-1111-4111-8111-111111111111\tDuration: 100.50 ms\tBilled Duration: 301 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\tInit Duration: 200.25 ms\t\n";
const TIMEOUT =
  "2026-11-20T10:02:03.000Z 33333333-3333-4333-8333-333333333333 Task timed out after 3.00 seconds\n\n";
const NODE_ERROR =
  '2026-11-20T10:01:01.000Z\t22222222-2222-4222-8222-222222222222\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined"}\n';
const PY_ERROR = "[ERROR]\t2026-11-20T10:03:00.000Z\t44444444-4444-4444-8444-444444444444\tKeyError: 'x'\n";
const EXIT =
  "RequestId: 55555555-5555-4555-8555-555555555555 Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n";
const JSON_REPORT = JSON.stringify({
  time: "2026-11-20T10:00:00.200Z",
  type: "platform.report",
  record: {
    requestId: "x",
    metrics: { durationMs: 100.5, initDurationMs: 300 },
    status: "timeout",
    tracing: null,
    sampled: true,
    items: [{ id: "a" }],
  },
});
const JSON_APP = JSON.stringify({
  timestamp: "2026-11-20T10:00:00.150Z",
  level: "ERROR",
  requestId: "x",
  message: "boom",
});

describe("compileFilterPattern", () => {
  it.each<[string, string, boolean]>([
    ["", TIMEOUT, true],
    ["   ", TIMEOUT, true],
    ['""', TIMEOUT, true],
    ['"Task timed out"', TIMEOUT, true],
    ['"Task timed out"', REPORT_COLD, false],
    ['"Init Duration"', REPORT_COLD, true],
    ['"Init Duration"', TIMEOUT, false],
    ["ERROR", NODE_ERROR, true],
    ["ERROR", PY_ERROR, true],
    ["ERROR", TIMEOUT, false],
    ["error", PY_ERROR, false],
    ["ERROR TypeError", NODE_ERROR, true],
    ["ERROR KeyError", NODE_ERROR, false],
    ['?ERROR ?"Task timed out"', TIMEOUT, true],
    ['?ERROR ?"Task timed out"', REPORT_COLD, false],
    ['?"[ERROR]" ?"Runtime.ExitError"', EXIT, true],
    ["ERROR -KeyError", NODE_ERROR, true],
    ["ERROR -KeyError", PY_ERROR, false],
    ['REPORT -"Init Duration"', REPORT_COLD, false],
    ["%Status:%", REPORT_COLD, false],
    ["%Status:%", JSON_REPORT, false],
    ["%[Ee]rror%", NODE_ERROR, true],
    ["%Init.Duration%", REPORT_COLD, true],
    ["%^REPORT%", REPORT_COLD, true],
    ["%^REPORT%", TIMEOUT, false],
    ['{ $.type = "platform.report" }', JSON_REPORT, true],
    ['{ $.type = "platform.start" }', JSON_REPORT, false],
    ['{ $.type = "platform.*" }', JSON_REPORT, true],
    ["{ $.type = platform.report }", JSON_REPORT, true],
    ['{ $.record.status != "success" }', JSON_REPORT, true],
    ['{ $.record.nope != "success" }', JSON_REPORT, false],
    ['{ $.type = "platform.report" && $.record.status != "success" }', JSON_REPORT, true],
    ['{ $.type = "platform.report" && $.record.status = "success" }', JSON_REPORT, false],
    ['{ $.level = "ERROR" || $.record.status = "timeout" }', JSON_APP, true],
    ['{ ($.level = "WARN" || $.level = "ERROR") && $.message = "boom" }', JSON_APP, true],
    ["{ $.record.metrics.durationMs > 100 }", JSON_REPORT, true],
    ["{ $.record.metrics.durationMs >= 100.5 }", JSON_REPORT, true],
    ["{ $.record.metrics.durationMs < 100 }", JSON_REPORT, false],
    ["{ $.record.metrics.initDurationMs = 300 }", JSON_REPORT, true],
    ["{ $.record.tracing IS NULL }", JSON_REPORT, true],
    ["{ $.record.sampled IS TRUE }", JSON_REPORT, true],
    ["{ $.record.sampled IS FALSE }", JSON_REPORT, false],
    ["{ $.record.errorType NOT EXISTS }", JSON_REPORT, true],
    ["{ $.record.status NOT EXISTS }", JSON_REPORT, false],
    ['{ $.record.items[0].id = "a" }', JSON_REPORT, true],
    ['{ $.level = "ERROR" }', NODE_ERROR, false],
  ])("%s on a sample line -> %s", (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected);
  });

  it.each([
    ["unquoted term with punctuation", "Runtime.ExitError"],
    ["unterminated quote", '"Task timed'],
    ["unterminated regex", "%abc"],
    ["regex group", "%(a|b)%"],
    ["three regexes", "%a% %b% %c%"],
    ["regex with a space", "%Init Duration%"],
    ["space-delimited pattern", "[ip, user, status]"],
    ["JSON without closing brace", '{ $.a = "x"'],
    ["JSON without selector", '{ a = "x" }'],
    ["JSON numeric op on a string", '{ $.a > "x" }'],
    ["JSON trailing text", '{ $.a = "x" $.b }'],
    ["JSON bad IS", "{ $.a IS MAYBE }"],
  ])("rejects %s", (_, pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
  });
});
