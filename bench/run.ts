/**
 * `npm run bench`: reads the sim's `scale` scenario (5,400 functions over three regions) with AWS's
 * default rate limits on and 20 ms of added latency per call, through the built console, and
 * prints one JSON document (also written to bench/results/latest.json). `--small` runs the same
 * steps on a 300-function account without timing targets, so CI keeps the benchmark from rotting.
 *
 * What it measures (README "Benchmark" lists the figures of a full run):
 * - AWS calls per operation for a cold overview and a cold function list, against the lower bound;
 * - cold time to the first complete overview and function list;
 * - warm latency p50/p95 of both APIs under 50 concurrent clients, each answer sent in full, and
 *   again with the clients revalidating what they hold (If-None-Match, as browsers do);
 * - function-list response size per function, raw and gzip;
 * - the console server's peak memory;
 * - a naive baseline (GetMetricStatistics per function and metric) in the same run;
 * - in headless Chromium, on a second account of 15,000 functions (the small run: the same 300):
 *   navigation to the functions table showing every row (server cache cold, then warm), sort,
 *   filter and a scroll to the bottom (bench/browser.ts);
 * - first-load JavaScript per page from the production build's manifests (bench/first-load-js.ts),
 *   checked against what Chromium fetches.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";
import { parseScenario } from "../sim/scenario/load";
import type { Scenario } from "../sim/scenario/schema";
import {
  launchBrowser,
  navigateToRows,
  newContext,
  pageScripts,
  tableInteractions,
  type ScriptBytes,
} from "./browser";
import { firstLoadJs } from "./first-load-js";
import { lowerBound, perFunctionReads, total } from "./lower-bound";
import { startConsole, startBenchSim, type ConsoleProcess, type BenchSim } from "./servers";

const small = process.argv.includes("--small");
/** `--only api` or `--only browser` runs one part (the JSON then lacks the other's figures). */
const only = ((i) => (i >= 0 ? process.argv[i + 1] : undefined))(process.argv.indexOf("--only"));
if (only !== undefined && only !== "api" && only !== "browser")
  throw new Error(`--only takes "api" or "browser", not ${only}`);
const LATENCY_MS = 20;
const CLIENTS = 50;
/** Functions in the account the browser part reads (the issue's 15,000; the small run keeps its 300). */
const BROWSER_FUNCTIONS = small ? 300 : 15_000;
const SMALL_FUNCTIONS = 300;

interface ScenarioJson {
  name: string;
  functions?: unknown[];
  generate: Array<{ count: number }>;
  faults?: Record<string, unknown>;
}

/**
 * The scale scenario's JSON with 20 ms per call and rate limits on; given `functions`, its
 * generators are scaled so the account holds that many functions.
 */
function scenarioInput(functions?: number): ScenarioJson {
  const file = JSON.parse(readFileSync("sim/scenarios/scale.json", "utf8")) as ScenarioJson;
  file.faults = { ...file.faults, latencyMs: LATENCY_MS, rateLimits: true };
  if (functions === undefined) return file;
  const fixed = file.functions?.length ?? 0;
  const generated = file.generate.reduce((n, g) => n + g.count, 0);
  let left = functions - fixed;
  file.generate.forEach((g, i) => {
    const count =
      i === file.generate.length - 1 ? left : Math.round((g.count * (functions - fixed)) / generated);
    g.count = count;
    left -= count;
  });
  file.name = `${file.name}-${functions}`;
  return file;
}

