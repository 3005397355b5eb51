import { parseScenario } from "./scenario/load";
import type { Scenario, ScenarioInput } from "./scenario/schema";
import { startSim, type RunningSim } from "./server";

/** Dummy credentials: the sim reads only the region and service from the signature. */
export const TEST_CREDENTIALS = {
  accessKeyId: "AKIASIMULATEDTEST000",
  secretAccessKey: "simulated-secret-key-for-tests-only",
};

export interface TestSim extends RunningSim {
  /** Options for any SDK v3 client: endpoint, region, dummy credentials, no retries unless asked. */
  clientConfig(
    region?: string,
    maxAttempts?: number,
  ): {
    endpoint: string;
    region: string;
    credentials: typeof TEST_CREDENTIALS;
    maxAttempts: number;
  };
}

/** Starts a sim on a random loopback port. `now` fixes the clock (epoch ms) for reproducible tests. */
export async function startTestSim(
  scenario: ScenarioInput | Scenario,
  opts: { now?: number; rateLimits?: boolean } = {},
): Promise<TestSim> {
  const loaded = "functionIndex" in scenario ? scenario : parseScenario(scenario, "test scenario");
  if (opts.rateLimits === false) loaded.faults = { ...loaded.faults, rateLimits: false };
  const fixed = opts.now;
  const sim = await startSim({
    scenario: loaded,
    port: 0,
    clock: fixed === undefined ? undefined : () => fixed,
  });
  return {
    ...sim,
    clientConfig: (region = Object.keys(loaded.regions)[0] ?? "us-east-1", maxAttempts = 1) => ({
      endpoint: sim.url,
      region,
      credentials: TEST_CREDENTIALS,
      maxAttempts,
    }),
  };
}

/** A minimal valid scenario to build test scenarios from. */
export function baseScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: "test",
    seed: 7,
    accountId: "111122223333",
    regions: { "us-east-1": { concurrencyLimit: 1000 } },
    roles: [{ name: "basic-role", attachedPolicies: [] }],
    functions: [
      {
        name: "orders-api",
        region: "us-east-1",
        runtime: "nodejs22.x",
        handler: "index.handler",
        memoryMB: 512,
        timeoutS: 10,
        role: "basic-role",
        environment: { TABLE_NAME: "orders" },
        tags: { team: "payments" },
        workload: { rpm: 60, durationMedianMs: 120, durationP99Ms: 900, maxMemoryUsedMB: 180 },
      },
    ],
    ...overrides,
  };
}
