/**
 * `npm run bench`: reads the sim's `scale` scenario (5,400 functions over three regions) with AWS's
 * default rate limits on and 20 ms of added latency per call, through the built console, and
 * prints one JSON document (also written to bench/results/latest.json). `--small` runs the same
 * steps on a 300-function account without timing targets, so CI keeps the benchmark from rotting.
 *
 * What it measures (docs/benchmarks.md explains each figure):
 * - AWS calls per operation for a cold overview and a cold function list, against the lower bound;
 * - cold time to the first complete overview and function list;
 * - warm latency p50/p95 of both APIs under 50 concurrent clients;
 * - function-list response size per function, raw and gzip;
 * - the console server's peak memory;
 * - a naive baseline (GetMetricStatistics per function and metric) in the same run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { gzipSync } from "node:zlib";
import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";
import { loadScenarioFile, parseScenario } from "../sim/scenario/load";
import type { Scenario } from "../sim/scenario/schema";
import { startSim, type RunningSim } from "../sim/server";
import { lowerBound, total } from "./lower-bound";

const small = process.argv.includes("--small");
const LATENCY_MS = 20;
const CLIENTS = 50;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function scenario(): Scenario {
  const file = JSON.parse(readFileSync("sim/scenarios/scale.json", "utf8")) as {
    generate: Array<{ count: number }>;
  };
  if (small) for (const g of file.generate) g.count = 300;
  return small ? parseScenario(file, "scale (small)") : loadScenarioFile("sim/scenarios/scale.json");
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Peak resident memory (VmHWM) of a process and its descendants, MB. */
function peakMemoryMB(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // The process is gone.
    }
  }
  let peak = 0;
  for (const p of pids) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m?.[1]) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // The process is gone.
    }
  }
  return Math.round(peak);
}

async function calls(sim: RunningSim): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(sim.calls()).map(([op, s]) => [op, s.calls]));
}

interface Section {
  status?: string;
  partial?: boolean;
}

/** Whether every section of a response is settled (ok and not partial, or a definite error). */
function complete(body: unknown): boolean {
  const text = JSON.stringify(body);
  return !text.includes('"partial":true') && !/"status":"(pending|loading)"/.test(text);
}

