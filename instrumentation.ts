/**
 * Runs once when the server starts (after it has bound its port). Headroom may run without sign-in
 * only while reachable on loopback alone; reachable anywhere else it refuses to start and says how
 * to configure sign-in (lib/auth/bind.ts).
 */
export async function register(): Promise<void> {
  // Everything inside this block, so the bundler drops the Node-only code from other runtimes.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitUnlessSafeToServe } = await import("./lib/auth/bind");
    await exitUnlessSafeToServe();
    // The console's configuration (accounts, regions, TTLs...) is validated once, here: a bad value
    // stops the server with a message naming the field.
    const { validateConfigAtStart } = await import("./lib/config");
    try {
      const config = validateConfigAtStart();
      const regions = [...new Set(config.accounts.flatMap((a) => a.regions))].join(", ");
      const endpoint = process.env.AWS_ENDPOINT_URL
        ? ` via AWS_ENDPOINT_URL=${process.env.AWS_ENDPOINT_URL}`
        : "";
      console.log(
        `headroom: ${config.accounts.length} account(s) from ${config.source}, regions ${regions}${endpoint}`,
      );
    } catch (err) {
      console.error(`\nHeadroom is misconfigured: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
}
