import { describe, expect, it } from "vitest";
import { LogSource } from "../../model/logs";
import { MINUTE_MS, WorkloadModel, type MinuteStats } from "../../model/workload";
import { parseScenario } from "../../scenario/load";
import type { IndexedFunction } from "../../scenario/schema";
import { baseScenario } from "../../testing";
import { mergeByTimestamp, orderedEvents } from "../event-stream";
import { AWS_LAMBDA_QUERIES, LOGS_TEST_NOW, logsTestScenario } from "../fixtures";
import { parseQuery } from "./parser";
import { runQuery, type QueryEvent } from "./run";

/**
 * AWS's own Lambda queries over the simulator's logs, checked against the workload model:
 * logs and metrics must describe the same invocations.
 */

const NOW = LOGS_TEST_NOW;
const scenario = parseScenario(logsTestScenario());
const model = new WorkloadModel(scenario, NOW);
const logs = new LogSource(scenario, model, () => NOW);
const ACCOUNT = scenario.accountId;

function fn(name: string): IndexedFunction {
  const f = scenario.functionIndex.get(`us-east-1/${name}`);
  if (!f) throw new Error(`no function ${name}`);
  return f;
}

// Whole minutes, two to four hours before now.
const T0 = NOW - 4 * 3_600_000;
const T1 = NOW - 2 * 3_600_000;

function events(names: string[], start = T0, end = T1): Iterable<QueryEvent> {
  const streams = names.map((name) => {
    const group = fn(name).logGroupName;
    return (function* () {
      for (const event of orderedEvents(logs, "us-east-1", group, start, end))
        yield { event, logGroup: `${ACCOUNT}:${group}` };
    })();
  });
  return { [Symbol.iterator]: () => mergeByTimestamp(streams, (e) => e.event.timestamp) };
}

function query(q: string, names: string[]): Array<Record<string, string>> {
  return runQuery(parseQuery(q), events(names)).rows.map((r) =>
    Object.fromEntries(r.map((f) => [f.field, f.value])),
  );
}

function modelSum(name: string, pick: (m: MinuteStats) => number): number {
  let n = 0;
  for (let m = T0 / MINUTE_MS; m < T1 / MINUTE_MS; m++) n += pick(model.minute(fn(name), m));
  return n;
}

const num = (v: string | undefined) => Number(v);
const sum = (rows: Array<Record<string, string>>, field: string) =>
  rows.reduce((n, r) => n + num(r[field] ?? "0"), 0);

