import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { basename } from "node:path";
import { AuthConfigError, authConfig, bindRefusal, isLoopback, type AuthConfig } from "./config";

/**
 * Where the server listens, for the start-up check "open only on loopback". Node-only (loaded by
 * instrumentation.ts in the nodejs runtime). No `server-only` import, as in ./config.
 */

/**
 * The address `next start` was told to listen on, read from its command line as Next's CLI
 * (commander) reads it: `--hostname x`, `--hostname=x`, `-H x`, `-Hx`, the last one winning, and
 * 0.0.0.0 when none is given. Undefined when this process is not `next start` (a `next dev` worker,
 * a standalone server.js, a custom server): `next start` ignores HOSTNAME, only server.js reads it.
 */
export function startHostname(argv: readonly string[]): string | undefined {
  if (basename(argv[1] ?? "") !== "next") return undefined;
  const args = argv.slice(2);
  if (args.find((a) => !a.startsWith("-")) !== "start") return undefined;
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--hostname" || a === "-H") host = args[++i];
    else if (a.startsWith("--hostname=")) host = a.slice("--hostname=".length);
    else if (a.startsWith("-H")) host = a.slice(2);
  }
  return host || "0.0.0.0";
}

/** This machine's addresses other than loopback (IPv6 link-local ones need a zone, and are skipped). */
export function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.toLowerCase().startsWith("fe80:"))
    .map((a) => a?.address ?? "");
}

/** The first of `addresses` at which something accepts connections on `port`, if any. */
export async function reachableAt(
  port: number,
  addresses: readonly string[],
  timeoutMs = 1_000,
): Promise<string | undefined> {
  const attempts = addresses.map(
    (host) =>
      new Promise<string | undefined>((resolve) => {
        const socket = connect({ host, port, timeout: timeoutMs });
        const done = (reachable: boolean) => {
          socket.destroy();
          resolve(reachable ? host : undefined);
        };
        socket.once("connect", () => done(true));
        socket.once("error", () => done(false));
        socket.once("timeout", () => done(false));
      }),
  );
  return (await Promise.all(attempts)).find((h) => h !== undefined);
}

/**
 * Why this server must not go on running, or undefined. Called once the server listens (Next calls
 * `register` after binding), so besides the command line it checks what is true: whether the port
 * (PORT, which Next sets to the port it bound) answers on any of the machine's other addresses.
 * That also covers `next dev` (whose worker never sees the CLI's --hostname) and server.js.
 */
export async function startRefusal(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  config: () => AuthConfig = authConfig,
): Promise<string | undefined> {
  let auth: AuthConfig;
  try {
    auth = config();
  } catch (err) {
    if (err instanceof AuthConfigError) return `Sign-in is misconfigured: ${err.message}`;
    throw err;
  }
  if (auth.mode !== "none") return undefined;
  const declared = startHostname(argv);
  if (declared && !isLoopback(declared)) return bindRefusal(declared, auth);
  const port = Number(env.PORT);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const reachable = await reachableAt(port, externalAddresses());
  return reachable ? bindRefusal(reachable, auth) : undefined;
}

/** Ends the process with the reason when it must not serve (see `startRefusal`). */
export async function exitUnlessSafeToServe(): Promise<void> {
  const reason = await startRefusal(process.argv, process.env);
  if (reason) {
    console.error(`\n${reason}\n`);
    process.exit(1);
  }
}
