import "server-only";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetAwsClientsForTests } from "@/lib/aws/clients";
import { resetInsightsForTests } from "@/lib/aws/logs";
import { resetConfigForTests } from "@/lib/config";
import { startTestSim, TEST_CREDENTIALS, type TestSim } from "@/sim/testing";
import type { FaultsSpec, ScenarioInput } from "@/sim/scenario/schema";
import { resetCacheForTests } from "../cache";
import { resetLogForTests } from "../log";

/**
 * Integration-test harness: a sim on a random port reached exactly as real AWS would be (only
 * AWS_ENDPOINT_URL differs), dummy credentials through the standard chain, and every singleton of
 * the console (config, clients, rate buckets, cache, Insights slots) reset in between.
 */

/** Forgets every singleton the console keeps (config, AWS clients, rate buckets, cache, Insights slots, logger). */
export function resetConsoleForTests(): void {
  resetConfigForTests();
  resetAwsClientsForTests();
  resetInsightsForTests();
  resetCacheForTests();
  resetLogForTests();
}

export function demoScenario(): ScenarioInput {
  return JSON.parse(
    readFileSync(join(process.cwd(), "sim", "scenarios", "demo.json"), "utf8"),
  ) as ScenarioInput;
}

export interface Harness {
  sim: TestSim;
  /** Calls served per action since the last reset ("lambda:ListFunctions" → n). */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  setFaults(faults: Partial<FaultsSpec>): Promise<void>;
  clearFaults(): Promise<void>;
  /** Model totals of a function over [start, end), as the sim computes them. */
  model(region: string, name: string, startMs: number, endMs: number): Promise<ModelTotals>;
  close(): Promise<void>;
}

export interface ModelTotals {
  invocations: number;
  errors: number;
  throttles: number;
  timeouts: number;
  outOfMemory: number;
  coldStarts: number;
  concurrencyMax: number;
}

export async function startHarness(
  scenario: ScenarioInput,
  opts: { regions?: string[]; rateLimits?: boolean; env?: Record<string, string> } = {},
): Promise<Harness> {
  const sim = await startTestSim(scenario, { rateLimits: opts.rateLimits });
  const regions = opts.regions ?? Object.keys(scenario.regions);
  for (const k of ["HEADROOM_CONFIG", "AWS_PROFILE", "AWS_SESSION_TOKEN", "HEADROOM_TEAM_TAG"])
    delete process.env[k];
  // Integration tests check complete figures: let responses wait for slow parts (Insights) longer
  // than the console's default; tests of the waiting itself pass their own waitMs.
  const config = join(mkdtempSync(join(tmpdir(), "headroom-test-")), "config.json");
  writeFileSync(config, JSON.stringify({ limits: { responseWaitSeconds: 30 } }));
  Object.assign(process.env, {
    HEADROOM_CONFIG: config,
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: regions[0] ?? "us-east-1",
    HEADROOM_REGIONS: regions.join(","),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...opts.env,
  });
  resetConsoleForTests();
  const admin = (path: string, init?: RequestInit) => fetch(`${sim.url}${path}`, init);
  return {
    sim,
    async calls() {
      const body = (await (await admin("/_sim/calls")).json()) as {
        byAction: Record<string, { calls: number }>;
      };
      return Object.fromEntries(Object.entries(body.byAction).map(([k, v]) => [k, v.calls]));
    },
    async resetCalls() {
      await admin("/_sim/calls/reset", { method: "POST" });
    },
    async setFaults(faults) {
      const res = await admin("/_sim/faults", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(faults),
      });
      if (!res.ok) throw new Error(`sim refused faults: ${await res.text()}`);
    },
    async clearFaults() {
      await admin("/_sim/faults", { method: "DELETE" });
    },
    async model(region, name, startMs, endMs) {
      const q = new URLSearchParams({
        region,
        name,
        start: new Date(startMs).toISOString(),
        end: new Date(endMs).toISOString(),
      });
      const res = await admin(`/_sim/model/function?${q}`);
      if (!res.ok) throw new Error(`sim model: ${await res.text()}`);
      return (await res.json()) as ModelTotals;
    },
    async close() {
      resetConsoleForTests();
      await sim.close();
    },
  };
}
