import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findAccount } from "@/lib/config";
import { demoScenario, startHarness, type Harness } from "@/lib/server/testing/harness";
import type { AwsScope } from "./clients";
import { getMetricData, type MetricQuery } from "./cloudwatch";
import { AwsCallError } from "./errors";
import { runInsightsQuery } from "./logs";
import { getCallerIdentity } from "./sts";
import { listFunctionTags } from "./tagging";

/** lib/aws against the sim: batching, paging, the Insights runner's limits, retries. */

let h: Harness;
let scope: AwsScope;

beforeAll(async () => {
  h = await startHarness(demoScenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  await h.resetCalls();
  const account = findAccount("default");
  if (!account) throw new Error("no default account");
  scope = { account, region: "us-east-1" };
});

const MINUTE = 60_000;

describe("getMetricData", () => {
  it("splits more than 500 queries into several calls and answers every query", async () => {
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    const queries: MetricQuery[] = Array.from({ length: 620 }, (_, i) => ({
      id: `q${i}`,
      metric: i % 2 ? "Invocations" : "Errors",
      stat: "Sum",
      functionName: "payments-api",
    }));
    const results = await getMetricData(scope, queries, end - 3_600_000, end, 3600);
    expect(results.size).toBe(620);
    expect(results.get("q1")?.values[0]).toBeGreaterThan(0);
    expect((await h.calls())["cloudwatch:GetMetricData"]).toBe(2);
  });

  it("reads every NextToken page of a long series", async () => {
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    // 200 one-minute series over a day: 288,000 datapoints, more than one response holds (100,800).
    const queries: MetricQuery[] = Array.from({ length: 200 }, (_, i) => ({
      id: `q${i}`,
      metric: "Invocations",
      stat: "Sum",
      functionName: "payments-api",
    }));
    const results = await getMetricData(scope, queries, end - 86_400_000, end, 60);
    expect((await h.calls())["cloudwatch:GetMetricData"]).toBeGreaterThanOrEqual(3);
    expect(results.get("q199")?.timestamps.length).toBeGreaterThan(1000);
    expect(results.get("q199")?.timestamps).toEqual(results.get("q0")?.timestamps);
  });

  it("retries through throttling", async () => {
    await h.setFaults({
      operations: { "cloudwatch:GetMetricData": { throttleRate: 0.2, errorRate: 0, latencyMs: 0 } },
    });
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    for (let i = 0; i < 8; i++) {
      const r = await getMetricData(
        scope,
        [{ id: "a", metric: "Invocations", stat: "Sum", functionName: "payments-api" }],
        end - 3_600_000,
        end,
        3600,
      );
      expect(r.get("a")?.values.length).toBe(1);
    }
  });
});

describe("runInsightsQuery", () => {
  const window = () => {
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    return { startMs: end - 30 * MINUTE, endMs: end };
  };

  it("runs a query to Complete", async () => {
    const r = await runInsightsQuery(scope, {
      logGroups: ["/aws/lambda/payments-api"],
      ...window(),
      query: 'filter @type = "REPORT" | stats count(*) as n',
      concurrency: 4,
      deadlineMs: 20_000,
    });
    expect(r.status).toBe("Complete");
    expect(r.partial).toBe(false);
    expect(Number(r.rows[0]?.n)).toBeGreaterThan(0);
  });

  it("refuses more than 50 log groups", async () => {
    await expect(
      runInsightsQuery(scope, {
        logGroups: Array.from({ length: 51 }, (_, i) => `/g${i}`),
        ...window(),
        query: "fields @message",
        concurrency: 1,
        deadlineMs: 1000,
      }),
    ).rejects.toThrow(RangeError);
  });

  it("stops a query past its deadline and marks the result partial", async () => {
    await h.setFaults({ insightsNeverComplete: true });
    const started = Date.now();
    const r = await runInsightsQuery(scope, {
      logGroups: ["/aws/lambda/payments-api"],
      ...window(),
      query: 'filter @type = "REPORT" | stats count(*) as n',
      concurrency: 4,
      deadlineMs: 1500,
    });
    expect(r.partial).toBe(true);
    expect(r.status).not.toBe("Complete");
    expect(Date.now() - started).toBeLessThan(8000);
    expect((await h.calls())["logs:StopQuery"]).toBe(1);
  });

  it("stops a query nobody waits for any more", async () => {
    await h.setFaults({ insightsNeverComplete: true });
    const abort = new AbortController();
    const run = runInsightsQuery(scope, {
      logGroups: ["/aws/lambda/payments-api"],
      ...window(),
      query: "fields @message | limit 5",
      concurrency: 4,
      deadlineMs: 60_000,
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 600);
    await expect(run).rejects.toThrow();
    expect((await h.calls())["logs:StopQuery"]).toBe(1);
  });

  it("keeps the number of queries running at once within its limit", async () => {
    // Queries that never finish hold their slot until their deadline: four queries through two
    // slots take two deadlines, not one.
    await h.setFaults({ insightsNeverComplete: true });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        runInsightsQuery(scope, {
          logGroups: ["/aws/lambda/payments-api"],
          ...window(),
          query: "fields @message | limit 1",
          concurrency: 2,
          deadlineMs: 800,
        }),
      ),
    );
    expect(results.every((r) => r.partial)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1600);
    expect((await h.calls())["logs:StartQuery"]).toBe(4);
  });

  it("wraps AWS failures with the call's context", async () => {
    const err = await runInsightsQuery(scope, {
      logGroups: ["/aws/lambda/does-not-exist"],
      ...window(),
      query: "fields @message",
      concurrency: 1,
      deadlineMs: 5000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect(err).toMatchObject({
      errorName: "ResourceNotFoundException",
      context: { service: "logs", operation: "StartQuery", region: "us-east-1" },
    });
  });
});

describe("listFunctionTags", () => {
  it("reads every tagged function of the region by name, in one GetResources call per 100", async () => {
    const tags = await listFunctionTags(scope);
    const regionFns = [...h.sim.ctx.scenario.functionIndex.values()].filter((f) => f.region === "us-east-1");
    expect(tags.size).toBe(regionFns.length);
    for (const f of regionFns) expect(tags.get(f.name), f.name).toEqual(f.tags);
    expect((await h.calls())["tag:GetResources"]).toBe(Math.ceil(regionFns.length / 100));
  });

  it("retries through throttling and wraps a denial with the call's context", async () => {
    await h.setFaults({
      operations: { "tag:GetResources": { throttleRate: 0.2, errorRate: 0, latencyMs: 0 } },
    });
    expect((await listFunctionTags(scope)).get("payments-api")).toMatchObject({ team: "payments" });
    await h.setFaults({ accessDenied: ["tag:GetResources"] });
    const err = await listFunctionTags(scope).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect(err).toMatchObject({
      errorName: "AccessDeniedException",
      context: { service: "tag", operation: "GetResources", region: "us-east-1" },
    });
  });
});

describe("sts", () => {
  it("reads the account id behind the credentials", async () => {
    expect(await getCallerIdentity(scope)).toEqual({
      accountId: "123456789012",
      arn: "arn:aws:sts::123456789012:assumed-role/HeadroomReadOnly/headroom",
    });
  });
});
