import { z } from "zod";

/**
 * The server's environment, validated once. Server variables only: nothing here is sent to the
 * browser (client code may not import this module; see eslint.config.mjs).
 *
 * No `server-only` import: instrumentation.ts loads this module at start (outside React's server
 * environment) to stop the server on a bad value, as lib/auth/config does.
 */

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

const csv = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

const envSchema = z.object({
  /** Path of the JSON config file (accounts, roles to assume, regions, thresholds, cache TTLs). */
  HEADROOM_CONFIG: z.string().min(1).optional(),
  /** Regions to read when the config file does not list them. */
  HEADROOM_REGIONS: csv.pipe(
    z.array(z.string().regex(REGION, "must list AWS regions such as us-east-1,eu-west-1")),
  ),
  /** Tag key that names a function's team; overrides the config file's teamTagKey. */
  HEADROOM_TEAM_TAG: z.string().min(1).max(128).optional(),
  AWS_REGION: z.string().regex(REGION, "must be an AWS region such as us-east-1").optional(),
  AWS_DEFAULT_REGION: z.string().regex(REGION, "must be an AWS region such as us-east-1").optional(),
  /**
   * The SDK's own endpoint override. The console never passes it to a client (the SDK reads it
   * itself); it is only logged at start so an operator can see which endpoint is in use.
   */
  AWS_ENDPOINT_URL: z.url("must be a URL such as http://127.0.0.1:4566").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().optional(),
});

export type ServerEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; throws EnvError naming the variable. Empty strings count as unset. */
export function parseEnv(raw: Record<string, string | undefined>): ServerEnv {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`${String(issue?.path[0] ?? "environment")}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

let cached: ServerEnv | undefined;

/** The validated environment of this process (read once). */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
