/**
 * `npm run soak [-- --minutes N]`: a steady-traffic soak of the production console.
 *
 * Starts the sim (demo scenario) and the built console (`next start`, so run `npm run build`
 * first), then drives traffic the way open browsers with auto-refresh do: BROWSERS virtual
 * browsers, staggered, each asking every REFRESH_MS for the overview, the function list, one
 * function's detail and the triage list; plus a steady BACKGROUND_RPS of other reads over a
 * bounded set of views (every function's detail, metrics, cold starts and errors; costs,
 * findings, a filtered list). Every SAMPLE_MS it samples the server process (the one listening
 * on the console's port) for resident memory (/proc/<pid>/status VmRSS) and open file
 * descriptors (/proc/<pid>/fd).
 *
 * The bound: after a one-minute warm-up (caches filled, code paths compiled), memory and handles
 * must stay flat. It fails (exit 1) if
 * - resident memory at the end exceeds the start by more than RSS_GROWTH_BOUND (25%), or
 * - open file descriptors at the end exceed the start by more than FD_GROWTH_BOUND (50), or
 * - any request after the warm-up failed (a 5xx, another non-200 answer, or no answer within
 *   REQUEST_TIMEOUT_MS). Failures during the warm-up, while every view is read from AWS for the
 *   first time, are reported apart (warmupErrors) but do not fail the soak.
 * "Start" and "end" are floors: the lowest sample in the first and in the last WINDOW_MS after
 * the warm-up. V8 lets the heap grow for minutes between major collections (a sawtooth of
 * 100-200 MB here), so a single sample says more about where the run stopped in that cycle than
 * about what is retained; the floor over a window that spans a collection is what is retained.
 *
 * Prints progress to stderr once a minute and one JSON summary on stdout at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  consoleEnvironment,
  freePort,
  ROOT,
  spawnConsole,
  waitUntilUp,
  type ConsoleProcess,
} from "../playwright/support/console-server";

const BROWSERS = 20;
const REFRESH_MS = 30_000;
const BACKGROUND_RPS = 5;
const SAMPLE_MS = 10_000;
const WARMUP_MS = 60_000;
const WINDOW_MS = 120_000;
const REQUEST_TIMEOUT_MS = 30_000;
const RSS_GROWTH_BOUND = 0.25;
const FD_GROWTH_BOUND = 50;

const USAGE = `Usage: npm run soak -- [--minutes 10]

Soaks the production console (run \`npm run build\` first) against the sim's demo scenario with
${BROWSERS} auto-refreshing browsers and ${BACKGROUND_RPS} req/s of other reads, sampling the
server's memory and open file descriptors; fails if either grows beyond its bound after a
one-minute warm-up (RSS > ${RSS_GROWTH_BOUND * 100}%, fds > ${FD_GROWTH_BOUND}) or any request fails.`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseMinutes(): number {
  let values;
  try {
    values = parseArgs({
      options: { minutes: { type: "string", default: "10" }, help: { type: "boolean", default: false } },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const minutes = Number(values.minutes);
  // The warm-up, then a start window and an end window that do not overlap.
  const least = (WARMUP_MS + 2 * WINDOW_MS) / 60_000;
  if (!Number.isFinite(minutes) || minutes < least) {
    console.error(`--minutes must be a number of at least ${least}, got "${values.minutes}"\n\n${USAGE}`);
    process.exit(2);
  }
  return minutes;
}

// ---------------------------------------------------------------------------------------------
// Processes

interface SimProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

async function startSim(): Promise<SimProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "sim/cli.ts", "--scenario", "demo", "--port", String(port)],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the sim exited with code ${child.exitCode}`);
    if (
      await fetch(`${url}/_sim/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url, exited };
    await sleep(250);
  }
  child.kill("SIGTERM");
  throw new Error(`the sim did not answer ${url}/_sim/health within 60 s`);
}

async function stopSim(sim: SimProcess): Promise<void> {
  if (sim.child.exitCode !== null || sim.child.signalCode !== null) return;
  sim.child.kill("SIGTERM");
  const timer = setTimeout(() => sim.child.kill("SIGKILL"), 5_000);
  await sim.exited;
  clearTimeout(timer);
}

/** The inode of the socket listening on 127.0.0.1:`port` (/proc/net/tcp), if any. */
function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is column 10.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A") return cols[9];
    }
  }
  return undefined;
}

