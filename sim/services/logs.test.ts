import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  paginateDescribeLogGroups,
  paginateFilterLogEvents,
  StartQueryCommand,
  StopQueryCommand,
  type FilteredLogEvent,
  type GetQueryResultsCommandOutput,
  type StartQueryCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGS_TEST_NOW, logsTestScenario } from "../logs/fixtures";
import type { MinuteStats } from "../model/workload";
import { MINUTE_MS } from "../model/workload";
import { startTestSim, type TestSim } from "../testing";

/**
 * CloudWatch Logs through the official SDK client against the sim: wire protocol, errors,
 * Insights queries checked against the workload model, and FilterLogEvents paging.
 */

const NOW = LOGS_TEST_NOW;
// An hour of whole minutes, well before now.
const T0 = NOW - 3 * 3_600_000;
const T1 = NOW - 2 * 3_600_000;
const ACCOUNT = "111122223333";

let sim: TestSim;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  sim = await startTestSim(logsTestScenario(), { now: NOW, rateLimits: false });
  logs = new CloudWatchLogsClient(sim.clientConfig("us-east-1"));
});

afterAll(async () => {
  logs.destroy();
  await sim.close();
});

function modelSum(name: string, pick: (m: MinuteStats) => number, start = T0, end = T1): number {
  const fn = sim.ctx.scenario.functionIndex.get(`us-east-1/${name}`);
  if (!fn) throw new Error(`no function ${name}`);
  let n = 0;
  for (let m = start / MINUTE_MS; m < end / MINUTE_MS; m++) n += pick(sim.ctx.model.minute(fn, m));
  return n;
}

async function caught(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the query leaves Running; returns every status seen and the final output. */
async function waitFor(
  queryId: string,
  client = logs,
): Promise<{ statuses: string[]; out: GetQueryResultsCommandOutput }> {
  const statuses: string[] = [];
  const deadline = Date.now() + 15_000;
  for (;;) {
    const out = await client.send(new GetQueryResultsCommand({ queryId }));
    statuses.push(out.status ?? "?");
    if (out.status !== "Running" && out.status !== "Scheduled") return { statuses, out };
    if (Date.now() > deadline) throw new Error(`query ${queryId} still ${out.status}`);
    await sleep(50);
  }
}

/** Runs a query over [T0, T1) (endTime is inclusive, in seconds) and returns rows as objects. */
async function insights(
  queryString: string,
  groups: Partial<StartQueryCommandInput> = { logGroupName: "/aws/lambda/orders-api" },
) {
  const { queryId } = await logs.send(
    new StartQueryCommand({ startTime: T0 / 1000, endTime: T1 / 1000 - 1, queryString, ...groups }),
  );
  if (!queryId) throw new Error("no queryId");
  const { out } = await waitFor(queryId);
  expect(out.status).toBe("Complete");
  return {
    rows: (out.results ?? []).map((r) => Object.fromEntries(r.map((f) => [f.field ?? "", f.value ?? ""]))),
    out,
  };
}

describe("DescribeLogGroups", () => {
  it("lists the region's Lambda log groups with AWS's fields", async () => {
    const out = await logs.send(new DescribeLogGroupsCommand({}));
    expect(out.logGroups?.map((g) => g.logGroupName)).toEqual([
      "/aws/lambda/oom",
      "/aws/lambda/orders-api",
      "/aws/lambda/slow-json",
      "/aws/lambda/slow-text",
    ]);
    const oom = out.logGroups?.[0];
    expect(oom).toMatchObject({
      arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/oom:*`,
      logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/oom`,
      retentionInDays: 14,
      metricFilterCount: 0,
      logGroupClass: "STANDARD",
    });
    expect(oom?.creationTime).toBeLessThan(NOW);
    expect(oom?.storedBytes).toBeGreaterThan(0);
    expect(out.logGroups?.[1]).not.toHaveProperty("retentionInDays");
    expect(out.nextToken).toBeUndefined();
  });

  it("filters by prefix and pages with nextToken", async () => {
    const prefixed = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/slow" }),
    );
    expect(prefixed.logGroups?.map((g) => g.logGroupName)).toEqual([
      "/aws/lambda/slow-json",
      "/aws/lambda/slow-text",
    ]);
    const pages: string[][] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 3 }, {}))
      pages.push((page.logGroups ?? []).map((g) => g.logGroupName ?? ""));
    expect(pages).toEqual([
      ["/aws/lambda/oom", "/aws/lambda/orders-api", "/aws/lambda/slow-json"],
      ["/aws/lambda/slow-text"],
    ]);
  });

  it("answers per region and rejects a limit over 50", async () => {
    const eu = new CloudWatchLogsClient(sim.clientConfig("eu-west-1"));
    const out = await eu.send(new DescribeLogGroupsCommand({}));
    eu.destroy();
    expect(out.logGroups?.map((g) => g.logGroupName)).toEqual(["/aws/lambda/eu-worker"]);
    const err = await caught(logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    expect(err.name).toBe("InvalidParameterException");
    expect(err.message).toMatch(/at 'limit' failed to satisfy constraint/);
  });
});

