import { describe, expect, it } from "vitest";
import { parseQuery } from "@/sim/logs/insights";
import { errorsQuery, parseErrorRows } from "../function-errors";
import {
  binLiteral,
  coldStartSeriesQuery,
  coldStartSummaryQuery,
  logGroupOf,
  parseInsightsTime,
  parseSeriesRows,
  parseSummaryRow,
} from "./queries";

describe("cold-start queries", () => {
  it("are valid Logs Insights QL (checked with the sim's parser)", () => {
    for (const q of [
      coldStartSummaryQuery("Text", true),
      coldStartSummaryQuery("JSON", true),
      coldStartSummaryQuery("Text", false),
      coldStartSeriesQuery("JSON", 300),
      errorsQuery("Text"),
      errorsQuery("JSON"),
    ])
      expect(() => parseQuery(q)).not.toThrow();
  });

  it("read REPORT fields in the text format and record.metrics in JSON", () => {
    expect(coldStartSummaryQuery("Text", true)).toContain('filter @type = "REPORT"');
    expect(coldStartSummaryQuery("Text", true)).toContain("count(@initDuration) as coldStarts");
    expect(coldStartSummaryQuery("Text", true)).toContain("by @log");
    expect(coldStartSummaryQuery("JSON", true)).toContain('filter type = "platform.report"');
    expect(coldStartSummaryQuery("JSON", true)).toContain("pct(record.metrics.initDurationMs, 99)");
  });

  it("converts text-format memory from bytes (MB × 1,000,000) and keeps JSON memory in MB", () => {
    const text = parseSummaryRow(
      {
        invocations: "200",
        coldStarts: "4",
        memMax: "244000000",
        memP99: "230000000",
        memSize: "512000000",
        initP99: "812.5",
      },
      "Text",
    );
    expect(text).toMatchObject({
      invocations: 200,
      coldStarts: 4,
      coldStartRate: 0.02,
      maxMemoryUsedMB: 244,
      maxMemoryUsedP99MB: 230,
      memorySizeMB: 512,
      initP99Ms: 812.5,
    });
    const json = parseSummaryRow(
      { invocations: "10", coldStarts: "0", memMax: "123", memSize: "256" },
      "JSON",
    );
    expect(json).toMatchObject({
      maxMemoryUsedMB: 123,
      memorySizeMB: 256,
      coldStartRate: 0,
      initP99Ms: null,
      initDurationMsSum: 0,
    });
  });

  it("without invocations, rates are unknown rather than zero", () => {
    expect(parseSummaryRow({ invocations: "0", coldStarts: "0" }, "Text")).toMatchObject({
      coldStartRate: null,
      billedDurationMsSum: null,
    });
  });

  it("reads @log and Insights times", () => {
    expect(logGroupOf("123456789012:/aws/lambda/orders")).toBe("/aws/lambda/orders");
    expect(parseInsightsTime("2026-11-22 10:05:00.000")).toBe(Date.UTC(2026, 10, 22, 10, 5));
    expect(parseInsightsTime("1700000000000")).toBe(1_700_000_000_000);
    expect(binLiteral(300)).toBe("5m");
    expect(binLiteral(3600)).toBe("1h");
    expect(binLiteral(90)).toBe("90s");
  });

  it("places bins on the chart grid, leaving empty bins as gaps", () => {
    const t0 = Date.UTC(2026, 10, 22, 10, 0);
    const grid = [t0, t0 + 300_000, t0 + 600_000];
    const s = parseSeriesRows(
      [{ "bin(5m)": "2026-11-22 10:05:00.000", invocations: "12", coldStarts: "2", initP99: "400" }],
      grid,
    );
    expect(s.invocations).toEqual([
      [t0, null],
      [t0 + 300_000, 12],
      [t0 + 600_000, null],
    ]);
    expect(s.coldStarts[1]).toEqual([t0 + 300_000, 2]);
  });

  it("parses error groups, most frequent first", () => {
    const rows = parseErrorRows([
      {
        errType: "",
        errMsg: "Task timed out",
        n: "3",
        firstSeen: "2026-11-22 10:00:00.000",
        lastSeen: "2026-11-22 11:00:00.000",
      },
      {
        errType: "TypeError",
        errMsg: "x is undefined",
        n: "7",
        firstSeen: "2026-11-22 09:00:00.000",
        lastSeen: "2026-11-22 11:30:00.000",
      },
    ]);
    expect(rows.map((r) => [r.errorType, r.count])).toEqual([
      ["TypeError", 7],
      [null, 3],
    ]);
    expect(rows[0]?.firstSeen).toBe("2026-11-22T09:00:00.000Z");
  });
});