/** `pid` and all its descendants, found by walking the parent ids in /proc/<pid>/stat. */
function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  return tree;
}

/**
 * The process that serves the console: whichever of the spawned `next start` and its
 * descendants holds the listening socket (Next may run the server in a child process).
 */
function serverPid(spawnedPid: number, port: number): number {
  const inode = listeningInode(port);
  const tree = processTree(spawnedPid);
  if (inode) {
    for (const pid of tree) {
      try {
        const fds = readdirSync(`/proc/${pid}/fd`);
        if (fds.some((fd) => safeReadlink(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`)) return pid;
      } catch {
        // Not ours to read, or gone.
      }
    }
  }
  console.error(`soak: could not tell which process listens on port ${port}; sampling the one spawned`);
  return spawnedPid;
}

function safeReadlink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

interface Sample {
  atS: number;
  rssMB: number;
  fds: number;
}

function sample(pid: number, startedAt: number): Sample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKB = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return {
    atS: Math.round((Date.now() - startedAt) / 1000),
    rssMB: Math.round((rssKB / 1024) * 10) / 10,
    fds: readdirSync(`/proc/${pid}/fd`).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Traffic

interface Stats {
  served: number;
  errors: number;
  /** Of which during the warm-up, when every view is read from AWS for the first time. */
  warmupErrors: number;
  warmupEndsAt: number;
  byStatus: Record<string, number>;
  /** The first few failures, for the report. */
  failures: string[];
  /** Failures per route ("/api/v1/functions/:account/:region/:name/metrics"). */
  errorsByRoute: Record<string, number>;
  latenciesMs: number[];
}

const inFlight = new Set<Promise<void>>();

/** A path without its query and with a function's account, region and name replaced by placeholders. */
function routeOf(path: string): string {
  return (
    path
      .split("?")[0]
      ?.replace(/^\/api\/v1\/functions\/[^/]+\/[^/]+\/[^/]+/, "/api/v1/functions/:account/:region/:name") ??
    path
  );
}

function countFailure(stats: Stats, what: string, path: string, duringWarmup: boolean): void {
  stats.errors++;
  if (duringWarmup) stats.warmupErrors++;
  const route = routeOf(path);
  stats.errorsByRoute[route] = (stats.errorsByRoute[route] ?? 0) + 1;
  if (stats.failures.length < 10) stats.failures.push(`${what} ${path}`);
}

function request(base: string, path: string, stats: Stats): void {
  const started = performance.now();
  // A request counts for the phase it was sent in.
  const duringWarmup = Date.now() < stats.warmupEndsAt;
  const p = fetch(`${base}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    .then(async (res) => {
      await res.arrayBuffer();
      stats.latenciesMs.push(performance.now() - started);
      stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
      if (res.status === 200) stats.served++;
      else countFailure(stats, String(res.status), path, duringWarmup);
    })
    .catch((err: unknown) => {
      stats.byStatus.failed = (stats.byStatus.failed ?? 0) + 1;
      countFailure(stats, (err as Error).name, path, duringWarmup);
    })
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

interface FunctionRef {
  account: string;
  region: string;
  name: string;
}

const functionPath = (f: FunctionRef, suffix = "") =>
  `/api/v1/functions/${encodeURIComponent(f.account)}/${encodeURIComponent(f.region)}/${encodeURIComponent(f.name)}${suffix}`;

/** What one auto-refreshing browser asks for on each refresh. */
function browserPaths(f: FunctionRef): string[] {
  return [
    "/api/v1/overview?range=1h",
    "/api/v1/functions?range=1h",
    `${functionPath(f)}?range=1h`,
    "/api/v1/triage?range=1h",
  ];
}

/** The background's rotation: a bounded set of views, so the cache may fill but never without end. */
function backgroundPaths(functions: FunctionRef[]): string[] {
  const paths = [
    "/api/v1/overview?range=3h",
    "/api/v1/functions?range=1h&region=eu-west-1",
    "/api/v1/triage?range=3h",
    "/api/v1/costs?range=1h",
    "/api/v1/findings",
    "/api/v1/accounts",
  ];
  for (const f of functions)
    for (const suffix of ["", "/metrics", "/cold-starts", "/errors"])
      paths.push(`${functionPath(f, suffix)}?range=1h`);
  return paths;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

interface SimCalls {
  total: { calls: number; throttled: number; rateLimited: number; errors: number };
}

async function simCalls(sim: SimProcess): Promise<SimCalls["total"]> {
  return ((await (await fetch(`${sim.url}/_sim/calls`)).json()) as SimCalls).total;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const minutes = parseMinutes();
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) {
    console.error(
      "soak: there is no production build (.next/BUILD_ID is missing). Run `npm run build` first.",
    );
    return 2;
  }

  let sim: SimProcess | undefined;
  let app: ConsoleProcess | undefined;
  const stopAll = async () => {
    await app?.stop();
    if (sim) await stopSim(sim);
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));

  try {
    sim = await startSim();
    const port = await freePort();
    app = spawnConsole(
      ["--hostname", "127.0.0.1", "--port", String(port)],
      consoleEnvironment({ AWS_ENDPOINT_URL: sim.url }),
    );
    const base = `http://127.0.0.1:${port}`;
    await waitUntilUp(app, `${base}/api/v1/health`, 120_000);
    const spawnedPid = app.child.pid;
    if (spawnedPid === undefined) throw new Error("the console has no pid");
    const pid = serverPid(spawnedPid, port);

    const list = (await (await fetch(`${base}/api/v1/functions?range=1h`)).json()) as {
      functions?: FunctionRef[];
    };
    const functions = (list.functions ?? []).map(({ account, region, name }) => ({ account, region, name }));
    if (functions.length === 0) throw new Error("the function list is empty: nothing to soak");

    await fetch(`${sim.url}/_sim/calls/reset`, { method: "POST" });
    const startedAt = Date.now();
    const stats: Stats = {
      served: 0,
      errors: 0,
      warmupErrors: 0,
      warmupEndsAt: startedAt + WARMUP_MS,
      byStatus: {},
      failures: [],
      errorsByRoute: {},
      latenciesMs: [],
    };
    const endAt = startedAt + minutes * 60_000;
    const timers: NodeJS.Timeout[] = [];

    // Browsers, staggered evenly over one refresh interval.
    for (let b = 0; b < BROWSERS; b++) {
      const paths = browserPaths(functions[b % functions.length] ?? (functions[0] as FunctionRef));
      const refresh = () => paths.forEach((p) => request(base, p, stats));
      timers.push(
        setTimeout(
          () => {
            refresh();
            timers.push(setInterval(refresh, REFRESH_MS));
          },
          Math.round((b * REFRESH_MS) / BROWSERS),
        ),
      );
    }
    const rotation = backgroundPaths(functions);
    let next = 0;
    timers.push(
      setInterval(
        () => request(base, rotation[next++ % rotation.length] ?? "/api/v1/health", stats),
        1000 / BACKGROUND_RPS,
      ),
    );

    const samples: Sample[] = [sample(pid, startedAt)];
    let callsAtWarmup: SimCalls["total"] | undefined;
    let lastProgress = startedAt;
    while (Date.now() < endAt) {
      await sleep(Math.min(SAMPLE_MS, Math.max(0, endAt - Date.now())));
      if (app.child.exitCode !== null) throw new Error(`the console exited:\n${app.output().slice(-2_000)}`);
      samples.push(sample(pid, startedAt));
      if (!callsAtWarmup && Date.now() - startedAt >= WARMUP_MS) callsAtWarmup = await simCalls(sim);
      if (Date.now() - lastProgress >= 60_000) {
        lastProgress = Date.now();
        const s = samples.at(-1);
        console.error(
          `soak: ${Math.round((Date.now() - startedAt) / 60_000)} of ${minutes} min, ${stats.served} served, ${stats.errors} errors, RSS ${s?.rssMB} MB, ${s?.fds} fds`,
        );
      }
    }
    for (const t of timers) clearTimeout(t);
    await Promise.allSettled([...inFlight]);
    samples.push(sample(pid, startedAt));
    const calls = await simCalls(sim);

    const steady = samples.filter((s) => s.atS * 1000 >= WARMUP_MS);
    const endS = samples.at(-1)?.atS ?? 0;
    const first = steady.filter((s) => s.atS * 1000 < WARMUP_MS + WINDOW_MS);
    const last = steady.filter((s) => s.atS * 1000 > endS * 1000 - WINDOW_MS);
    const rssStart = Math.min(...first.map((s) => s.rssMB));
    const rssEnd = Math.min(...last.map((s) => s.rssMB));
    const fdStart = Math.min(...first.map((s) => s.fds));
    const fdEnd = Math.min(...last.map((s) => s.fds));
    const rssGrowth = (rssEnd - rssStart) / rssStart;
    const fdGrowth = fdEnd - fdStart;
    const steadyMinutes = (minutes * 60_000 - WARMUP_MS) / 60_000;
    const latencies = [...stats.latenciesMs].sort((a, b) => a - b);

    const failures: string[] = [];
    if (rssGrowth > RSS_GROWTH_BOUND)
      failures.push(
        `RSS grew ${round1(rssGrowth * 100)}% after the warm-up (bound ${RSS_GROWTH_BOUND * 100}%)`,
      );
    if (fdGrowth > FD_GROWTH_BOUND)
      failures.push(`open file descriptors grew by ${round1(fdGrowth)} (bound ${FD_GROWTH_BOUND})`);
    const steadyErrors = stats.errors - stats.warmupErrors;
    if (steadyErrors > 0)
      failures.push(
        `${steadyErrors} requests failed after the warm-up (first failures: ${stats.failures.join("; ")})`,
      );

    console.log(
      JSON.stringify(
        {
          soak: {
            minutes,
            warmupMinutes: WARMUP_MS / 60_000,
            browsers: BROWSERS,
            refreshSeconds: REFRESH_MS / 1000,
            backgroundRps: BACKGROUND_RPS,
            serverPid: pid,
            spawnedPid,
          },
          requests: {
            served: stats.served,
            errors: stats.errors,
            warmupErrors: stats.warmupErrors,
            byStatus: stats.byStatus,
            errorsByRoute: stats.errorsByRoute,
            failures: stats.failures,
            p50Ms: Math.round(percentile(latencies, 50)),
            p95Ms: Math.round(percentile(latencies, 95)),
            maxMs: Math.round(latencies.at(-1) ?? Number.NaN),
          },
          awsCalls: {
            ...calls,
            afterWarmupPerMinute: callsAtWarmup
              ? Math.round((calls.calls - callsAtWarmup.calls) / steadyMinutes)
              : null,
          },
          rssMB: {
            atLaunch: samples[0]?.rssMB,
            start: round1(rssStart),
            max: Math.max(...steady.map((s) => s.rssMB)),
            end: round1(rssEnd),
            lastSample: samples.at(-1)?.rssMB,
            growthPct: round1(rssGrowth * 100),
            boundPct: RSS_GROWTH_BOUND * 100,
          },
          fds: {
            atLaunch: samples[0]?.fds,
            start: round1(fdStart),
            max: Math.max(...steady.map((s) => s.fds)),
            end: round1(fdEnd),
            lastSample: samples.at(-1)?.fds,
            growth: round1(fdGrowth),
            bound: FD_GROWTH_BOUND,
          },
          samples: samples.map((s) => [s.atS, s.rssMB, s.fds]),
          ok: failures.length === 0,
          failures,
        },
        null,
        2,
      ),
    );
    return failures.length === 0 ? 0 : 1;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
