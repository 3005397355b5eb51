/**
 * `npm run demo`: the simulated AWS account and the console together, on loopback.
 * Builds the console once if there is no production build yet. Ctrl-C stops both.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

const HOST = "127.0.0.1";
const SIM_PORT = Number(process.env.SIM_PORT ?? 4566);
const APP_PORT = Number(process.env.PORT ?? 3000);
const SCENARIO = process.env.SIM_SCENARIO ?? "demo";

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  for (const [what, port, env] of [
    ["the simulated AWS account", SIM_PORT, "SIM_PORT"],
    ["the console", APP_PORT, "PORT"],
  ] as const) {
    if (!(await portFree(port))) {
      console.error(`demo: port ${port} on ${HOST} is already in use, so ${what} cannot start there.`);
      console.error(`      Stop whatever uses it, or choose another port: ${env}=<port> npm run demo`);
      process.exit(1);
    }
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    // The console reads "AWS" through the standard SDK endpoint override; nothing else differs from a real account.
    AWS_ENDPOINT_URL: `http://${HOST}:${SIM_PORT}`,
    AWS_ACCESS_KEY_ID: "sim",
    AWS_SECRET_ACCESS_KEY: "sim",
    AWS_REGION: "us-east-1",
    HEADROOM_REGIONS:
      process.env.HEADROOM_REGIONS ??
      (SCENARIO === "scale" ? "us-east-1,eu-west-1,ap-southeast-2" : "us-east-1,eu-west-1"),
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;

  if (!existsSync(".next/BUILD_ID")) {
    console.log("demo: building the console once (about a minute)...");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill("SIGTERM");
    setTimeout(() => process.exit(code), 500).unref();
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));

  const sim = spawn(
    "npx",
    ["tsx", "sim/cli.ts", "--port", String(SIM_PORT), "--host", HOST, "--scenario", SCENARIO],
    {
      stdio: "inherit",
      env,
    },
  );
  children.push(sim);
  const app = spawn("npx", ["next", "start", "--hostname", HOST, "--port", String(APP_PORT)], {
    stdio: "inherit",
    env,
  });
  children.push(app);
  for (const c of children)
    c.on("exit", (code) => {
      if (!stopping) {
        console.error(`demo: a process exited (code ${code}); stopping.`);
        stop(code ?? 1);
      }
    });
  console.log(`\ndemo: open http://${HOST}:${APP_PORT} (Ctrl-C stops the console and the sim)\n`);
}

void main();