describe("AWS's Lambda queries over simulated logs", () => {
  it("has cold starts, errors, timeouts and OOM kills in the window, so the checks below can fail", () => {
    expect(modelSum("orders-api", (m) => m.coldStarts)).toBeGreaterThan(0);
    expect(modelSum("orders-api", (m) => m.errors)).toBeGreaterThan(0);
    expect(modelSum("slow-text", (m) => m.timeouts)).toBeGreaterThan(0);
    expect(modelSum("slow-json", (m) => m.timeouts)).toBeGreaterThan(0);
    expect(modelSum("slow-json", (m) => m.coldStarts)).toBeGreaterThan(0);
    expect(modelSum("oom", (m) => m.outOfMemory)).toBeGreaterThan(0);
  });

  it.each(AWS_LAMBDA_QUERIES.map((q) => [q.split("\n")[0] ?? q, q]))(
    "runs %s over every function",
    (_, q) => {
      expect(() =>
        runQuery(parseQuery(q), events(["orders-api", "slow-text", "slow-json", "oom"])),
      ).not.toThrow();
    },
  );

  it("memory query: provisioned MB is the function's, over-provisioning is the difference", () => {
    const [row] = query(AWS_LAMBDA_QUERIES[0] ?? "", ["orders-api"]);
    expect(row).toMatchObject({ provisonedMemoryMB: "512", maxMemoryUsedMB: "180" });
    expect(num(row?.overProvisionedMB)).toBe(512 - 180);
    expect(num(row?.smallestMemoryRequestMB)).toBeLessThanOrEqual(num(row?.avgMemoryUsedMB));
  });

  it("duration by bin(5m): one row per 5 minutes, min <= avg <= max", () => {
    const rows = query(AWS_LAMBDA_QUERIES[1] ?? "", ["orders-api"]);
    expect(rows).toHaveLength((T1 - T0) / 300_000);
    expect(rows[0]?.["bin(5m)"]).toBe("2026-11-20 08:00:00.000");
    for (const r of rows) {
      expect(num(r["min(@duration)"])).toBeLessThanOrEqual(num(r["avg(@duration)"]));
      expect(num(r["avg(@duration)"])).toBeLessThanOrEqual(num(r["max(@duration)"]));
    }
  });

  it("cold starts parsed from REPORT lines, by function and memory, match the model", () => {
    const rows = query(AWS_LAMBDA_QUERIES[2] ?? "", ["orders-api", "slow-text"]);
    const byFn = Object.fromEntries(rows.map((r) => [r.functionName, r]));
    expect(byFn["orders-api"]).toMatchObject({
      memorySize: "512",
      coldStarts: String(modelSum("orders-api", (m) => m.coldStarts)),
    });
    const cold = modelSum("slow-text", (m) => m.coldStarts);
    if (cold > 0) expect(byFn["slow-text"]).toMatchObject({ memorySize: "256", coldStarts: String(cold) });
    expect(num(byFn["orders-api"]?.avgInitDuration)).toBeGreaterThan(50);
  });

  it("cold starts and invocations counted from logs equal the model's", () => {
    expect(query(AWS_LAMBDA_QUERIES[5] ?? "", ["orders-api"])).toEqual([
      {
        TotalInvocations: String(modelSum("orders-api", (m) => m.invocations)),
        TotalColdStarts: String(modelSum("orders-api", (m) => m.coldStarts)),
      },
    ]);
    expect(sum(query(AWS_LAMBDA_QUERIES[3] ?? "", ["orders-api"]), "coldStarts")).toBe(
      modelSum("orders-api", (m) => m.coldStarts),
    );
  });

  it("cold-start percentage per bin is 100 * cold / invocations", () => {
    const rows = query(AWS_LAMBDA_QUERIES[4] ?? "", ["orders-api"]);
    const cold = query(
      'filter @type = "REPORT" | stats count(@initDuration) as c, count(*) as n by bin(5m)',
      ["orders-api"],
    );
    expect(rows.map((r) => num(r.coldStartPct))).toEqual(
      cold.map((r) => (num(r.c) / num(r.n)) * 100).map((x) => Number(x.toPrecision(15))),
    );
    expect(rows.some((r) => num(r.coldStartPct) > 0)).toBe(true);
  });

  it("timeouts counted with AWS's query equal the model's", () => {
    expect(sum(query(AWS_LAMBDA_QUERIES[6] ?? "", ["slow-text"]), "count()")).toBe(
      modelSum("slow-text", (m) => m.timeouts),
    );
    expect(query(AWS_LAMBDA_QUERIES[7] ?? "", ["slow-text"])).toEqual([]);
  });

  it("invocations that used all their memory are the model's out-of-memory kills", () => {
    expect(sum(query(AWS_LAMBDA_QUERIES[8] ?? "", ["oom"]), "count_distinct(@requestId)")).toBe(
      modelSum("oom", (m) => m.outOfMemory),
    );
  });

  it("the 100 largest billed durations come sorted", () => {
    const rows = query(AWS_LAMBDA_QUERIES[9] ?? "", ["orders-api"]);
    expect(rows).toHaveLength(100);
    const billed = rows.map((r) => num(r["@billedDuration"]));
    expect(billed).toEqual([...billed].sort((a, b) => b - a));
    expect(Object.keys(rows[0] ?? {})).toEqual(["@requestId", "@billedDuration", "@ptr"]);
  });

  it("per-minute p99 and p50 from REPORT lines equal the model's duration percentiles", () => {
    const rows = query(
      'filter @type = "REPORT" | stats pct(@duration, 99) as p99, pct(@duration, 50) as p50, count(*) as n by bin(1m)',
      ["orders-api"],
    );
    expect(rows).toHaveLength((T1 - T0) / MINUTE_MS);
    rows.forEach((r, i) => {
      const m = model.minute(fn("orders-api"), T0 / MINUTE_MS + i);
      expect({ n: num(r.n), p99: num(r.p99), p50: num(r.p50) }).toEqual({
        n: m.invocations,
        p99: m.duration.percentile(99),
        p50: m.duration.percentile(50),
      });
    });
  });

  it("errors counted from text logs equal the model's (REPORT status, OOM kills included)", () => {
    for (const name of ["orders-api", "slow-text", "oom"]) {
      const [row] = query(
        'filter @type = "REPORT" and @message like /Status: (error|timeout)/ | stats count(*) as errors',
        [name],
      );
      expect(num(row?.errors)).toBe(modelSum(name, (m) => m.errors));
    }
    const top = query(AWS_LAMBDA_QUERIES[13] ?? "", ["oom"]);
    expect(top.find((r) => r.errType === "Runtime.OutOfMemory")?.n).toBe(
      String(modelSum("oom", (m) => m.outOfMemory)),
    );
  });

  it("per-function p99 across several log groups counts every invocation of each", () => {
    const rows = query(AWS_LAMBDA_QUERIES[12] ?? "", ["orders-api", "oom"]);
    const total = (name: string) =>
      rows.filter((r) => r.fn === name).reduce((n, r) => n + num(r.invocations), 0);
    expect(total("orders-api")).toBe(modelSum("orders-api", (m) => m.invocations));
    expect(total("oom")).toBe(modelSum("oom", (m) => m.invocations));
    expect(new Set(rows.filter((r) => r.fn === "oom").map((r) => r.memMB))).toEqual(new Set(["256"]));
  });

  it("JSON-format functions answer record.metrics queries with the model's figures", () => {
    const name = "slow-json";
    expect(sum(query(AWS_LAMBDA_QUERIES[14] ?? "", [name]), "coldStarts")).toBe(
      modelSum(name, (m) => m.coldStarts),
    );
    const failures = query(AWS_LAMBDA_QUERIES[15] ?? "", [name]);
    expect(sum(failures, "count(*)")).toBe(modelSum(name, (m) => m.errors));
    expect(failures.find((r) => r["record.status"] === "timeout")?.["count(*)"]).toBe(
      String(modelSum(name, (m) => m.timeouts)),
    );
    // Text-only fields stay absent on JSON events.
    expect(query('filter @type = "REPORT" | stats count(*) as n', [name])).toEqual([{ n: "0" }]);
  });
});

