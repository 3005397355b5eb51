import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * Extra console instances for tests that need a configuration of their own (sign-in modes, bind
 * addresses): the already-built app, started with `next start` from the repository root.
 */

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NEXT_BIN = "node_modules/next/dist/bin/next";

/** A port nobody listens on right now (on the given interface). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The environment a console starts with: only what it needs, so the caller's HEADROOM_* never leak in. */
export function consoleEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const simPort = process.env.E2E_SIM_PORT ?? "4610";
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AWS_ENDPOINT_URL: `http://127.0.0.1:${simPort}`,
    AWS_ACCESS_KEY_ID: "sim",
    AWS_SECRET_ACCESS_KEY: "sim",
    AWS_REGION: "us-east-1",
    HEADROOM_REGIONS: "us-east-1,eu-west-1",
    ...extra,
  };
}

export interface ConsoleProcess {
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export function spawnConsole(args: string[], env: NodeJS.ProcessEnv): ConsoleProcess {
  const child = spawn(process.execPath, [NEXT_BIN, "start", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  return {
    child,
    output: () => text,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers 200, failing early (with the server's output) if the process ends first. */
export async function waitUntilUp(proc: ConsoleProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void proc.exited.then(() => (ended = true));
  while (Date.now() < deadline) {
    if (ended) throw new Error(`the console exited before answering ${url}:\n${proc.output()}`);
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the console did not answer ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

/** Starts a console on 127.0.0.1 and waits for its health check. */
export async function startConsole(
  env: NodeJS.ProcessEnv,
  port?: number,
): Promise<ConsoleProcess & { url: string }> {
  const p = port ?? (await freePort());
  const proc = spawnConsole(["--hostname", "127.0.0.1", "--port", String(p)], env);
  const url = `http://127.0.0.1:${p}`;
  try {
    await waitUntilUp(proc, `${url}/api/v1/health`);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { ...proc, url };
}
