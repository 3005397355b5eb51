import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  paginateListMetrics,
  type Dimension,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import { AwsQueryProtocol } from "@aws-sdk/core/protocols";
import { isThrottlingError } from "@smithy/core/retry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS, type DurationSample, type MinuteStats } from "../model/workload";
import type { ScenarioInput } from "../scenario/schema";
import { baseScenario, startTestSim, type TestSim } from "../testing";

/**
 * CloudWatch metrics through the official SDK client against the sim: every AWS/Lambda metric and
 * statistic checked against the workload model, metric math, gaps, account-level metrics, the
 * per-call limits and paging, retention rules, errors as the SDK reads them, and speed.
 */

// Mid-minute, so the current (incomplete) minute must not appear.
const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const NOW_MINUTE = Math.floor(NOW / MINUTE_MS);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Two whole hours that end well before now.
const T0 = (NOW_MINUTE - 180) * MINUTE_MS;
const T1 = (NOW_MINUTE - 60) * MINUTE_MS;
const REGION = "us-east-1";

function scenario(): ScenarioInput {
  const base = baseScenario();
  const fn = (name: string, extra: Record<string, unknown>, workload: Record<string, unknown>) => ({
    name,
    region: REGION,
    runtime: "nodejs22.x",
    role: "basic-role",
    memoryMB: 512,
    timeoutS: 10,
    ...extra,
    workload: { rpm: 60, durationMedianMs: 120, durationP99Ms: 900, maxMemoryUsedMB: 180, ...workload },
  });
  return {
    ...base,
    regions: { "us-east-1": { concurrencyLimit: 1000 }, "eu-west-1": { concurrencyLimit: 1000 } },
    functions: [
      fn(
        "orders-api",
        {
          versions: [3],
          aliases: [{ name: "live", functionVersion: "3" }],
          provisionedConcurrency: { qualifier: "live", allocated: 1 },
        },
        { errorRate: 0.02 },
      ),
      fn("slow-worker", {}, { rpm: 30, durationMedianMs: 4000, durationP99Ms: 12000 }),
      fn(
        "throttled-fn",
        { reservedConcurrency: 2 },
        { rpm: 600, durationMedianMs: 1000, durationP99Ms: 3000 },
      ),
      fn(
        "stream-consumer",
        { eventSources: [{ eventSourceArn: "arn:aws:kinesis:us-east-1:111122223333:stream/clicks" }] },
        { invocationType: "stream", iteratorAgeMs: 800 },
      ),
      fn(
        "async-handler",
        { deadLetterTargetArn: "arn:aws:sqs:us-east-1:111122223333:dlq" },
        { invocationType: "async", rpm: 20 },
      ),
      fn("idle-fn", {}, { rpm: 0.2 }),
      fn("dormant-fn", {}, { rpm: 0 }),
      { ...fn("eu-api", {}, { rpm: 100 }), region: "eu-west-1" },
    ],
  };
}

let sim: TestSim;
let cw: CloudWatchClient;

beforeAll(async () => {
  sim = await startTestSim(scenario(), { now: NOW, rateLimits: false });
  cw = new CloudWatchClient(sim.clientConfig(REGION));
});

afterAll(async () => {
  cw.destroy();
  await sim.close();
});

// ---------------------------------------------------------------------------------------------
// helpers

function fnOf(name: string, region = REGION) {
  const fn = sim.ctx.scenario.functionIndex.get(`${region}/${name}`);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
}

function minutes(name: string, start = T0, end = T1): Array<{ minute: number; s: MinuteStats }> {
  const fn = fnOf(name);
  const out = [];
  for (let m = start / MINUTE_MS; m < end / MINUTE_MS; m++)
    out.push({ minute: m, s: sim.ctx.model.minute(fn, m) });
  return out;
}

const byFunction = (name: string): Dimension[] => [{ Name: "FunctionName", Value: name }];

function stat(
  id: string,
  metricName: string,
  dims: Dimension[],
  statName: string,
  period = 60,
  extra: Partial<MetricDataQuery> = {},
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: "AWS/Lambda", MetricName: metricName, Dimensions: dims },
      Period: period,
      Stat: statName,
    },
    ...extra,
  };
}

async function query(
  queries: MetricDataQuery[],
  start = T0,
  end = T1,
  extra: Partial<GetMetricDataCommandInput> = {},
): Promise<GetMetricDataCommandOutput> {
  return cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(start),
      EndTime: new Date(end),
      ...extra,
    }),
  );
}

/** One result as a map from epoch ms to value. */
function points(r: MetricDataResult | undefined): Map<number, number> {
  const out = new Map<number, number>();
  const ts = r?.Timestamps ?? [];
  const vs = r?.Values ?? [];
  ts.forEach((t, i) => out.set(t.getTime(), vs[i] ?? NaN));
  return out;
}

async function series(q: MetricDataQuery, start = T0, end = T1): Promise<Map<number, number>> {
  const out = await query([q], start, end);
  return points(out.MetricDataResults?.[0]);
}

/** Percentile by nearest rank over every duration of several minutes, by brute force. */
function bruteForcePercentile(samples: DurationSample[], p: number): number {
  const all: number[] = [];
  for (const s of samples) for (let r = 0; r < s.n; r++) all.push(s.at(r));
  all.sort((a, b) => a - b);
  return all[Math.min(all.length, Math.max(1, Math.ceil((p / 100) * all.length))) - 1] ?? NaN;
}

async function caught(
  p: Promise<unknown>,
): Promise<Error & Record<string, unknown> & { $metadata: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error &
      Record<string, unknown> & { $metadata: { httpStatusCode?: number; attempts?: number } };
  }
  throw new Error("expected the call to fail");
}