describe("speed", () => {
  it("runs a stats query over a day of a busy function (~100k events) in well under a few seconds", () => {
    const s = parseScenario(
      baseScenario({
        functions: [
          {
            name: "busy",
            region: "us-east-1",
            runtime: "nodejs22.x",
            role: "basic-role",
            workload: {
              rpm: 25,
              durationMedianMs: 120,
              durationP99Ms: 900,
              maxMemoryUsedMB: 100,
              errorRate: 0.01,
            },
          },
        ],
      }),
    );
    const m = new WorkloadModel(s, NOW);
    const source = new LogSource(s, m, () => NOW);
    const day = [...orderedEvents(source, "us-east-1", "/aws/lambda/busy", NOW - 86_400_000, NOW)].map(
      (event) => ({ event, logGroup: "x" }),
    );
    expect(day.length).toBeGreaterThan(90_000);
    const q = parseQuery(
      'filter @type = "REPORT" | stats pct(@duration, 99) as p99, count(@initDuration) as cold, count(*) as n by bin(5m)',
    );
    runQuery(q, day); // warm up the JIT
    const started = performance.now();
    const result = runQuery(q, day);
    const elapsed = performance.now() - started;
    expect(result.statistics.recordsScanned).toBe(day.length);
    expect(elapsed).toBeLessThan(1500);
  });
});