async function timedGet(url: string): Promise<{ ms: number; body: unknown; bytes: number; raw: string }> {
  const t = performance.now();
  const res = await fetch(url);
  const raw = await res.text();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${raw.slice(0, 300)}`);
  return { ms, body: JSON.parse(raw) as unknown, bytes: Buffer.byteLength(raw), raw };
}

/** Requests a URL until its sections are complete; returns the time to the first complete answer. */
async function coldLoad(url: string, deadlineMs: number) {
  const t = performance.now();
  for (;;) {
    const r = await timedGet(url);
    if (complete(r.body as Section) || performance.now() - t > deadlineMs)
      return { ...r, ms: performance.now() - t, complete: complete(r.body) };
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function warmLatency(urls: string[], perClient: number) {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const url = urls[(c + i) % urls.length] ?? "";
        const t = performance.now();
        const res = await fetch(url);
        await res.arrayBuffer();
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    p50: Math.round(percentile(times, 50)),
    p95: Math.round(percentile(times, 95)),
  };
}

async function naiveBaseline(simUrl: string, regions: string[]) {
  const credentials = { accessKeyId: "sim", secretAccessKey: "sim" };
  const end = new Date();
  const start = new Date(end.getTime() - 24 * 3600_000);
  let count = 0;
  const t = performance.now();
  for (const region of regions) {
    const lambda = new LambdaClient({
      endpoint: simUrl,
      region,
      credentials,
      maxAttempts: 10,
      retryMode: "adaptive",
    });
    const cw = new CloudWatchClient({
      endpoint: simUrl,
      region,
      credentials,
      maxAttempts: 10,
      retryMode: "adaptive",
    });
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) {
      count++;
      for (const f of page.Functions ?? []) if (f.FunctionName) names.push(f.FunctionName);
    }
    const jobs = names.flatMap((name) =>
      (["Invocations", "Errors", "Throttles", "Duration"] as const).map((metric) => ({ name, metric })),
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let j = next++; j < jobs.length; j = next++) {
          const job = jobs[j];
          if (!job) break;
          await cw.send(
            new GetMetricStatisticsCommand({
              Namespace: "AWS/Lambda",
              MetricName: job.metric,
              Dimensions: [{ Name: "FunctionName", Value: job.name }],
              StartTime: start,
              EndTime: end,
              Period: 300,
              ...(job.metric === "Duration" ? { ExtendedStatistics: ["p99"] } : { Statistics: ["Sum"] }),
            }),
          );
          count++;
        }
      }),
    );
  }
  return { calls: count, ms: Math.round(performance.now() - t) };
}

async function main(): Promise<void> {
  const scen = scenario();
  const regions = Object.keys(scen.regions);
  scen.faults = { ...scen.faults, latencyMs: LATENCY_MS, rateLimits: true };
  const sim = await startSim({ scenario: scen, port: 0 });
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: "sim",
    AWS_SECRET_ACCESS_KEY: "sim",
    AWS_REGION: regions[0] ?? "us-east-1",
    HEADROOM_REGIONS: regions.join(","),
  };
  if (!existsSync(".next/BUILD_ID")) {
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const app: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/api/v1/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (i > 240) throw new Error("the console did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    const deadline = small ? 120_000 : 900_000;
    sim.resetCalls();
    const overview = await coldLoad(`${base}/api/v1/overview?range=24h`, deadline);
    const overviewCalls = await calls(sim);
    sim.resetCalls();
    const list = await coldLoad(`${base}/api/v1/functions?range=24h`, deadline);
    const listCalls = await calls(sim);
    const bound = lowerBound(scen, regions);
    const functions = ((list.body as { functions?: unknown[] }).functions ?? []).length;
    const warm = await warmLatency(
      [`${base}/api/v1/overview?range=24h`, `${base}/api/v1/functions?range=24h`],
      small ? 4 : 20,
    );
    const naive = await naiveBaseline(sim.url, regions);
    const consoleCalls = total(overviewCalls) + total(listCalls);
    const result = {
      scenario: scen.name,
      small,
      functions: scen.functionIndex.size,
      regions,
      latencyPerCallMs: LATENCY_MS,
      awsCalls: {
        overview: overviewCalls,
        functionList: listCalls,
        total: consoleCalls,
        lowerBound: bound,
        lowerBoundTotal: total(bound),
        ratioToLowerBound: Number((consoleCalls / total(bound)).toFixed(2)),
      },
      coldMs: {
        overview: Math.round(overview.ms),
        overviewComplete: overview.complete,
        functionList: Math.round(list.ms),
        functionListComplete: list.complete,
      },
      warm: { clients: CLIENTS, ...warm },
      functionList: {
        rows: functions,
        bytesPerFunction: functions ? Math.round(list.bytes / functions) : null,
        gzipBytesPerFunction: functions ? Math.round(gzipSync(list.raw).length / functions) : null,
      },
      serverPeakMemoryMB: app.pid ? peakMemoryMB(app.pid) : null,
      naiveBaseline: {
        ...naive,
        callRatio: Number((naive.calls / Math.max(1, total(listCalls))).toFixed(1)),
        timeRatio: Number((naive.ms / Math.max(1, list.ms)).toFixed(1)),
      },
    };
    const json = JSON.stringify(result, null, 2);
    console.log(json);
    mkdirSync("bench/results", { recursive: true });
    writeFileSync(small ? "bench/results/small.json" : "bench/results/latest.json", `${json}\n`);
    if (functions === 0) throw new Error("the function list came back empty");
  } finally {
    app.kill("SIGTERM");
    await sim.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
