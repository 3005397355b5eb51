import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadScenarioFile, ScenarioError } from "./scenario/load";
import { startSim } from "./server";

const USAGE = `Usage: npm run sim -- [--port 4566] [--host 127.0.0.1] [--scenario demo|scale|FILE] [--now ISO-TIME] [--verbose]

Starts the simulated AWS account. Point any AWS SDK at it with
  AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_ACCESS_KEY_ID=sim AWS_SECRET_ACCESS_KEY=sim`;

/** Resolves a scenario name (demo, scale) to its bundled file, or returns the path as given. */
export function scenarioPath(nameOrFile: string): string {
  if (/^[a-z0-9-]+$/.test(nameOrFile)) {
    const bundled = fileURLToPath(new URL(`./scenarios/${nameOrFile}.json`, import.meta.url));
    if (existsSync(bundled)) return bundled;
  }
  return nameOrFile;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: "string", default: process.env.SIM_PORT ?? "4566" },
        host: { type: "string", default: "127.0.0.1" },
        scenario: { type: "string", default: "demo" },
        now: { type: "string" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got "${args.port}"`);
    process.exit(2);
  }
  let clock: (() => number) | undefined;
  if (args.now) {
    const fixed = Date.parse(args.now);
    if (Number.isNaN(fixed)) {
      console.error(`--now must be an ISO time such as 2026-11-20T12:00:00Z, got "${args.now}"`);
      process.exit(2);
    }
    const started = Date.now();
    clock = () => fixed + (Date.now() - started);
  }
  let scenario;
  try {
    scenario = loadScenarioFile(scenarioPath(args.scenario));
  } catch (err) {
    console.error(err instanceof ScenarioError ? err.message : String(err));
    process.exit(1);
  }
  try {
    const sim = await startSim({ scenario, host: args.host, port, clock, verbose: args.verbose });
    const regions = Object.keys(scenario.regions).join(", ");
    console.log(
      `sim: scenario "${scenario.name}" (${scenario.functionIndex.size} functions in ${regions}) listening on ${sim.url}`,
    );
    const stop = () => {
      void sim.close().then(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE") {
      console.error(
        `sim: port ${port} on ${args.host} is already in use. Stop whatever uses it, or pass --port with a free port.`,
      );
      process.exit(1);
    }
    throw err;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void main();
}