const started = performance.now();
/** Progress on stderr, so stdout stays one JSON document. */
function progress(message: string): void {
  console.error(`bench +${((performance.now() - started) / 1000).toFixed(0)} s: ${message}`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Whether every section of a response is settled (ok and not partial, or a definite error). */
function complete(body: unknown): boolean {
  const text = JSON.stringify(body);
  return !text.includes('"partial":true') && !/"status":"(pending|loading)"/.test(text);
}

/** The parts of a response still partial or pending ("status.coldStarts[0] us-east-1"), for the report. */
function unsettled(body: unknown, path = ""): string[] {
  if (Array.isArray(body)) return body.flatMap((v, i) => unsettled(v, `${path}[${i}]`));
  if (!body || typeof body !== "object") return [];
  const o = body as Record<string, unknown>;
  const here =
    o.partial === true || o.status === "pending" || o.status === "loading"
      ? [`${path || "(root)"}${typeof o.region === "string" ? ` ${o.region}` : ""}`]
      : [];
  return [
    ...here,
    ...Object.entries(o)
      .filter(([k]) => k !== "columns")
      .flatMap(([k, v]) => unsettled(v, path ? `${path}.${k}` : k)),
  ];
}

/**
 * fetch, asking once more when a kept-alive connection was reset under it (the server closed an
 * idle socket as the request went out); a server that is gone fails the second time too.
 */
async function fetchRetryingReset(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET") throw err;
    progress(`${url}: connection reset (${code}); asking again`);
    return fetch(url, init);
  }
}

async function timedGet(url: string): Promise<{ ms: number; body: unknown; bytes: number; raw: string }> {
  const t = performance.now();
  const res = await fetchRetryingReset(url);
  const raw = await res.text();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${raw.slice(0, 300)}`);
  return { ms, body: JSON.parse(raw) as unknown, bytes: Buffer.byteLength(raw), raw };
}

/** The function list without its findings counts: every row with its metrics and cold starts. */
function withoutFindings(body: unknown): unknown {
  const b = body as { status?: Record<string, unknown> };
  if (!b.status || !("findings" in b.status)) return body;
  const status = { ...b.status };
  delete status.findings;
  return { ...b, status };
}

/**
 * Requests a URL until its sections are complete; returns the time to the first complete answer,
 * and to the first answer complete but for the findings analysis (`coreMs`).
 */
async function coldLoad(url: string, deadlineMs: number) {
  const t = performance.now();
  let coreMs: number | undefined;
  for (;;) {
    const r = await timedGet(url);
    const ms = performance.now() - t;
    if (coreMs === undefined && complete(withoutFindings(r.body))) coreMs = Math.round(ms);
    if (complete(r.body) || ms > deadlineMs)
      return { ...r, ms, coreMs, complete: complete(r.body), unsettled: unsettled(r.body) };
    await new Promise((res) => setTimeout(res, 250));
  }
}

/**
 * CLIENTS clients, each asking the URLs in turn `perClient` times. "full": every request gets the
 * whole answer (as a script without a cache would); "revalidating": each client sends back the
 * ETag it last got for the URL, as a browser's refetch does, so an unchanged answer is a 304.
 */
async function warmLatency(urls: string[], perClient: number, mode: "full" | "revalidating") {
  const times: number[] = [];
  let notModified = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const etags = new Map<string, string>();
      for (let i = 0; i < perClient; i++) {
        const url = urls[(c + i) % urls.length] ?? "";
        const etag = mode === "revalidating" ? etags.get(url) : undefined;
        const t = performance.now();
        const res = await fetchRetryingReset(url, etag ? { headers: { "if-none-match": etag } } : {});
        await res.arrayBuffer();
        times.push(performance.now() - t);
        if (res.status === 304) notModified++;
        const tag = res.headers.get("etag");
        if (tag) etags.set(url, tag);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    ...(mode === "revalidating" ? { notModified } : {}),
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

function buildIfMissing(): void {
  if (existsSync(".next/BUILD_ID")) return;
  const build = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

/** Cold loads, warm latency, response size and the naive baseline, against the scale account. */
async function apiPart(scen: Scenario, sim: BenchSim, app: ConsoleProcess) {
  const regions = Object.keys(scen.regions);
  const base = app.url;
  const deadline = small ? 20_000 : 300_000;
  sim.resetCalls();
  progress(`console up; cold overview of ${scen.functionIndex.size} functions`);
  const overview = await coldLoad(`${base}/api/v1/overview?range=24h`, deadline);
  const overviewCalls = sim.calls();
  const overviewTimeline = sim.timeline();
  sim.resetCalls();
  progress("cold function list");
  const list = await coldLoad(`${base}/api/v1/functions?range=24h`, deadline);
  const listCalls = sim.calls();
  const listTimeline = sim.timeline();
  const bound = lowerBound(scen, regions);
  const perFunction = perFunctionReads(scen, regions);
  const functions = ((list.body as { columns?: { name?: unknown[] } }).columns?.name ?? []).length;
  if (functions === 0) throw new Error("the function list came back empty");
  // Warm means every read done: wait for anything still settling before measuring.
  progress("waiting for the overview and the list to settle");
  const settledOverview = await coldLoad(`${base}/api/v1/overview?range=24h`, deadline);
  const settledList = await coldLoad(`${base}/api/v1/functions?range=24h`, deadline);
  progress(`warm latency, ${CLIENTS} clients`);
  const warmUrls = [`${base}/api/v1/overview?range=24h`, `${base}/api/v1/functions?range=24h`];
  const warm = await warmLatency(warmUrls, small ? 2 : 20, "full");
  const revalidating = await warmLatency(warmUrls, small ? 2 : 20, "revalidating");
  progress("naive baseline");
  const naive = await naiveBaseline(sim.url, regions);
  const consoleCalls = total(overviewCalls) + total(listCalls);
  return {
    awsCalls: {
      overview: overviewCalls,
      functionList: listCalls,
      total: consoleCalls,
      lowerBound: bound,
      lowerBoundTotal: total(bound),
      ratioToLowerBound: Number((consoleCalls / total(bound)).toFixed(2)),
      perFunctionReads: perFunction,
      lowerBoundWithPerFunctionReads: total(bound) + total(perFunction),
      ratioToLowerBoundWithPerFunctionReads: Number(
        (consoleCalls / (total(bound) + total(perFunction))).toFixed(2),
      ),
    },
    coldMs: {
      overview: Math.round(overview.ms),
      overviewComplete: overview.complete,
      ...(overview.complete ? {} : { overviewUnsettled: overview.unsettled }),
      // Every row with its metrics and cold starts, before the findings counts are in.
      functionListWithoutFindings: list.coreMs ?? null,
      functionList: Math.round(list.ms),
      functionListComplete: list.complete,
      ...(list.complete ? {} : { functionListUnsettled: list.unsettled }),
      // Where the cold time goes: per operation, its calls and when the first and last were made.
      overviewByOperation: overviewTimeline,
      functionListByOperation: listTimeline,
    },
    warm: {
      clients: CLIENTS,
      settled: settledOverview.complete && settledList.complete,
      ...(settledOverview.complete && settledList.complete
        ? {}
        : { unsettled: [...settledOverview.unsettled, ...settledList.unsettled] }),
      ...warm,
      revalidating,
    },
    functionList: {
      rows: functions,
      bytesPerFunction: Math.round(list.bytes / functions),
      gzipBytesPerFunction: Math.round(gzipSync(list.raw).length / functions),
    },
    serverPeakMemoryMB: app.peakMemoryMB(),
    naiveBaseline: {
      ...naive,
      callRatio: Number((naive.calls / Math.max(1, total(listCalls))).toFixed(1)),
      timeRatio: Number((naive.ms / Math.max(1, list.ms)).toFixed(1)),
    },
  };
}

/**
 * The fewest ms any console needs to list every function of a cold account: ListFunctions returns
 * 50 functions a page, Lambda's control plane allows 15 calls a second per region (the first
 * second's worth at once) and each call takes the added latency; the largest region decides.
 */
function listLowerBoundMs(scen: Scenario): number {
  const perRegion = new Map<string, number>();
  for (const f of scen.functionIndex.values()) perRegion.set(f.region, (perRegion.get(f.region) ?? 0) + 1);
  const pages = Math.max(...[...perRegion.values()].map((n) => Math.ceil(n / 50)));
  // Pages follow one another (each needs the previous marker): the rate or the latency bounds them.
  return Math.round(Math.max(Math.max(0, pages - 15) * (1000 / 15), pages * LATENCY_MS));
}

/** The functions page in Chromium, and each page's first-load JavaScript as Chromium fetches it. */
async function browserPart(scen: Scenario, app: ConsoleProcess, routes: string[]) {
  const functions = scen.functionIndex.size;
  const timeout = small ? 90_000 : 600_000;
  const url = `${app.url}/functions`;
  const browser = await launchBrowser();
  try {
    // 1. Server cache cold: what the first visitor after a start waits for.
    const coldContext = await newContext(browser);
    progress(`Chromium: functions page of ${functions} functions, server cache cold`);
    const cold = await navigateToRows(coldContext, url, functions, timeout);
    await coldContext.close();
    // 2. Let the list settle (metrics and cold starts read), so no follow-up refetch lands mid-measurement.
    progress("waiting for the list to settle");
    const settled = await coldLoad(`${app.url}/api/v1/functions?range=24h`, small ? 5_000 : 180_000);
    // 3. Server cache warm, fresh browser context: navigation, then sort, filter and scroll.
    const warmContext = await newContext(browser);
    progress("Chromium: server cache warm; sort, filter, scroll");
    const warm = await navigateToRows(warmContext, url, functions, timeout);
    const interactions = await tableInteractions(warm.page, functions);
    await warmContext.close();
    // 4. JavaScript fetched before the load event of each page (the small run: the overview only).
    const first = [...scen.functionIndex.values()].sort((a, b) => a.name.localeCompare(b.name))[0];
    const urls: Record<string, string> = {};
    for (const route of small ? ["/overview"] : routes.filter((r) => r !== "/functions")) {
      const path = route.replace(
        "[account]/[region]/[name]",
        first ? `${scen.accountId}/${first.region}/${encodeURIComponent(first.name)}` : "",
      );
      urls[route] = `${app.url}${path}`;
    }
    progress("Chromium: first-load JavaScript of each page");
    const scripts = await pageScripts(browser, urls, timeout);
    scripts["/functions"] = cold.navigation.javascript;
    return {
      browser: {
        functions,
        viewport: "1440x900",
        coldServer: {
          ...cold.navigation,
          listLowerBoundMs: listLowerBoundMs(scen),
        },
        listSettled: {
          ms: Math.round(settled.ms),
          complete: settled.complete,
          ...(settled.complete ? {} : { unsettled: settled.unsettled }),
        },
        warmServer: warm.navigation,
        ...interactions,
        serverPeakMemoryMB: app.peakMemoryMB(),
      },
      scripts,
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const startLoad = loadavg().map((l) => Number(l.toFixed(1)));
  buildIfMissing();
  const manifestJs = firstLoadJs();

  const scen = parseScenario(scenarioInput(small ? SMALL_FUNCTIONS : undefined), "scale");
  const regions = Object.keys(scen.regions);
  const api =
    only === "browser"
      ? {}
      : await withServers(scenarioInput(small ? SMALL_FUNCTIONS : undefined), regions, (sim, app) =>
          apiPart(scen, sim, app),
        );

  const browserInput = scenarioInput(BROWSER_FUNCTIONS);
  const browserScen = parseScenario(browserInput, browserInput.name);
  const ui =
    only === "api"
      ? { browser: null, scripts: {} as Record<string, ScriptBytes> }
      : await withServers(browserInput, regions, (_sim, app) =>
          browserPart(browserScen, app, Object.keys(manifestJs)),
        );

  const result = {
    scenario: scen.name,
    small,
    functions: scen.functionIndex.size,
    regions,
    latencyPerCallMs: LATENCY_MS,
    // Other work on the machine skews every timing here: the load averages say how busy it was.
    machine: {
      cpus: availableParallelism(),
      loadAverageAtStart: startLoad,
      loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(1))),
    },
    ...api,
    browser: ui.browser,
    firstLoadJs: {
      source:
        "build manifests: .next/build-manifest.json rootMainFiles + the page's entryJSFiles (layouts and page) from .next/server/app/<route>/page_client-reference-manifest.js; gzip at the default level. browser: scripts Chromium fetched before the load event in a fresh context (transferred = bytes on the wire, next start compresses with gzip).",
      pages: Object.fromEntries(
        Object.entries(manifestJs).map(([route, js]) => [
          route,
          { ...js, browser: ui.scripts[route] ?? null },
        ]),
      ),
    },
  };
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  mkdirSync("bench/results", { recursive: true });
  const name = `${small ? "small" : "latest"}${only ? `-${only}` : ""}`;
  writeFileSync(`bench/results/${name}.json`, `${json}\n`);
}

/** Starts a sim with the scenario and the console against it, runs `fn`, and stops both. */
async function withServers<T>(
  input: ScenarioJson,
  regions: readonly string[],
  fn: (sim: BenchSim, app: ConsoleProcess) => Promise<T>,
): Promise<T> {
  const sim = await startBenchSim(input);
  try {
    const app = await startConsole(sim.url, regions, input.name);
    try {
      return await fn(sim, app);
    } finally {
      await app.close();
    }
  } finally {
    await sim.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