async function setFaults(body: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, { method: "PUT", body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

// ---------------------------------------------------------------------------------------------

describe("GetMetricData: invocation metrics against the model", () => {
  it("Invocations Sum per minute equals the model, with no datapoint for minutes without invocations", async () => {
    for (const name of ["orders-api", "idle-fn"]) {
      const got = await series(stat("m", "Invocations", byFunction(name), "Sum"));
      const expected = new Map(
        minutes(name)
          .filter((x) => x.s.invocations > 0)
          .map((x) => [x.minute * MINUTE_MS, x.s.invocations]),
      );
      expect(got).toEqual(expected);
    }
    // idle-fn really has gaps: no data is not zero.
    const idle = await series(stat("m", "Invocations", byFunction("idle-fn"), "Sum"));
    expect(idle.size).toBeGreaterThan(0);
    expect(idle.size).toBeLessThan(120);
    expect([...idle.values()].every((v) => v > 0)).toBe(true);
  });

  it("Invocations over a window sums the model's minutes; SampleCount counts invocations, Average/Min/Max are 1", async () => {
    const total = minutes("orders-api").reduce((n, x) => n + x.s.invocations, 0);
    const [sum, count, avg, min, max] = await Promise.all(
      ["Sum", "SampleCount", "Average", "Minimum", "Maximum"].map((s) =>
        series(stat("m", "Invocations", byFunction("orders-api"), s, 7200)),
      ),
    );
    expect([...(sum?.values() ?? [])]).toEqual([total]);
    expect([...(count?.values() ?? [])]).toEqual([total]);
    expect([...(avg?.values() ?? [])]).toEqual([1]);
    expect([...(min?.values() ?? [])]).toEqual([1]);
    expect([...(max?.values() ?? [])]).toEqual([1]);
    expect(total).toBeGreaterThan(1000);
  });

  it("Errors count timeouts as errors; Average is the error rate", async () => {
    const rows = minutes("slow-worker");
    const errors = await series(stat("m", "Errors", byFunction("slow-worker"), "Sum"));
    let timeouts = 0;
    for (const { minute, s } of rows) {
      timeouts += s.timeouts;
      if (s.invocations === 0) expect(errors.has(minute * MINUTE_MS)).toBe(false);
      else {
        expect(errors.get(minute * MINUTE_MS)).toBe(s.errors);
        expect(s.errors).toBeGreaterThanOrEqual(s.timeouts);
      }
    }
    expect(timeouts).toBeGreaterThan(0);
    const rate = await series(stat("m", "Errors", byFunction("orders-api"), "Average", 7200));
    const inv = minutes("orders-api").reduce((n, x) => n + x.s.invocations, 0);
    const err = minutes("orders-api").reduce((n, x) => n + x.s.errors, 0);
    expect([...rate.values()][0]).toBeCloseTo(err / inv, 12);
  });

  it("Throttles appear only where the reserved concurrency is exceeded, and are 0 in busy unthrottled minutes", async () => {
    const throttled = await series(stat("m", "Throttles", byFunction("throttled-fn"), "Sum"));
    const model = minutes("throttled-fn");
    expect(model.every((x) => x.s.throttles > 0)).toBe(true);
    expect(throttled).toEqual(new Map(model.map((x) => [x.minute * MINUTE_MS, x.s.throttles])));
    // Throttled requests are not invocations.
    const inv = await series(stat("m", "Invocations", byFunction("throttled-fn"), "Sum", 7200));
    expect([...inv.values()][0]).toBe(model.reduce((n, x) => n + x.s.invocations, 0));

    // One 0/1 sample per request: SampleCount counts served and throttled requests, Average is the throttled share.
    const requests = model.reduce((n, x) => n + x.s.invocations + x.s.throttles, 0);
    const throttles = model.reduce((n, x) => n + x.s.throttles, 0);
    const count = await series(stat("m", "Throttles", byFunction("throttled-fn"), "SampleCount", 7200));
    const share = await series(stat("m", "Throttles", byFunction("throttled-fn"), "Average", 7200));
    expect([...count.values()]).toEqual([requests]);
    expect([...share.values()][0]).toBeCloseTo(throttles / requests, 12);

    const calm = await series(stat("m", "Throttles", byFunction("orders-api"), "Sum"));
    expect(calm.size).toBeGreaterThan(100);
    expect([...calm.values()].every((v) => v === 0)).toBe(true);
    const calmMax = await series(stat("m", "Throttles", byFunction("orders-api"), "Maximum", 7200));
    expect([...calmMax.values()]).toEqual([0]);
  });
});

describe("GetMetricData: Duration statistics", () => {
  it("per minute: Sum, Average, Minimum, Maximum, SampleCount and percentiles are the model's", async () => {
    const dims = byFunction("orders-api");
    const stats = ["Sum", "Average", "Minimum", "Maximum", "SampleCount", "p50", "p90", "p99", "p99.9"];
    const out = await query(stats.map((s, i) => stat(`d${i}`, "Duration", dims, s)));
    const results = stats.map((_, i) => points(out.MetricDataResults?.find((r) => r.Id === `d${i}`)));
    let checked = 0;
    for (const { minute, s } of minutes("orders-api")) {
      const t = minute * MINUTE_MS;
      const d = s.duration;
      const expected =
        s.invocations === 0
          ? stats.map(() => undefined)
          : [
              d.sum,
              d.sum / d.n,
              d.min,
              d.max,
              d.n,
              d.percentile(50),
              d.percentile(90),
              d.percentile(99),
              d.percentile(99.9),
            ];
      stats.forEach((_, i) => {
        const got = results[i]?.get(t);
        const want = expected[i];
        if (want === undefined) expect(got).toBeUndefined();
        else expect(got).toBeCloseTo(want, 9);
      });
      checked++;
    }
    expect(checked).toBe(120);
  });

  it("over several minutes: percentiles merge the minutes' samples exactly; Maximum and Average combine", async () => {
    for (const [name, period] of [
      ["orders-api", 300],
      ["slow-worker", 3600],
      ["throttled-fn", 1800],
    ] as const) {
      const rows = minutes(name);
      const dims = byFunction(name);
      const out = await query([
        stat("p99", "Duration", dims, "p99", period),
        stat("p50", "Duration", dims, "p50", period),
        stat("mx", "Duration", dims, "Maximum", period),
        stat("av", "Duration", dims, "Average", period),
      ]);
      const get = (id: string) => points(out.MetricDataResults?.find((r) => r.Id === id));
      const [p99, p50, mx, av] = [get("p99"), get("p50"), get("mx"), get("av")];
      expect(p99.size).toBe((T1 - T0) / (period * 1000));
      for (const [t, v] of p99) {
        const inBucket = rows.filter(
          (x) => x.minute * MINUTE_MS >= t && x.minute * MINUTE_MS < t + period * 1000,
        );
        const samples = inBucket.map((x) => x.s.duration).filter((d) => d.n > 0);
        expect(v).toBe(bruteForcePercentile(samples, 99));
        expect(p50.get(t)).toBe(bruteForcePercentile(samples, 50));
        expect(mx.get(t)).toBe(Math.max(...samples.map((d) => d.max)));
        const n = samples.reduce((a, d) => a + d.n, 0);
        expect(av.get(t)).toBeCloseTo(samples.reduce((a, d) => a + d.sum, 0) / n, 6);
      }
      // slow-worker times out: its maximum is the timeout.
      if (name === "slow-worker") expect(Math.max(...mx.values())).toBe(10_000);
    }
  });
});

describe("GetMetricData: every other metric", () => {
  type Case = [string, string, Dimension[], string, (s: MinuteStats) => number | undefined];
  const pc = [
    { Name: "FunctionName", Value: "orders-api" },
    { Name: "Resource", Value: "orders-api:live" },
  ];
  const cases: Case[] = [
    [
      "ConcurrentExecutions",
      "orders-api",
      byFunction("orders-api"),
      "Maximum",
      (s) => (s.invocations > 0 ? s.concurrencyMax : undefined),
    ],
    [
      "ConcurrentExecutions",
      "throttled-fn",
      byFunction("throttled-fn"),
      "Maximum",
      (s) => (s.invocations > 0 ? s.concurrencyMax : undefined),
    ],
    [
      "ProvisionedConcurrencyInvocations",
      "orders-api",
      byFunction("orders-api"),
      "Sum",
      (s) => (s.invocations > 0 ? s.provisionedInvocations : undefined),
    ],
    [
      "ProvisionedConcurrencySpilloverInvocations",
      "orders-api",
      pc,
      "Sum",
      (s) => (s.invocations > 0 ? s.spilloverInvocations : undefined),
    ],
    [
      "ProvisionedConcurrentExecutions",
      "orders-api",
      pc,
      "Maximum",
      (s) => (s.invocations > 0 ? s.provisionedConcurrencyMax : undefined),
    ],
    [
      "ProvisionedConcurrencyUtilization",
      "orders-api",
      pc,
      "Maximum",
      (s) => (s.invocations > 0 ? s.provisionedConcurrencyMax / 1 : undefined),
    ],
    ["IteratorAge", "stream-consumer", byFunction("stream-consumer"), "Maximum", (s) => s.iteratorAgeMax],
    ["AsyncEventAge", "async-handler", byFunction("async-handler"), "Maximum", (s) => s.asyncEventAgeMax],
    [
      "AsyncEventsReceived",
      "async-handler",
      byFunction("async-handler"),
      "Sum",
      (s) => (s.invocations + s.throttles > 0 ? s.invocations + s.throttles : undefined),
    ],
    [
      "DeadLetterErrors",
      "async-handler",
      byFunction("async-handler"),
      "Sum",
      (s) => (s.invocations > 0 ? s.deadLetterErrors : undefined),
    ],
    [
      "Invocations",
      "orders-api",
      [
        { Name: "FunctionName", Value: "orders-api" },
        { Name: "Resource", Value: "orders-api:$LATEST" },
      ],
      "Sum",
      (s) => (s.invocations > 0 ? s.invocations : undefined),
    ],
    [
      "Invocations",
      "orders-api",
      [
        { Name: "FunctionName", Value: "orders-api" },
        { Name: "Resource", Value: "orders-api" },
      ],
      "Sum",
      (s) => (s.invocations > 0 ? s.invocations : undefined),
    ],
  ];

  it.each(cases)(
    "%s of %s matches the model minute by minute",
    async (metricName, name, dims, statName, pick) => {
      const got = await series(stat("m", metricName, dims, statName));
      const expected = new Map<number, number>();
      for (const { minute, s } of minutes(name)) {
        const v = pick(s);
        if (v !== undefined) expected.set(minute * MINUTE_MS, v);
      }
      expect(expected.size).toBeGreaterThan(0);
      expect(got).toEqual(expected);
    },
  );

  it("provisioned concurrency is busy and spills over in this scenario (the cases above are not all zeros)", async () => {
    const rows = minutes("orders-api");
    expect(rows.some((x) => x.s.provisionedInvocations > 0)).toBe(true);
    expect(rows.some((x) => x.s.spilloverInvocations > 0)).toBe(true);
  });

  it("metrics a function does not publish, unknown functions, qualifiers and units give empty results, not errors", async () => {
    const out = await query([
      stat("a", "IteratorAge", byFunction("orders-api"), "Maximum"),
      stat("b", "Invocations", byFunction("no-such-function"), "Sum"),
      stat(
        "c",
        "Invocations",
        [
          { Name: "FunctionName", Value: "orders-api" },
          { Name: "Resource", Value: "orders-api:nope" },
        ],
        "Sum",
      ),
      stat("d", "ProvisionedConcurrentExecutions", byFunction("orders-api"), "Maximum"),
      stat("e", "Invocations", byFunction("dormant-fn"), "Sum"),
      stat("f", "Duration", byFunction("orders-api"), "Average", 60, {}),
      stat("g", "Invocations", byFunction("eu-api"), "Sum"),
      {
        Id: "h",
        MetricStat: {
          Metric: { Namespace: "AWS/Lambda", MetricName: "Duration", Dimensions: byFunction("orders-api") },
          Period: 60,
          Stat: "Average",
          Unit: "Seconds",
        },
      },
      stat("i", "UnreservedConcurrentExecutions", byFunction("orders-api"), "Maximum"),
      {
        Id: "j",
        MetricStat: {
          Metric: { Namespace: "AWS/EC2", MetricName: "CPUUtilization", Dimensions: [] },
          Period: 60,
          Stat: "Average",
        },
      },
    ]);
    const sizes = Object.fromEntries((out.MetricDataResults ?? []).map((r) => [r.Id, r.Values?.length ?? 0]));
    expect(sizes).toEqual({ a: 0, b: 0, c: 0, d: 0, e: 0, f: 120, g: 0, h: 0, i: 0, j: 0 });
    expect(out.MetricDataResults?.map((r) => r.StatusCode)).toEqual(Array(10).fill("Complete"));
  });

  it("labels default to the metric name; Label overrides", async () => {
    const out = await query([
      stat("a", "Invocations", byFunction("orders-api"), "Sum"),
      stat("b", "Invocations", byFunction("orders-api"), "Sum", 60, { Label: "orders calls" }),
    ]);
    expect(out.MetricDataResults?.map((r) => r.Label)).toEqual(["Invocations", "orders calls"]);
  });
});

describe("GetMetricData: account-level metrics (no dimensions)", () => {
  const regionFns = [
    "orders-api",
    "slow-worker",
    "throttled-fn",
    "stream-consumer",
    "async-handler",
    "idle-fn",
    "dormant-fn",
  ];

  it("Invocations, Errors, Throttles and Duration cover every function of the request's region only", async () => {
    const out = await query([
      stat("inv", "Invocations", [], "Sum", 3600),
      stat("err", "Errors", [], "Sum", 3600),
      stat("thr", "Throttles", [], "Sum", 3600),
      stat("dmax", "Duration", [], "Maximum", 3600),
      stat("dcount", "Duration", [], "SampleCount", 3600),
    ]);
    const get = (id: string) => [...points(out.MetricDataResults?.find((r) => r.Id === id)).values()];
    const all = regionFns.flatMap((n) => minutes(n));
    const sum = (f: (s: MinuteStats) => number) => {
      let first = 0;
      let second = 0;
      for (const { minute, s } of all) {
        if (minute * MINUTE_MS < T0 + HOUR) first += f(s);
        else second += f(s);
      }
      return [second, first]; // descending: newest first
    };
    expect(get("inv")).toEqual(sum((s) => s.invocations));
    expect(get("err")).toEqual(sum((s) => s.errors));
    expect(get("thr")).toEqual(sum((s) => s.throttles));
    expect(get("dcount")).toEqual(sum((s) => s.invocations));
    expect(Math.max(...get("dmax"))).toBe(10_000);
  });

  it("ConcurrentExecutions, UnreservedConcurrentExecutions and ClaimedAccountConcurrency are the model's region figures", async () => {
    const out = await query([
      stat("c", "ConcurrentExecutions", [], "Maximum"),
      stat("u", "UnreservedConcurrentExecutions", [], "Maximum"),
      stat("k", "ClaimedAccountConcurrency", [], "Maximum"),
    ]);
    const [c, u, k] = ["c", "u", "k"].map((id) => points(out.MetricDataResults?.find((r) => r.Id === id)));
    for (let m = T0 / MINUTE_MS; m < T1 / MINUTE_MS; m++) {
      const r = sim.ctx.model.regionStats(REGION, m);
      expect(c?.get(m * MINUTE_MS)).toBe(r.concurrencyMax);
      expect(u?.get(m * MINUTE_MS)).toBe(r.unreservedConcurrencyMax);
      expect(k?.get(m * MINUTE_MS)).toBe(r.claimedConcurrency);
      // Claimed includes the reserved concurrency of throttled-fn.
      expect(r.claimedConcurrency).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("GetMetricData: time range", () => {
  it("has no datapoint for the current minute or later; EndTime is exclusive", async () => {
    const got = await series(
      stat("m", "Invocations", byFunction("orders-api"), "Sum"),
      NOW - 10 * MINUTE_MS,
      NOW + HOUR,
    );
    const times = [...got.keys()].sort((a, b) => a - b);
    expect(times.at(-1)).toBe((NOW_MINUTE - 1) * MINUTE_MS);
    expect(times).toHaveLength(10);
    // A period that contains the current minute holds only the minutes before it.
    const since = (NOW_MINUTE - 30) * MINUTE_MS;
    const partial = await series(
      stat("m", "Invocations", byFunction("orders-api"), "Sum", 3600),
      since,
      NOW + HOUR,
    );
    const done = minutes("orders-api", since, NOW_MINUTE * MINUTE_MS).reduce(
      (n, x) => n + x.s.invocations,
      0,
    );
    expect([...partial.entries()]).toEqual([[since, done]]);
    const excl = await series(
      stat("m", "Invocations", byFunction("orders-api"), "Sum"),
      T0,
      T0 + 5 * MINUTE_MS,
    );
    expect([...excl.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * MINUTE_MS));
  });

  it("ScanBy orders timestamps; the default is newest first", async () => {
    const dflt = await query([stat("m", "Invocations", byFunction("orders-api"), "Sum")]);
    const asc = await query([stat("m", "Invocations", byFunction("orders-api"), "Sum")], T0, T1, {
      ScanBy: "TimestampAscending",
    });
    const d = dflt.MetricDataResults?.[0]?.Timestamps?.map((t) => t.getTime()) ?? [];
    const a = asc.MetricDataResults?.[0]?.Timestamps?.map((t) => t.getTime()) ?? [];
    expect(d.length).toBe(120);
    expect(d).toEqual([...d].sort((x, y) => y - x));
    expect(a).toEqual([...d].reverse());
  });

  it("follows the retention rules: 1-minute data for 15 days, 5-minute for 63, 1-hour for 455", async () => {
    const inv = (period: number) => stat("m", "Invocations", byFunction("orders-api"), "Sum", period);
    const window = async (daysAgo: number, period: number) =>
      series(
        inv(period),
        NOW_MINUTE * MINUTE_MS - daysAgo * DAY,
        NOW_MINUTE * MINUTE_MS - daysAgo * DAY + 6 * HOUR,
      );
    expect((await window(10, 60)).size).toBe(360);
    expect((await window(20, 60)).size).toBe(0);
    expect((await window(20, 300)).size).toBe(72);
    expect((await window(20, 600)).size).toBe(36);
    expect((await window(70, 300)).size).toBe(0);
    expect((await window(70, 3600)).size).toBe(6);
    expect((await window(500, 3600)).size).toBe(0);
    // Ranges reaching decades back or ahead cost only their retained part, also through FILL.
    const farBack = await query(
      [
        { ...inv(3600), ReturnData: false },
        { Id: "filled", Expression: "FILL(m, 0)" },
      ],
      NOW - 3650 * DAY,
      NOW - 450 * DAY,
    );
    const back = farBack.MetricDataResults?.[0]?.Timestamps?.map((t) => t.getTime()) ?? [];
    expect(Math.abs(back.length - 5 * 24)).toBeLessThanOrEqual(1);
    expect(Math.min(...back)).toBeGreaterThanOrEqual(NOW - 455 * DAY);
    const ahead = await series(inv(60), NOW_MINUTE * MINUTE_MS - HOUR, NOW + 3650 * DAY);
    expect(ahead.size).toBe(60);
    // A range across the 15-day line at 60 s: datapoints only for the part younger than 15 days.
    const across = await series(inv(60), NOW - 15 * DAY - HOUR, NOW - 15 * DAY + HOUR);
    const times = [...across.keys()];
    expect(times.length).toBeGreaterThan(50);
    expect(times.length).toBeLessThanOrEqual(60);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 15 * DAY);
  });

  it("rounds StartTime down to the minute, the 5-minute or the hour boundary by its age", async () => {
    const first = async (start: number, period: number) => {
      const out = await query(
        [stat("m", "Invocations", byFunction("orders-api"), "Sum", period)],
        start,
        start + 6 * HOUR,
        {
          ScanBy: "TimestampAscending",
        },
      );
      return out.MetricDataResults?.[0]?.Timestamps?.[0]?.getTime();
    };
    const odd = 7 * MINUTE_MS + 34_000;
    const recent = Math.floor((NOW - 2 * DAY) / HOUR) * HOUR + odd;
    expect(await first(recent, 60)).toBe(recent - 34_000);
    const older = Math.floor((NOW - 20 * DAY) / HOUR) * HOUR + odd;
    expect(await first(older, 300)).toBe(older - odd + 5 * MINUTE_MS);
    const oldest = Math.floor((NOW - 100 * DAY) / HOUR) * HOUR + odd;
    expect(await first(oldest, 3600)).toBe(oldest - odd);
    // Model check of the rounded 5-minute bucket.
    const sum = await series(
      stat("m", "Invocations", byFunction("orders-api"), "Sum", 300),
      older,
      older + 5 * MINUTE_MS,
    );
    const start = older - odd + 5 * MINUTE_MS;
    expect(sum.get(start)).toBe(
      minutes("orders-api", start, start + 5 * MINUTE_MS).reduce((n, x) => n + x.s.invocations, 0),
    );
  });
});

describe("GetMetricData: metric math", () => {
  it("computes arithmetic between queries and numbers; ReturnData false hides inputs", async () => {
    const dims = byFunction("slow-worker");
    const out = await query([
      stat("errors", "Errors", dims, "Sum", 60, { ReturnData: false }),
      stat("calls", "Invocations", dims, "Sum", 60, { ReturnData: false }),
      { Id: "rate", Expression: "100 * errors / calls", Label: "error rate %" },
      { Id: "mix", Expression: "(calls - errors) * 2 + -errors / 4 ^ 2" },
    ]);
    expect(out.MetricDataResults?.map((r) => r.Id)).toEqual(["rate", "mix"]);
    expect(out.MetricDataResults?.[0]?.Label).toBe("error rate %");
    const rate = points(out.MetricDataResults?.[0]);
    const mix = points(out.MetricDataResults?.[1]);
    for (const { minute, s } of minutes("slow-worker")) {
      const t = minute * MINUTE_MS;
      if (s.invocations === 0) {
        expect(rate.has(t)).toBe(false);
        continue;
      }
      expect(rate.get(t)).toBeCloseTo((100 * s.errors) / s.invocations, 9);
      expect(mix.get(t)).toBeCloseTo((s.invocations - s.errors) * 2 - s.errors / 16, 9);
    }
  });

  it("FILL fills gaps, SUM of an array adds series, SUM of one series is a scalar, METRICS() lists the metrics", async () => {
    const idle = byFunction("idle-fn");
    const orders = byFunction("orders-api");
    const out = await query([
      stat("idle", "Invocations", idle, "Sum", 60, { ReturnData: false }),
      stat("orders", "Invocations", orders, "Sum", 60, { ReturnData: false }),
      { Id: "filled", Expression: "FILL(idle, 0)" },
      { Id: "both", Expression: "SUM([idle, orders])" },
      { Id: "total", Expression: "SUM(orders)" },
      { Id: "all", Expression: "SUM(METRICS())" },
      { Id: "perSecond", Expression: "orders / PERIOD(orders)" },
      { Id: "plus", Expression: "idle + orders" },
    ]);
    const get = (id: string) => points(out.MetricDataResults?.find((r) => r.Id === id));
    const idleRows = minutes("idle-fn");
    const orderRows = minutes("orders-api");
    const filled = get("filled");
    expect(filled.size).toBe(120);
    for (const { minute, s } of idleRows) expect(filled.get(minute * MINUTE_MS)).toBe(s.invocations);
    const both = get("both");
    const all = get("all");
    orderRows.forEach(({ minute, s }, i) => {
      const t = minute * MINUTE_MS;
      const sum = s.invocations + (idleRows[i]?.s.invocations ?? 0);
      if (s.invocations > 0) {
        expect(both.get(t)).toBe(sum);
        expect(all.get(t)).toBe(sum);
        expect(get("perSecond").get(t)).toBeCloseTo(s.invocations / 60, 12);
      }
    });
    // A timestamp missing in either operand is missing in the result (unlike SUM of an array).
    const plus = get("plus");
    const bothActive = orderRows.filter(
      (x, i) => x.s.invocations > 0 && (idleRows[i]?.s.invocations ?? 0) > 0,
    );
    expect(bothActive.length).toBeGreaterThan(0);
    expect([...plus.keys()].sort((a, b) => a - b)).toEqual(bothActive.map((x) => x.minute * MINUTE_MS));
    const total = orderRows.reduce((n, x) => n + x.s.invocations, 0);
    expect(new Set(get("total").values())).toEqual(new Set([total]));
  });

  it("rejects expressions with syntax errors, unknown ids or cycles with a ValidationError", async () => {
    const base = stat("m1", "Invocations", byFunction("orders-api"), "Sum");
    for (const expression of ["m1 +", "m1 * m9", "FOO(m1)", "(m1"]) {
      const err = await caught(query([base, { Id: "e1", Expression: expression }]));
      expect(err.name).toBe("ValidationException");
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
    const hidden = await caught(query([base, { Id: "e1", Expression: "m9 * 2", ReturnData: false }]));
    expect(hidden.name).toBe("ValidationException");
    expect(hidden.message).toMatch(/unknown identifier m9/);
    const cycle = await caught(
      query([base, { Id: "e1", Expression: "e2 + 1" }, { Id: "e2", Expression: "e1 * 2" }]),
    );
    expect(cycle.name).toBe("ValidationException");
    expect(cycle.message).toMatch(/circular/);
  });
});

describe("GetMetricData: limits and paging", () => {
  it("accepts 500 queries and rejects 501 with AWS's ValidationError", async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        stat(`q${i}`, "Invocations", byFunction("orders-api"), "Sum", 3600),
      );
    const ok = await query(many(500));
    expect(ok.MetricDataResults).toHaveLength(500);
    const err = await caught(query(many(501)));
    expect(err.name).toBe("ValidationException");
    expect(err.message).toBe("The collection MetricDataQueries must not have a size greater than 500.");
    // The legacy Query code; the SDK names the error after the model's shape for it.
    expect(err.Code).toBe("ValidationError");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("pages 100 queries x 3 days at 60 s (432,000 datapoints) through NextToken, 100,800 at a time", async () => {
    const start = (NOW_MINUTE - 3 * 1440) * MINUTE_MS;
    const end = NOW_MINUTE * MINUTE_MS;
    // Two functions with traffic in every minute; 50 queries each.
    const busy = ["orders-api", "throttled-fn"];
    const queries = Array.from({ length: 100 }, (_, i) =>
      stat(`q${i}`, i % 2 ? "Invocations" : "Throttles", byFunction(busy[i % 2] ?? ""), "Sum"),
    );
    const expectedPerQuery = new Map<string, number>();
    for (const q of queries) {
      const fnName = q.MetricStat?.Metric?.Dimensions?.[0]?.Value ?? "";
      const rows = minutes(fnName, start, end);
      const n = rows.filter((x) =>
        q.MetricStat?.Metric?.MetricName === "Invocations"
          ? x.s.invocations > 0
          : x.s.invocations + x.s.throttles > 0,
      ).length;
      expectedPerQuery.set(q.Id ?? "", n);
    }
    const expectedTotal = [...expectedPerQuery.values()].reduce((a, b) => a + b, 0);
    expect(expectedTotal).toBe(432_000);

    const collected = new Map<string, number[]>();
    const pages: number[] = [];
    const statuses: string[] = [];
    let token: string | undefined;
    const t0 = performance.now();
    do {
      const out = await query(queries, start, end, { NextToken: token });
      let n = 0;
      for (const r of out.MetricDataResults ?? []) {
        const list = collected.get(r.Id ?? "") ?? [];
        for (const t of r.Timestamps ?? []) list.push(t.getTime());
        collected.set(r.Id ?? "", list);
        n += r.Values?.length ?? 0;
        statuses.push(r.StatusCode ?? "");
      }
      pages.push(n);
      token = out.NextToken;
      if (token) expect(out.MetricDataResults?.every((r) => r.StatusCode === "PartialData")).toBe(true);
      else expect(out.MetricDataResults?.every((r) => r.StatusCode === "Complete")).toBe(true);
    } while (token);
    const ms = performance.now() - t0;
    console.log(
      `paging 100 queries x 3 days: ${pages.length} pages ${JSON.stringify(pages)} in ${ms.toFixed(0)} ms`,
    );
    expect(pages).toEqual([100_800, 100_800, 100_800, 100_800, 28_800]);
    for (const [id, n] of expectedPerQuery) {
      const ts = collected.get(id) ?? [];
      expect(ts).toHaveLength(n);
      expect(new Set(ts).size).toBe(n);
      // Newest first across pages.
      expect(ts).toEqual([...ts].sort((a, b) => b - a));
    }
  });

  it("MaxDatapoints pages inside one timestamp across queries without losing or repeating points", async () => {
    const queries = ["orders-api", "slow-worker", "throttled-fn"].map((n, i) =>
      stat(`q${i}`, "Invocations", byFunction(n), "Sum"),
    );
    const whole = await query(queries, T0, T0 + 10 * MINUTE_MS);
    const seen = new Map<string, Array<[number, number]>>();
    let token: string | undefined;
    let calls = 0;
    do {
      const out = await query(queries, T0, T0 + 10 * MINUTE_MS, { MaxDatapoints: 7, NextToken: token });
      const n = (out.MetricDataResults ?? []).reduce((a, r) => a + (r.Values?.length ?? 0), 0);
      expect(n).toBeLessThanOrEqual(7);
      for (const r of out.MetricDataResults ?? []) {
        const list = seen.get(r.Id ?? "") ?? [];
        r.Timestamps?.forEach((t, i) => list.push([t.getTime(), r.Values?.[i] ?? NaN]));
        seen.set(r.Id ?? "", list);
      }
      token = out.NextToken;
      calls++;
    } while (token);
    expect(calls).toBeGreaterThan(3);
    for (const r of whole.MetricDataResults ?? [])
      expect(seen.get(r.Id ?? "")).toEqual(r.Timestamps?.map((t, i) => [t.getTime(), r.Values?.[i]]));
  });

  it("rejects a NextToken that is not its own with InvalidNextToken", async () => {
    const q = [stat("m", "Invocations", byFunction("orders-api"), "Sum")];
    const first = await query(q, T0, T1, { MaxDatapoints: 10 });
    expect(first.NextToken).toBeDefined();
    const other = await caught(query(q, T0 - HOUR, T1, { MaxDatapoints: 10, NextToken: first.NextToken }));
    expect(other.name).toBe("InvalidNextToken");
    const garbage = await caught(query(q, T0, T1, { NextToken: "not-a-token" }));
    expect(garbage.name).toBe("InvalidNextToken");
    expect(garbage.$metadata.httpStatusCode).toBe(400);
  });
});

describe("GetMetricData: input validation", () => {
  const ok = stat("m", "Invocations", byFunction("orders-api"), "Sum");
  const cases: Array<[string, () => Promise<unknown>, string, RegExp]> = [
    [
      "EndTime before StartTime",
      () => query([ok], T1, T0),
      "InvalidParameterValueException",
      /StartTime must be less than/,
    ],
    [
      "an Id starting with a capital",
      () => query([{ ...ok, Id: "M1" }]),
      "ValidationException",
      /expected pattern/,
    ],
    ["an Id with a dash", () => query([{ ...ok, Id: "m-1" }]), "ValidationException", /expected pattern/],
    ["duplicate Ids", () => query([ok, { ...ok }]), "ValidationException", /not unique/],
    ["no queries", () => query([]), "ValidationException", /length greater than or equal to 1/],
    [
      "a period that is not a multiple of 60",
      () => query([stat("m", "Invocations", [], "Sum", 90)]),
      "ValidationException",
      /multiple of 60/,
    ],
    [
      "an unknown statistic",
      () => query([stat("m", "Invocations", [], "Avg")]),
      "InvalidParameterValueException",
      /Avg/,
    ],
    [
      "both MetricStat and Expression",
      () => query([{ ...ok, Expression: "1" }]),
      "ValidationException",
      /Exactly one/,
    ],
  ];
  it.each(cases)("rejects %s", async (_, call, name, message) => {
    const err = await caught(call());
    expect(err.name).toBe(name);
    expect(err.message).toMatch(message);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("reports the legacy code and fault type as the query-compatible SDK exposes them", async () => {
    const err = await caught(query([ok], T1, T0));
    expect(err.Code).toBe("InvalidParameterValue");
    expect(err.Type).toBe("Sender");
  });
});

describe("throttling and faults", () => {
  it("a throttle surfaces as Throttling (HTTP 400), which the SDK classifies and retries as throttling", async () => {
    await setFaults({ operations: { "cloudwatch:GetMetricData": { throttleRate: 1 } } });
    try {
      const err = await caught(query([stat("m", "Invocations", byFunction("orders-api"), "Sum")]));
      expect(err.name).toBe("Throttling");
      expect(err.message).toBe("Rate exceeded");
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect(isThrottlingError(err as unknown as Parameters<typeof isThrottlingError>[0])).toBe(true);
      const retrying = new CloudWatchClient(sim.clientConfig(REGION, 2));
      const again = await caught(
        retrying.send(
          new GetMetricDataCommand({
            MetricDataQueries: [stat("m", "Invocations", [], "Sum")],
            StartTime: new Date(T0),
            EndTime: new Date(T1),
          }),
        ),
      );
      retrying.destroy();
      expect(again.name).toBe("Throttling");
      expect(again.$metadata.attempts).toBe(2);
      // Other operations are not affected.
      const list = await cw.send(
        new ListMetricsCommand({ Namespace: "AWS/Lambda", MetricName: "Invocations" }),
      );
      expect(list.Metrics?.length).toBeGreaterThan(0);
    } finally {
      await setFaults({});
    }
  });

  it("validation errors are not retried", async () => {
    const retrying = new CloudWatchClient(sim.clientConfig(REGION, 3));
    const err = await caught(
      retrying.send(
        new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(T0), EndTime: new Date(T1) }),
      ),
    );
    retrying.destroy();
    expect(err.name).toBe("ValidationException");
    expect(err.$metadata.attempts).toBe(1);
  });

  it("server faults come back as InternalServiceFault (HTTP 500)", async () => {
    await setFaults({ operations: { "cloudwatch:*": { errorRate: 1 } } });
    try {
      const err = await caught(cw.send(new ListMetricsCommand({})));
      expect(err.name).toBe("InternalServiceFault");
      expect(err.$metadata.httpStatusCode).toBe(500);
    } finally {
      await setFaults({});
    }
  });

  it("AWS's rate limit (ListMetrics 25/s) throttles a burst", async () => {
    const limited = await startTestSim(scenario(), { now: NOW });
    const client = new CloudWatchClient(limited.clientConfig(REGION));
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, () => client.send(new ListMetricsCommand({ MetricName: "Errors" }))),
      );
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected.length).toBeGreaterThan(0);
      expect(results.length - rejected.length).toBeGreaterThanOrEqual(20);
      expect(new Set(rejected.map((r) => (r.reason as Error).name))).toEqual(new Set(["Throttling"]));
      expect(limited.calls()["cloudwatch:ListMetrics"]?.throttled).toBe(rejected.length);
    } finally {
      client.destroy();
      await limited.close();
    }
  });
});

describe("ListMetrics", () => {
  it("lists the metrics of the region's functions with traffic, filtered by name and dimensions", async () => {
    const all = [];
    for await (const page of paginateListMetrics({ client: cw }, { Namespace: "AWS/Lambda" }))
      all.push(...(page.Metrics ?? []));
    const key = (m: { MetricName?: string; Dimensions?: Dimension[] }) =>
      `${m.MetricName}|${(m.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(",")}`;
    const keys = new Set(all.map(key));
    expect(keys.size).toBe(all.length);
    expect(keys.has("Invocations|FunctionName=orders-api")).toBe(true);
    expect(keys.has("Invocations|FunctionName=orders-api,Resource=orders-api:live")).toBe(true);
    expect(
      keys.has("ProvisionedConcurrencyUtilization|FunctionName=orders-api,Resource=orders-api:live"),
    ).toBe(true);
    expect(keys.has("IteratorAge|FunctionName=stream-consumer")).toBe(true);
    expect(keys.has("IteratorAge|FunctionName=orders-api")).toBe(false);
    expect(keys.has("DeadLetterErrors|FunctionName=async-handler")).toBe(true);
    expect(keys.has("ClaimedAccountConcurrency|")).toBe(true);
    expect([...keys].some((k) => k.includes("dormant-fn"))).toBe(false);
    expect([...keys].some((k) => k.includes("eu-api"))).toBe(false);

    const filtered = await cw.send(
      new ListMetricsCommand({
        MetricName: "Duration",
        Dimensions: [{ Name: "FunctionName", Value: "slow-worker" }],
      }),
    );
    expect(filtered.Metrics?.map(key).sort()).toEqual([
      "Duration|FunctionName=slow-worker",
      "Duration|FunctionName=slow-worker,Resource=slow-worker",
    ]);
    const other = await cw.send(new ListMetricsCommand({ Namespace: "AWS/EC2" }));
    expect(other.Metrics).toEqual([]);
  });

  it("pages 500 metrics at a time", async () => {
    const big = await startTestSim(
      {
        ...baseScenario(),
        functions: [],
        generate: [
          {
            count: 150,
            regions: ["us-east-1"],
            namePrefix: "gen",
            runtimes: ["nodejs22.x"],
            roles: ["basic-role"],
            rpm: [1, 5],
          },
        ],
      },
      { now: NOW, rateLimits: false },
    );
    const client = new CloudWatchClient(big.clientConfig(REGION));
    try {
      const sizes: number[] = [];
      const keys = new Set<string>();
      let token: string | undefined;
      do {
        const out = await client.send(new ListMetricsCommand({ NextToken: token }));
        sizes.push(out.Metrics?.length ?? 0);
        for (const m of out.Metrics ?? []) keys.add(`${m.MetricName}|${JSON.stringify(m.Dimensions)}`);
        token = out.NextToken;
      } while (token);
      // 150 functions x (5 metrics by FunctionName + 5 by Resource) + 7 region-wide.
      expect(keys.size).toBe(1507);
      expect(sizes).toEqual([500, 500, 500, 7]);
      const bad = await caught(client.send(new ListMetricsCommand({ NextToken: "bogus" })));
      expect(bad.name).toBe("InvalidParameterValueException");
    } finally {
      client.destroy();
      await big.close();
    }
  });
});

describe("GetMetricStatistics", () => {
  it("returns the same figures as GetMetricData, with percentiles as ExtendedStatistics", async () => {
    const base = {
      Namespace: "AWS/Lambda",
      MetricName: "Duration",
      Dimensions: byFunction("orders-api"),
      StartTime: new Date(T0),
      EndTime: new Date(T1),
      Period: 600,
    };
    const basic = await cw.send(
      new GetMetricStatisticsCommand({
        ...base,
        Statistics: ["Sum", "Maximum", "SampleCount", "Average", "Minimum"],
      }),
    );
    const ext = await cw.send(
      new GetMetricStatisticsCommand({ ...base, ExtendedStatistics: ["p99", "p50"] }),
    );
    expect(basic.Label).toBe("Duration");
    expect(basic.Datapoints).toHaveLength(12);
    const gmd = await query([
      stat("s", "Duration", base.Dimensions, "Sum", 600),
      stat("x", "Duration", base.Dimensions, "Maximum", 600),
      stat("p", "Duration", base.Dimensions, "p99", 600),
    ]);
    const [s, x, p] = ["s", "x", "p"].map((id) => points(gmd.MetricDataResults?.find((r) => r.Id === id)));
    for (const dp of basic.Datapoints ?? []) {
      const t = dp.Timestamp?.getTime() ?? 0;
      expect(dp.Sum).toBe(s?.get(t));
      expect(dp.Maximum).toBe(x?.get(t));
      expect(dp.Unit).toBe("Milliseconds");
      expect(dp.Average).toBeCloseTo((dp.Sum ?? 0) / (dp.SampleCount ?? 1), 9);
    }
    for (const dp of ext.Datapoints ?? []) {
      expect(dp.ExtendedStatistics?.p99).toBe(p?.get(dp.Timestamp?.getTime() ?? 0));
      expect(dp.Sum).toBeUndefined();
    }
    expect(ext.Datapoints).toHaveLength(12);
  });

  it("refuses more than 1,440 datapoints and inconsistent statistics", async () => {
    const base = {
      Namespace: "AWS/Lambda",
      MetricName: "Invocations",
      Dimensions: byFunction("orders-api"),
      Period: 60,
    };
    const tooMany = await caught(
      cw.send(
        new GetMetricStatisticsCommand({
          ...base,
          StartTime: new Date(NOW_MINUTE * MINUTE_MS - 2 * DAY),
          EndTime: new Date(NOW_MINUTE * MINUTE_MS),
          Statistics: ["Sum"],
        }),
      ),
    );
    expect(tooMany.name).toBe("InvalidParameterCombinationException");
    expect(tooMany.message).toMatch(
      /You have requested up to 2880 datapoints, which exceeds the limit of 1440/,
    );
    const day = await cw.send(
      new GetMetricStatisticsCommand({
        ...base,
        StartTime: new Date(NOW_MINUTE * MINUTE_MS - DAY),
        EndTime: new Date(NOW_MINUTE * MINUTE_MS),
        Statistics: ["Sum"],
      }),
    );
    expect(day.Datapoints?.length).toBeGreaterThan(1400);
    const none = await caught(
      cw.send(new GetMetricStatisticsCommand({ ...base, StartTime: new Date(T0), EndTime: new Date(T1) })),
    );
    expect(none.name).toBe("InvalidParameterCombinationException");
    const badStat = await caught(
      cw.send(
        new GetMetricStatisticsCommand({
          ...base,
          StartTime: new Date(T0),
          EndTime: new Date(T1),
          Statistics: ["p99" as "Sum"],
        }),
      ),
    );
    expect(badStat.name).toBe("InvalidParameterValueException");
  });
});

describe("awsQuery (older SDKs and CLIs)", () => {
  it("answers the form-encoded protocol with XML, same data, and XML errors", async () => {
    const legacy = new CloudWatchClient({ ...sim.clientConfig(REGION), protocol: AwsQueryProtocol });
    try {
      const q = [
        stat("m", "Duration", byFunction("orders-api"), "p99"),
        stat("n", "Invocations", byFunction("orders-api"), "Sum", 60, { ReturnData: false }),
        { Id: "e", Expression: "n * 2", Label: "double <calls>" },
      ];
      const input = { MetricDataQueries: q, StartTime: new Date(T0), EndTime: new Date(T1) };
      const viaQuery = await legacy.send(new GetMetricDataCommand(input));
      const viaJson = await cw.send(new GetMetricDataCommand(input));
      expect(viaQuery.MetricDataResults?.map((r) => [r.Id, r.Label, r.Values, r.Timestamps])).toEqual(
        viaJson.MetricDataResults?.map((r) => [r.Id, r.Label, r.Values, r.Timestamps]),
      );
      const stats = await legacy.send(
        new GetMetricStatisticsCommand({
          Namespace: "AWS/Lambda",
          MetricName: "Duration",
          Dimensions: byFunction("orders-api"),
          StartTime: new Date(T0),
          EndTime: new Date(T1),
          Period: 3600,
          ExtendedStatistics: ["p90"],
        }),
      );
      expect(stats.Datapoints).toHaveLength(2);
      expect(stats.Datapoints?.[0]?.ExtendedStatistics?.p90).toBeGreaterThan(0);
      const list = await legacy.send(
        new ListMetricsCommand({
          MetricName: "Invocations",
          Dimensions: [{ Name: "FunctionName", Value: "orders-api" }],
        }),
      );
      expect(list.Metrics?.length).toBe(3);
      const err = await caught(
        legacy.send(new GetMetricDataCommand({ ...input, StartTime: new Date(T1), EndTime: new Date(T0) })),
      );
      expect(err.name).toBe("InvalidParameterValueException");
      expect(err.$metadata.httpStatusCode).toBe(400);
    } finally {
      legacy.destroy();
    }
  });
});

describe("speed", () => {
  it("leaves the event loop free while it works through a long GetMetricData", async () => {
    const busy = await startTestSim(
      {
        ...baseScenario(),
        functions: [],
        generate: [
          {
            count: 250,
            regions: [REGION],
            namePrefix: "gen",
            runtimes: ["nodejs22.x"],
            roles: ["basic-role"],
            rpm: [1, 50],
          },
        ],
      },
      { now: NOW, rateLimits: false },
    );
    const client = new CloudWatchClient(busy.clientConfig(REGION));
    const fns = [...busy.ctx.model.functionsIn(REGION)];
    const end = NOW_MINUTE * MINUTE_MS;
    // A week of Invocations and Errors for 250 functions, one datapoint each: 2.5 million
    // function-minutes to compute (a second or more of work), a few kilobytes to answer.
    const period = 7 * 86_400;
    const queries = fns.flatMap((fn, f) => [
      stat(`i${f}`, "Invocations", byFunction(fn.name), "Sum", period),
      stat(`e${f}`, "Errors", byFunction(fn.name), "Sum", period),
    ]);
    // The sim runs in this process: a timer that fires late shows how long the loop was held.
    let last = performance.now();
    let longestGap = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    try {
      const out = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(end - period * 1000),
          EndTime: new Date(end),
        }),
      );
      expect(out.MetricDataResults).toHaveLength(500);
      expect(out.MetricDataResults?.every((r) => r.Values?.length === 1)).toBe(true);
      expect(longestGap).toBeLessThan(400);
    } finally {
      clearInterval(probe);
      client.destroy();
      await busy.close();
    }
  });

  it("answers 500 queries over 24 hours at 60 s in well under a second per call (timings printed)", async () => {
    // A fresh sim, so the model's minute cache starts cold: 50 functions x 10 statistics.
    const fast = await startTestSim(
      {
        ...baseScenario(),
        functions: [],
        generate: [
          {
            count: 50,
            regions: [REGION],
            namePrefix: "gen",
            runtimes: ["nodejs22.x"],
            roles: ["basic-role"],
            rpm: [1, 50],
          },
        ],
      },
      { now: NOW, rateLimits: false },
    );
    const client = new CloudWatchClient(fast.clientConfig(REGION));
    const fns = [...fast.ctx.model.functionsIn(REGION)];
    const kinds: Array<[string, string]> = [
      ["Invocations", "Sum"],
      ["Invocations", "SampleCount"],
      ["Errors", "Sum"],
      ["Errors", "Average"],
      ["Duration", "Average"],
      ["Duration", "p99"],
      ["Duration", "p50"],
      ["Duration", "Maximum"],
      ["Duration", "Minimum"],
      ["ConcurrentExecutions", "Maximum"],
    ];
    const queries: MetricDataQuery[] = fns.flatMap((fn, f) =>
      kinds.map(([metric, s], k) => stat(`q${f}_${k}`, metric, byFunction(fn.name), s)),
    );
    expect(queries).toHaveLength(500);
    const end = NOW_MINUTE * MINUTE_MS;
    const start = end - DAY;
    const pageMs: number[] = [];
    const perQuery = new Map<string, number>();
    let first: GetMetricDataCommandOutput | undefined;
    let token: string | undefined;
    try {
      do {
        const t = performance.now();
        const out = await client.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            StartTime: new Date(start),
            EndTime: new Date(end),
            NextToken: token,
          }),
        );
        pageMs.push(performance.now() - t);
        first ??= out;
        for (const r of out.MetricDataResults ?? [])
          perQuery.set(r.Id ?? "", (perQuery.get(r.Id ?? "") ?? 0) + (r.Values?.length ?? 0));
        token = out.NextToken;
      } while (token);
    } finally {
      client.destroy();
      await fast.close();
    }
    const total = [...perQuery.values()].reduce((a, b) => a + b, 0);
    const sum = pageMs.reduce((a, b) => a + b, 0);
    console.log(
      `GetMetricData 500 queries x 24 h @60 s (cold model): first call ${pageMs[0]?.toFixed(0)} ms for 100,800 datapoints; ` +
        `all ${pageMs.length} calls ${sum.toFixed(0)} ms for ${total} datapoints (per call: ${pageMs.map((x) => x.toFixed(0)).join(", ")} ms)`,
    );
    // Correctness of what was timed: every one of these metrics has a datapoint exactly in the
    // minutes with invocations; the first call is full and its newest Invocations are the model's.
    fns.forEach((fn, f) => {
      let active = 0;
      for (let m = start / MINUTE_MS; m < end / MINUTE_MS; m++)
        if (fast.ctx.model.minute(fn, m).invocations > 0) active++;
      kinds.forEach((_, k) => expect(perQuery.get(`q${f}_${k}`)).toBe(active));
    });
    expect(pageMs.length).toBe(Math.ceil(total / 100_800));
    expect((first?.MetricDataResults ?? []).reduce((a, r) => a + (r.Values?.length ?? 0), 0)).toBe(100_800);
    const r0 = first?.MetricDataResults?.[0];
    const t0 = r0?.Timestamps?.[0]?.getTime() ?? 0;
    const fn0 = fns[0];
    if (!fn0) throw new Error("no generated function");
    expect(r0?.Values?.[0]).toBe(fast.ctx.model.minute(fn0, t0 / MINUTE_MS).invocations);
    expect(t0).toBeGreaterThan(end - 10 * MINUTE_MS);
  });
});
