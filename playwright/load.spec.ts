import { expect, test } from "@playwright/test";
import { overviewIncomplete } from "@/lib/queries/overview";
import { functionListIncomplete } from "@/lib/queries/functions";
import { FOLLOW_UP_MS, MAX_FOLLOW_UPS } from "@/lib/queries/section";
import type { Overview } from "@/lib/schemas/accounts";
import type { FunctionListWire } from "@/lib/schemas/functions";
import { consoleEnvironment, startConsole, type ConsoleProcess } from "./support/console-server";

/**
 * Load: 200 browsers opening the overview and the function list at the same moment cost about
 * as many AWS calls as one browser does, because the server shares in-flight reads and caches
 * what it read; and once warm, 200 concurrent requests are answered quickly.
 *
 * Each half starts a console of its own (empty cache) and counts the AWS calls at the sim from a
 * reset until every client holds a complete answer, asking again the way the pages do while an
 * answer is partial (lib/queries: the same "incomplete" predicates, every FOLLOW_UP_MS).
 */

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}`;
const CLIENTS = 200;

const OPERATIONS = [
  {
    name: "overview",
    path: "/api/v1/overview?range=1h",
    incomplete: (body: unknown) => overviewIncomplete(body as Overview),
  },
  {
    name: "functions",
    path: "/api/v1/functions?range=1h",
    incomplete: (body: unknown) => functionListIncomplete(body as FunctionListWire),
  },
] as const;

interface Served {
  status: number;
  ms: number;
}

interface Run {
  served: Served[];
  /** Requests per operation that a client needed before its answer was complete. */
  rounds: number[];
  /** Clients whose answer was still incomplete after MAX_FOLLOW_UPS follow-ups. */
  unfinished: number;
}

async function resetCalls(): Promise<void> {
  const res = await fetch(`${SIM}/_sim/calls/reset`, { method: "POST" });
  expect(res.ok).toBe(true);
}

interface Calls {
  total: { calls: number; rateLimited: number };
  byAction: Record<string, { calls: number }>;
}

async function awsCalls(): Promise<Calls> {
  return (await (await fetch(`${SIM}/_sim/calls`)).json()) as Calls;
}

async function timedGet(url: string, run: Run): Promise<unknown> {
  const started = performance.now();
  const res = await fetch(url);
  const body: unknown = await res.json().catch(() => undefined);
  run.served.push({ status: res.status, ms: performance.now() - started });
  return body;
}

/** One client's page load: the request, then follow-ups while the answer is incomplete, as the page does. */
async function untilComplete(url: string, incomplete: (body: unknown) => boolean, run: Run): Promise<void> {
  let body = await timedGet(url, run);
  let rounds = 1;
  while (incomplete(body)) {
    if (rounds > MAX_FOLLOW_UPS) {
      run.unfinished++;
      break;
    }
    await new Promise((r) => setTimeout(r, FOLLOW_UP_MS));
    body = await timedGet(url, run);
    rounds++;
  }
  run.rounds.push(rounds);
}

/** `clients` browsers, all at once, each loading every operation until complete. */
async function loadAll(base: string, clients: number): Promise<Run> {
  const run: Run = { served: [], rounds: [], unfinished: 0 };
  await Promise.all(
    Array.from({ length: clients }, () =>
      Promise.all(OPERATIONS.map((op) => untilComplete(`${base}${op.path}`, op.incomplete, run))),
    ),
  );
  return run;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms);

let app: (ConsoleProcess & { url: string }) | undefined;

async function freshConsole(): Promise<string> {
  await app?.stop();
  app = await startConsole(consoleEnvironment({}));
  return app.url;
}

test.describe("load", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(150_000);

  test.afterAll(async () => {
    await app?.stop();
  });

  let single: { calls: number; byAction: Record<string, number>; requests: number } | undefined;

  test("one browser: a cold overview and function list, read until complete", async () => {
    const url = await freshConsole();
    await resetCalls();
    const run = await loadAll(url, 1);
    const calls = await awsCalls();
    expect(run.served.map((s) => s.status)).toEqual(run.served.map(() => 200));
    expect(run.unfinished).toBe(0);
    single = {
      calls: calls.total.calls,
      byAction: Object.fromEntries(Object.entries(calls.byAction).map(([a, s]) => [a, s.calls])),
      requests: run.served.length,
    };
    // The counting works: a cold load reads AWS.
    expect(single.calls).toBeGreaterThan(0);
  });

  test("200 browsers at once cost about one browser's AWS calls, and warm requests stay fast", async () => {
    expect(single, "the one-browser baseline ran").toBeDefined();
    const baseline = single ?? { calls: 0, byAction: {}, requests: 0 };

    const url = await freshConsole();
    await resetCalls();
    const cold = await loadAll(url, CLIENTS);
    const calls = await awsCalls();
    const byAction = Object.fromEntries(Object.entries(calls.byAction).map(([a, s]) => [a, s.calls]));

    expect(cold.served.filter((s) => s.status >= 500)).toEqual([]);
    expect(cold.served.filter((s) => s.status !== 200)).toEqual([]);
    expect(cold.unfinished).toBe(0);
    expect(calls.total.rateLimited).toBe(0);

    // Warm: every read is cached, so 200 concurrent clients (overview + list each) measure the server itself.
    // Timed to the last byte of the body, not parsed: the measure is the server's, not this client's.
    const warm: Served[] = [];
    await resetCalls();
    await Promise.all(
      Array.from({ length: CLIENTS }, () =>
        Promise.all(
          OPERATIONS.map(async (op) => {
            const started = performance.now();
            const res = await fetch(`${url}${op.path}`);
            await res.arrayBuffer();
            warm.push({ status: res.status, ms: performance.now() - started });
          }),
        ),
      ),
    );
    const warmCalls = (await awsCalls()).total.calls;
    const latencies = warm.map((s) => s.ms).sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);

    console.log(
      JSON.stringify({
        load: {
          clients: CLIENTS,
          operations: OPERATIONS.map((op) => op.path),
          oneBrowser: { requests: baseline.requests, awsCalls: baseline.calls },
          concurrent: {
            requests: cold.served.length,
            awsCalls: calls.total.calls,
            maxRounds: Math.max(...cold.rounds),
            p95Ms: round(
              percentile(
                cold.served.map((s) => s.ms).sort((a, b) => a - b),
                95,
              ),
            ),
          },
          warm: {
            requests: warm.length,
            awsCalls: warmCalls,
            p50Ms: round(p50),
            p95Ms: round(p95),
            maxMs: round(latencies.at(-1) ?? Number.NaN),
          },
          awsCallsByAction: { oneBrowser: baseline.byAction, concurrent: byAction },
        },
      }),
    );

    // Shared reads: 200 browsers' worth of requests cost at most 10% more AWS calls than one
    // browser's (the slack covers reads that are timing-dependent, such as Logs Insights result polls).
    expect(
      calls.total.calls,
      JSON.stringify({ oneBrowser: baseline.byAction, concurrent: byAction }),
    ).toBeLessThanOrEqual(Math.ceil(baseline.calls * 1.1));
    expect(warm.filter((s) => s.status !== 200)).toEqual([]);
    // Warm answers come from the cache. Should a TTL lapse meanwhile (a slow machine), the 400
    // requests share one background refresh: never more than one cold load's worth of calls.
    expect(warmCalls).toBeLessThanOrEqual(baseline.calls);
    // A burst of 400 requests at the same instant queues on one Node process: its p95 is about
    // 400 × the time one cached answer takes (~8-10 ms here, 3.2 s measured on 2 CPUs shared with
    // the sim and this runner). Generous, because CI machines vary; the JSON line is the report.
    expect(p95).toBeLessThan(5_000);
  });
});
