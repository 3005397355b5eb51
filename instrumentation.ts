/**
 * Runs once when the server starts. Headroom may run without sign-in only while bound to
 * loopback; bound anywhere else it refuses to start and says how to configure sign-in.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { authConfig, bindRefusal, AuthConfigError } = await import("./lib/auth/config");
  const argv = process.argv;
  const flag = argv.findIndex((a) => a === "--hostname" || a === "-H");
  const inline = argv.find((a) => a.startsWith("--hostname="))?.split("=")[1];
  // `next start` listens on every interface when no hostname is given.
  const host = inline ?? (flag >= 0 ? argv[flag + 1] : undefined) ?? process.env.HOSTNAME ?? "0.0.0.0";
  let reason: string | undefined;
  try {
    reason = bindRefusal(host, authConfig());
  } catch (err) {
    reason = err instanceof AuthConfigError ? `Sign-in is misconfigured: ${err.message}` : String(err);
  }
  if (reason) {
    console.error(`\n${reason}\n`);
    process.exit(1);
  }
}