describe("StartQuery and GetQueryResults", () => {
  it("runs a query that is Running at first and Complete after a realistic delay", async () => {
    const started = Date.now();
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupName: "/aws/lambda/orders-api",
        startTime: T0 / 1000,
        endTime: T1 / 1000 - 1,
        queryString:
          'fields @timestamp, @requestId, @duration | filter @type = "REPORT" | sort @duration desc | limit 5',
      }),
    );
    expect(queryId).toMatch(/^[0-9a-f-]{36}$/);
    const { statuses, out } = await waitFor(queryId ?? "");
    expect(statuses[0]).toBe("Running");
    expect(statuses.at(-1)).toBe("Complete");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(out.queryLanguage).toBe("CWLI");
    expect(out.results).toHaveLength(5);
    const first = out.results?.[0] ?? [];
    expect(first.map((f) => f.field)).toEqual(["@timestamp", "@requestId", "@duration", "@ptr"]);
    expect(first[0]?.value).toMatch(/^2026-11-20 0[89]:\d\d:\d\d\.\d{3}$/);
    const durations = (out.results ?? []).map((r) => Number(r.find((f) => f.field === "@duration")?.value));
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    expect(out.statistics).toMatchObject({
      recordsMatched: modelSum("orders-api", (m) => m.invocations),
      logGroupsScanned: 1,
    });
    expect(out.statistics?.recordsScanned).toBeGreaterThan(out.statistics?.recordsMatched ?? 0);
    expect(out.statistics?.bytesScanned).toBeGreaterThan(0);
  });

  it("counts the same cold starts and invocations in the logs as the metrics model has", async () => {
    const { rows } = await insights(
      'filter @type = "REPORT" | stats count(@initDuration) as cold, count(*) as n',
    );
    const cold = modelSum("orders-api", (m) => m.coldStarts);
    expect(cold).toBeGreaterThan(0);
    expect(rows).toEqual([{ cold: String(cold), n: String(modelSum("orders-api", (m) => m.invocations)) }]);
  });

  it("counts the model's errors from REPORT lines", async () => {
    const { rows } = await insights(
      'filter @type = "REPORT" and @message like /Status: (error|timeout)/ | stats count(*) as errors',
    );
    const errors = modelSum("orders-api", (m) => m.errors);
    expect(errors).toBeGreaterThan(0);
    expect(rows).toEqual([{ errors: String(errors) }]);
  });

  it("queries JSON-format functions with record.metrics fields, by ARN", async () => {
    const { rows } = await insights(
      'filter type = "platform.report" | stats count(record.metrics.initDurationMs) as cold, count(*) as n, sum(record.status = "timeout") as timeouts, max(record.metrics.memorySizeMB) as mem',
      { logGroupIdentifiers: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/slow-json`] },
    );
    expect(rows).toEqual([
      {
        cold: String(modelSum("slow-json", (m) => m.coldStarts)),
        n: String(modelSum("slow-json", (m) => m.invocations)),
        timeouts: String(modelSum("slow-json", (m) => m.timeouts)),
        mem: "1024",
      },
    ]);
  });

  it("queries several log groups at once, with @log naming each", async () => {
    const { rows, out } = await insights(
      'filter @type = "REPORT" | stats count(*) as n by @log | sort @log',
      {
        logGroupNames: ["/aws/lambda/orders-api", "/aws/lambda/oom"],
      },
    );
    expect(rows).toEqual([
      { "@log": `${ACCOUNT}:/aws/lambda/oom`, n: String(modelSum("oom", (m) => m.invocations)) },
      {
        "@log": `${ACCOUNT}:/aws/lambda/orders-api`,
        n: String(modelSum("orders-api", (m) => m.invocations)),
      },
    ]);
    expect(out.statistics?.logGroupsScanned).toBe(2);
  });

  it("applies the API limit when the query has none, and pages results with maxItems", async () => {
    const { rows } = await insights('filter @type = "START"', {
      logGroupName: "/aws/lambda/orders-api",
      limit: 7,
    });
    expect(rows).toHaveLength(7);
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupName: "/aws/lambda/oom",
        startTime: T0 / 1000,
        endTime: T1 / 1000 - 1,
        queryString: "stats count(*) by bin(1m)",
      }),
    );
    await waitFor(queryId ?? "");
    const first = await logs.send(new GetQueryResultsCommand({ queryId, maxItems: 40 }));
    expect(first.results).toHaveLength(40);
    const second = await logs.send(
      new GetQueryResultsCommand({ queryId, maxItems: 40, nextToken: first.nextToken }),
    );
    expect(second.results).toHaveLength(20);
    expect(second.nextToken).toBeUndefined();
  });

  it("rejects an unsupported command with MalformedQueryException and its location", async () => {
    const err = await caught(
      logs.send(
        new StartQueryCommand({
          logGroupName: "/aws/lambda/orders-api",
          startTime: T0 / 1000,
          endTime: T1 / 1000,
          queryString: "fields @message | pattern @message",
        }),
      ),
    );
    expect(err.name).toBe("MalformedQueryException");
    expect(err.message).toMatch(/^unexpected symbol found pattern at line 1 and position 19/);
    expect(err.queryCompileError).toEqual({
      location: { startCharOffset: 18, endCharOffset: 25 },
      message: err.message,
    });
    expect((err.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(400);
  });

  it.each<[string, Partial<StartQueryCommandInput>, RegExp]>([
    [
      "a trailing /i regex flag",
      { queryString: "filter @message like /timeout/i" },
      /unexpected symbol found i/,
    ],
    ["an unknown function", { queryString: "fields jsonParse(@message)" }, /unknown function jsonparse/],
  ])("rejects %s as malformed", async (_, input, message) => {
    const err = await caught(
      logs.send(
        new StartQueryCommand({
          logGroupName: "/aws/lambda/orders-api",
          startTime: T0 / 1000,
          endTime: T1 / 1000,
          queryString: "",
          ...input,
        }),
      ),
    );
    expect(err.name).toBe("MalformedQueryException");
    expect(err.message).toMatch(message);
  });

  it("says which log group does not exist", async () => {
    const err = await caught(
      logs.send(
        new StartQueryCommand({
          logGroupNames: ["/aws/lambda/orders-api", "/aws/lambda/nope"],
          startTime: 0,
          endTime: 1,
          queryString: "fields @message",
        }),
      ),
    );
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.message).toBe(`Log group '/aws/lambda/nope' does not exist for account ID '${ACCOUNT}'`);
  });

  it.each<[string, Partial<StartQueryCommandInput>, RegExp]>([
    ["no log group", { logGroupName: undefined }, /Exactly one of logGroupName/],
    ["two ways of naming groups", { logGroupNames: ["/aws/lambda/oom"] }, /Only one of/],
    [
      "more than 50 groups",
      { logGroupName: undefined, logGroupNames: Array.from({ length: 51 }, () => "/aws/lambda/oom") },
      /less than or equal to 50/,
    ],
    [
      "a query over 10,000 characters",
      { queryString: `fields @message ${"#".repeat(10_000)}` },
      /at 'queryString' failed to satisfy constraint/,
    ],
    ["a limit of 0", { limit: 0 }, /at 'limit' failed to satisfy constraint/],
    ["SQL", { queryLanguage: "SQL" }, /queryLanguage SQL is not supported/],
    ["an end before the start", { startTime: T1 / 1000, endTime: T0 / 1000 }, /endTime must be greater/],
  ])("rejects %s with InvalidParameterException", async (_, input, message) => {
    const err = await caught(
      logs.send(
        new StartQueryCommand({
          logGroupName: "/aws/lambda/orders-api",
          startTime: T0 / 1000,
          endTime: T1 / 1000,
          queryString: "fields @message",
          ...input,
        }),
      ),
    );
    expect(err.name).toBe("InvalidParameterException");
    expect(err.message).toMatch(message);
  });

  it("does not know a query id it never issued", async () => {
    const err = await caught(
      logs.send(new GetQueryResultsCommand({ queryId: "00000000-0000-4000-8000-000000000000" })),
    );
    expect(err.name).toBe("ResourceNotFoundException");
  });

  it("answers an operation it does not implement with UnknownOperationException", async () => {
    const err = await caught(logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/oom" })));
    expect(err.name).toBe("UnknownOperationException");
  });
});

describe("StopQuery and the concurrency limit", () => {
  let own: TestSim;
  let client: CloudWatchLogsClient;
  const start = (queryString = "fields @message") =>
    client.send(
      new StartQueryCommand({
        logGroupName: "/aws/lambda/oom",
        startTime: T0 / 1000,
        endTime: T1 / 1000 - 1,
        queryString,
      }),
    );

  beforeAll(async () => {
    own = await startTestSim(logsTestScenario(), { now: NOW, rateLimits: false });
    client = new CloudWatchLogsClient(own.clientConfig("us-east-1"));
  });

  afterAll(async () => {
    client.destroy();
    await own.close();
  });

  it("stops a running query, which then reports Cancelled; stopping it again fails", async () => {
    const { queryId } = await start();
    expect(await client.send(new StopQueryCommand({ queryId }))).toMatchObject({ success: true });
    const { out } = await waitFor(queryId ?? "", client);
    expect(out.status).toBe("Cancelled");
    expect(out.results).toEqual([]);
    expect((await caught(client.send(new StopQueryCommand({ queryId })))).name).toBe(
      "InvalidParameterException",
    );
  });

  it("refuses to stop a finished query or an unknown one", async () => {
    const { queryId } = await start("stats count(*)");
    expect((await waitFor(queryId ?? "", client)).out.status).toBe("Complete");
    const err = await caught(client.send(new StopQueryCommand({ queryId })));
    expect(err.name).toBe("InvalidParameterException");
    expect(err.message).toMatch(/is not running/);
    expect((await caught(client.send(new StopQueryCommand({ queryId: "nope" })))).name).toBe(
      "ResourceNotFoundException",
    );
  });

  it("keeps queries Running under insightsNeverComplete and refuses the 101st concurrent one", async () => {
    own.ctx.faults.set({ ...own.ctx.faults.current, insightsNeverComplete: true });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 100; i++) ids.push((await start()).queryId ?? "");
      const err = await caught(start());
      expect(err.name).toBe("LimitExceededException");
      expect(err.message).toBe("Account maximum query concurrency limit of [100] reached.");

      // Long past its simulated run time, a query is still Running.
      await sleep(400);
      expect((await client.send(new GetQueryResultsCommand({ queryId: ids[0] }))).status).toBe("Running");

      // Another region has its own limit.
      const eu = new CloudWatchLogsClient(own.clientConfig("eu-west-1"));
      const euQuery = await eu.send(
        new StartQueryCommand({
          logGroupName: "/aws/lambda/eu-worker",
          startTime: 0,
          endTime: 1,
          queryString: "fields @message",
        }),
      );
      expect(euQuery.queryId).toBeDefined();
      eu.destroy();

      // Stopping one frees a slot.
      await client.send(new StopQueryCommand({ queryId: ids[0] }));
      const next = await start();
      expect(next.queryId).toBeDefined();
      expect((await caught(start())).name).toBe("LimitExceededException");
      for (const id of [...ids.slice(1), next.queryId ?? ""])
        await client.send(new StopQueryCommand({ queryId: id }));
    } finally {
      own.ctx.faults.set({ ...own.ctx.faults.current, insightsNeverComplete: false });
    }
    // With the fault gone and every query stopped, queries run again.
    const { queryId } = await start('filter @type = "REPORT" | stats count(*) as n');
    const { out } = await waitFor(queryId ?? "", client);
    expect(out.status).toBe("Complete");
    expect(out.results).toEqual([[{ field: "n", value: String(modelSum("oom", (m) => m.invocations)) }]]);
  });
});

describe("FilterLogEvents", () => {
  async function all(input: Parameters<typeof paginateFilterLogEvents>[1], pageSize?: number) {
    const events: FilteredLogEvent[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize }, input)) {
      pages++;
      expect(page.searchedLogStreams).toEqual([]);
      events.push(...(page.events ?? []));
    }
    return { events, pages };
  }

  it('finds every "Task timed out" line across small pages, in order, without duplicates', async () => {
    const timeouts = modelSum("slow-text", (m) => m.timeouts);
    expect(timeouts).toBeGreaterThan(7);
    const { events, pages } = await all(
      {
        logGroupName: "/aws/lambda/slow-text",
        startTime: T0,
        endTime: T1 - 1,
        filterPattern: '"Task timed out"',
      },
      7,
    );
    expect(events).toHaveLength(timeouts);
    // Full pages, and perhaps a last empty one: a page can be full while unscanned events remain.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(timeouts / 7));
    expect(pages).toBeLessThanOrEqual(Math.ceil(timeouts / 7) + 1);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(timeouts);
    const times = events.map((e) => e.timestamp ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(T0);
    expect(times.at(-1)).toBeLessThan(T1);
    expect(events[0]).toMatchObject({
      logStreamName: expect.stringMatching(/^2026\/11\/20\/\[\$LATEST\][0-9a-f]{32}$/),
      message: expect.stringMatching(/Task timed out after \d+\.\d\d seconds/),
    });
    expect(events[0]?.ingestionTime).toBeGreaterThan(events[0]?.timestamp ?? 0);
  });

  it('finds the model\'s cold starts with "Init Duration", paging through a day in bounded scans', async () => {
    const start = NOW - 86_400_000;
    const { events, pages } = await all({
      logGroupName: "/aws/lambda/orders-api",
      startTime: start,
      filterPattern: '"Init Duration"',
    });
    expect(events).toHaveLength(modelSum("orders-api", (m) => m.coldStarts, start, NOW));
    // A day of this function is more than one call scans: the search continues over several pages.
    expect(pages).toBeGreaterThan(1);
    for (const e of events) expect(e.message).toMatch(/^REPORT RequestId: .*\tInit Duration: /);
  });

  it("matches JSON patterns, by log group ARN", async () => {
    const { events } = await all({
      logGroupIdentifier: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/slow-json`,
      startTime: T0,
      endTime: T1 - 1,
      filterPattern: '{ $.type = "platform.report" && $.record.status = "timeout" }',
    });
    expect(events).toHaveLength(modelSum("slow-json", (m) => m.timeouts));
  });

  it("caps a page at limit and narrows by stream", async () => {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: "/aws/lambda/orders-api",
        startTime: T0,
        endTime: T1 - 1,
        limit: 10,
      }),
    );
    expect(page.events).toHaveLength(10);
    expect(page.nextToken).toBeDefined();
    const stream = page.events?.[0]?.logStreamName ?? "";
    const byName = await all({
      logGroupName: "/aws/lambda/orders-api",
      startTime: T0,
      endTime: T0 + 600_000,
      logStreamNames: [stream],
    });
    expect(byName.events.length).toBeGreaterThan(0);
    expect(new Set(byName.events.map((e) => e.logStreamName))).toEqual(new Set([stream]));
    const byPrefix = await all({
      logGroupName: "/aws/lambda/orders-api",
      startTime: T0,
      endTime: T0 + 600_000,
      logStreamNamePrefix: "2099/",
    });
    expect(byPrefix.events).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      "both stream filters",
      { logStreamNames: ["a"], logStreamNamePrefix: "a" },
      "InvalidParameterException",
      /mutually exclusive/,
    ],
    [
      "an invalid pattern",
      { filterPattern: "Runtime.ExitError" },
      "InvalidParameterException",
      /invalid character/,
    ],
    [
      "a space-delimited pattern",
      { filterPattern: "[ip, user]" },
      "InvalidParameterException",
      /not supported/,
    ],
    [
      "a foreign nextToken",
      { nextToken: "eyJoIjoieCIsInQiOjEsImsiOjAsImUiOjJ9" },
      "InvalidParameterException",
      /nextToken is invalid/,
    ],
    [
      "an unknown group",
      { logGroupName: "/aws/lambda/nope" },
      "ResourceNotFoundException",
      /The specified log group does not exist/,
    ],
    [
      "both group parameters",
      { logGroupIdentifier: "/aws/lambda/oom" },
      "InvalidParameterException",
      /mutually exclusive/,
    ],
    [
      "a limit over 10,000",
      { limit: 10_001 },
      "InvalidParameterException",
      /at 'limit' failed to satisfy constraint/,
    ],
  ])("rejects %s", async (_, input, name, message) => {
    const err = await caught(
      logs.send(
        new FilterLogEventsCommand({ logGroupName: "/aws/lambda/oom", startTime: T0, endTime: T1, ...input }),
      ),
    );
    expect(err.name).toBe(name);
    expect(err.message).toMatch(message);
  });
});

describe("query retention", () => {
  it("forgets the oldest finished queries beyond 200", async () => {
    const own = await startTestSim(logsTestScenario(), { now: NOW, rateLimits: false });
    const client = new CloudWatchLogsClient(own.clientConfig("us-east-1"));
    try {
      const ids: string[] = [];
      const batch = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const { queryId } = await client.send(
            new StartQueryCommand({
              logGroupName: "/aws/lambda/oom",
              startTime: T0 / 1000,
              endTime: T0 / 1000 + 59,
              queryString: "stats count(*)",
            }),
          );
          ids.push(queryId ?? "");
        }
        await sleep(400); // past their simulated run time: they no longer hold a slot
      };
      await batch(100);
      await batch(100);
      await batch(1);
      // 201 finished: starting one more forgets the oldest.
      await batch(1);
      expect((await caught(client.send(new GetQueryResultsCommand({ queryId: ids[0] })))).name).toBe(
        "ResourceNotFoundException",
      );
      expect((await client.send(new GetQueryResultsCommand({ queryId: ids[2] }))).status).toBe("Complete");
    } finally {
      client.destroy();
      await own.close();
    }
  });
});
