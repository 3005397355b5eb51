import { describe, expect, it } from "vitest";
import { LogSource, type LogEvent } from "../model/logs";
import { WorkloadModel } from "../model/workload";
import { parseScenario } from "../scenario/load";
import { mergeByTimestamp, orderedEvents } from "./event-stream";
import { AWS_LAMBDA_QUERIES, LOGS_TEST_NOW, logsTestScenario } from "./fixtures";
import { parseQuery, runQuery, type QueryEvent, type QueryResult } from "./insights";
import { reportNumber } from "./insights/fields";
import { readsOnlyReports } from "./report-only";

/**
 * A scan that reads only REPORT records gets them with their figures at hand and their text
 * written on demand: it must see exactly what a full scan sees.
 */

const NOW = LOGS_TEST_NOW;
const input = logsTestScenario();
const scenario = parseScenario({
  ...input,
  functions: [
    ...(input.functions ?? []),
    // SnapStart (Restore Duration) and X-Ray (a second line in the REPORT).
    {
      name: "snap",
      region: "us-east-1",
      runtime: "java21",
      role: "basic-role",
      snapStart: true,
      tracing: "Active",
      workload: { rpm: 4, noise: 0.9, durationMedianMs: 300, durationP99Ms: 4000, maxMemoryUsedMB: 200 },
    },
  ],
});
const model = new WorkloadModel(scenario, NOW);
const logs = new LogSource(scenario, model, () => NOW);
const groups = logs.groups("us-east-1").map((g) => g.name);
// Mid-minute edges, so REPORT records straddling them are in or out by their own timestamps.
const START = NOW - 2 * 3_600_000 + 17_345;
const END = NOW - 5_400_000 + 41_777;

function scan(group: string, reportsOnly: boolean): LogEvent[] {
  return [...orderedEvents(logs, "us-east-1", group, START, END, { reportsOnly })];
}

const isReport = (e: LogEvent) =>
  e.message.startsWith("REPORT ") || e.message.includes('"type":"platform.report"');

const asWritten = (e: LogEvent) => ({
  timestamp: e.timestamp,
  ingestionTime: e.ingestionTime,
  message: e.message,
  logStreamName: e.logStreamName,
  eventId: e.eventId,
});

function run(text: string, reportsOnly: boolean): QueryResult {
  const streams = groups.map((group) =>
    (function* (): Generator<QueryEvent> {
      for (const event of orderedEvents(logs, "us-east-1", group, START, END, { reportsOnly }))
        yield { event, logGroup: `${scenario.accountId}:${group}` };
    })(),
  );
  return runQuery(
    parseQuery(text),
    mergeByTimestamp(streams, (e) => e.event.timestamp),
  );
}

const CONSOLE_QUERIES = [
  `filter @type = "REPORT"
| stats count(*) as invocations, count(@initDuration) as coldStarts,
    pct(@initDuration, 50) as initP50, pct(@initDuration, 95) as initP95, pct(@initDuration, 99) as initP99, max(@initDuration) as initMax,
    max(@maxMemoryUsed) as memMax, pct(@maxMemoryUsed, 99) as memP99, max(@memorySize) as memSize,
    sum(@billedDuration) as billedSum, sum(@initDuration) as initSum, sum(strcontains(@message, "Status: timeout")) as timeouts
    by @log`,
  `filter type = "platform.report"
| stats count(*) as invocations, count(record.metrics.initDurationMs) as coldStarts,
    pct(record.metrics.initDurationMs, 99) as initP99, max(record.metrics.maxMemoryUsedMB) as memMax,
    sum(record.metrics.billedDurationMs) as billedSum, sum(strcontains(record.status, "timeout")) as timeouts
    by @log`,
  `filter @type = "REPORT" | stats count(*), count(@initDuration), pct(@initDuration, 99), sum(@restoreDuration) by bin(5m)`,
  `filter @type = "REPORT" | fields @timestamp, @requestId, @duration, @xrayTraceId, @xraySegmentId, @logStream, @ingestionTime, @message`,
  `filter type = "platform.report" | fields record.requestId, record.status, record.errorType, @type, @requestId, @message`,
];

describe("REPORT-only scans", () => {
  it("yield the very REPORT records of a full scan, in the same order", () => {
    for (const group of groups) {
      const full = scan(group, false).filter(isReport);
      const reports = scan(group, true);
      expect(full.length).toBeGreaterThan(0);
      expect(reports.map(asWritten)).toEqual(full.map(asWritten));
    }
  });

  it("carry the figures the REPORT text says", () => {
    for (const group of groups)
      for (const e of scan(group, true)) {
        const r = e.report;
        if (!r) throw new Error("a REPORT-only scan yields events with their figures");
        if (r.json) {
          expect(r.document).toEqual(JSON.parse(e.message));
          continue;
        }
        expect(r.durationMs).toBe(reportNumber(e.message, "@duration"));
        expect(r.billedDurationMs).toBe(reportNumber(e.message, "@billedDuration"));
        expect(r.memorySizeMB * 1e6).toBe(reportNumber(e.message, "@memorySize"));
        expect(r.maxMemoryUsedMB * 1e6).toBe(reportNumber(e.message, "@maxMemoryUsed"));
        expect(r.initDurationMs ?? null).toBe(reportNumber(e.message, "@initDuration"));
        expect(r.restoreDurationMs ?? null).toBe(reportNumber(e.message, "@restoreDuration"));
      }
  });

  it("answer REPORT queries exactly as a full scan does", () => {
    const queries = [...CONSOLE_QUERIES, ...AWS_LAMBDA_QUERIES].filter((q) =>
      readsOnlyReports(parseQuery(q)),
    );
    expect(queries.length).toBeGreaterThan(10);
    for (const q of queries) {
      const fast = run(q, true);
      const full = run(q, false);
      expect(fast.rows.length).toBeGreaterThan(0);
      expect(fast.rows).toEqual(full.rows);
      expect(fast.statistics.recordsMatched).toBe(full.statistics.recordsMatched);
    }
  });
});
