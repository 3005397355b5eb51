/**
 * What a bench run starts: the sim and the built console (`next start`, its own process), with a
 * peak-memory reader for the latter.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { parseScenario } from "../sim/scenario/load";
import { startSim } from "../sim/server";

/** Ports other test suites use; the bench never takes them. */
const RESERVED_PORTS = new Set([3000, 3210, 4566, 4610]);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => (RESERVED_PORTS.has(port) ? resolve(freePort()) : resolve(port)));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const t = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() - t > timeoutMs) throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
    await sleep(250);
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export interface BenchSim {
  url: string;
  /** Calls served per action ("lambda:ListFunctions") since the last reset. */
  calls(): Record<string, number>;
  /** Per action: calls, and the seconds since the last reset of its first and last call. */
  timeline(): Record<string, { calls: number; fromS: number; toS: number }>;
  resetCalls(): void;
  close(): Promise<void>;
}

/**
 * Starts the sim on a free port with a scenario given as its JSON input (the shape of
 * sim/scenarios/*.json, faults included). It runs in this process: under the scale load its
 * HTTP queue grows long enough (minutes) that reading the call counts over /_sim/calls would
 * wait behind it, while reading them in process does not. The browser figures are taken inside
 * the page, so this process's busy event loop does not skew them.
 */
export async function startBenchSim(scenarioInput: unknown): Promise<BenchSim> {
  const sim = await startSim({ scenario: parseScenario(scenarioInput, "bench scenario"), port: 0 });
  return {
    url: sim.url,
    calls: () => Object.fromEntries(Object.entries(sim.calls()).map(([op, s]) => [op, s.calls])),
    timeline: () =>
      Object.fromEntries(
        Object.entries(sim.calls()).map(([op, s]) => [
          op,
          { calls: s.calls, fromS: round1(s.firstMs / 1000), toS: round1(s.lastMs / 1000) },
        ]),
      ),
    resetCalls: () => sim.resetCalls(),
    close: () => sim.close(),
  };
}

export interface ConsoleProcess {
  url: string;
  /** Peak resident memory of the server and its children so far, MB. */
  peakMemoryMB(): number | null;
  close(): Promise<void>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Starts the production build (`next start`) against a sim. Its log (pino, on stdout, at info) is
 * kept in bench/results/console-<label>.log for reading after the run.
 */
export async function startConsole(
  simUrl: string,
  regions: readonly string[],
  label: string,
): Promise<ConsoleProcess> {
  const port = await freePort();
  mkdirSync("bench/results", { recursive: true });
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    AWS_ENDPOINT_URL: simUrl,
    AWS_ACCESS_KEY_ID: "sim",
    AWS_SECRET_ACCESS_KEY: "sim",
    AWS_REGION: regions[0] ?? "us-east-1",
    HEADROOM_REGIONS: regions.join(","),
    LOG_LEVEL: "info",
  };
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)],
    { env, stdio: ["ignore", openSync(`bench/results/console-${label}.log`, "w"), "inherit"] },
  );
  const url = `http://127.0.0.1:${port}`;
  let closing = false;
  child.once("exit", (code, signal) => {
    if (!closing) console.error(`bench: the console (${label}) exited: code ${code}, signal ${signal}`);
  });
  try {
    await waitFor(`${url}/api/v1/health`, "the console", child, 120_000);
  } catch (err) {
    await stop(child);
    throw err;
  }
  return {
    url,
    peakMemoryMB: () => (child.pid ? peakMemoryMB(child.pid) : null),
    close: () => {
      closing = true;
      return stop(child);
    },
  };
}

/** Peak resident memory (VmHWM) of a process and its descendants, MB (the largest one, not the sum). */
export function peakMemoryMB(pid: number): number {
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
