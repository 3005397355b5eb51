import { z } from "zod";

/**
 * Who may use the console. Read once from the environment and validated; a bad value stops the
 * server with a message naming the variable. No `server-only` import: the proxy (Node runtime)
 * loads this module too, outside React's server environment.
 *
 * - none: no sign-in. Allowed only while the console is bound to loopback (the demo).
 * - token: a shared access token, exchanged at /sign-in for a session (small teams).
 * - oidc: OpenID Connect, authorization code with PKCE (teams plug in their SSO).
 */

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
  HEADROOM_AUTH_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  HEADROOM_SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  HEADROOM_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(15)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  HEADROOM_OIDC_ISSUER: z.url("must be the issuer URL of your OpenID provider").optional(),
  HEADROOM_OIDC_CLIENT_ID: z.string().min(1).optional(),
  HEADROOM_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  HEADROOM_OIDC_ALLOWED_GROUPS: csv,
  HEADROOM_OIDC_ALLOWED_EMAILS: csv,
  HEADROOM_OIDC_GROUPS_CLAIM: z.string().default("groups"),
  HEADROOM_PUBLIC_URL: z.url().optional(),
});

export type AuthConfig =
  | { mode: "none" }
  | { mode: "token"; token: string; secret: string; ttlSeconds: number }
  | {
      mode: "oidc";
      issuer: string;
      clientId: string;
      clientSecret: string | undefined;
      allowedGroups: string[];
      allowedEmails: string[];
      groupsClaim: string;
      publicUrl: string | undefined;
      secret: string;
      ttlSeconds: number;
    };

export class AuthConfigError extends Error {
  override name = "AuthConfigError";
}

export function parseAuthConfig(env: Record<string, string | undefined>): AuthConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthConfigError(`${String(issue?.path[0] ?? "environment")}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  if (e.HEADROOM_AUTH_TOKEN && e.HEADROOM_OIDC_ISSUER)
    throw new AuthConfigError(
      "HEADROOM_AUTH_TOKEN and HEADROOM_OIDC_ISSUER: choose one sign-in mode, not both",
    );
  if (!e.HEADROOM_AUTH_TOKEN && !e.HEADROOM_OIDC_ISSUER) return { mode: "none" };
  if (!e.HEADROOM_SESSION_SECRET)
    throw new AuthConfigError(
      "HEADROOM_SESSION_SECRET: required when sign-in is on (a random string of 32+ characters signs the session cookies)",
    );
  if (e.HEADROOM_AUTH_TOKEN)
    return {
      mode: "token",
      token: e.HEADROOM_AUTH_TOKEN,
      secret: e.HEADROOM_SESSION_SECRET,
      ttlSeconds: e.HEADROOM_SESSION_TTL_SECONDS,
    };
  if (!e.HEADROOM_OIDC_CLIENT_ID)
    throw new AuthConfigError("HEADROOM_OIDC_CLIENT_ID: required with HEADROOM_OIDC_ISSUER");
  return {
    mode: "oidc",
    issuer: e.HEADROOM_OIDC_ISSUER ?? "",
    clientId: e.HEADROOM_OIDC_CLIENT_ID,
    clientSecret: e.HEADROOM_OIDC_CLIENT_SECRET,
    allowedGroups: e.HEADROOM_OIDC_ALLOWED_GROUPS,
    allowedEmails: e.HEADROOM_OIDC_ALLOWED_EMAILS.map((m) => m.toLowerCase()),
    groupsClaim: e.HEADROOM_OIDC_GROUPS_CLAIM,
    publicUrl: e.HEADROOM_PUBLIC_URL,
    secret: e.HEADROOM_SESSION_SECRET,
    ttlSeconds: e.HEADROOM_SESSION_TTL_SECONDS,
  };
}

let cached: AuthConfig | undefined;

/** The process's auth configuration (validated on first use). */
export function authConfig(): AuthConfig {
  cached ??= parseAuthConfig(process.env);
  return cached;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * The console may run open only on loopback. Returns the reason it must not start, or undefined.
 */
export function bindRefusal(host: string, config: AuthConfig): string | undefined {
  if (config.mode !== "none" || isLoopback(host)) return undefined;
  return [
    `Headroom refuses to listen on ${host} without sign-in: anyone who reaches that address could read your AWS account.`,
    "Either bind to loopback (--hostname 127.0.0.1), or configure sign-in:",
    "  shared token: HEADROOM_AUTH_TOKEN=<16+ chars> HEADROOM_SESSION_SECRET=<32+ chars>",
    "  OpenID Connect: HEADROOM_OIDC_ISSUER=https://... HEADROOM_OIDC_CLIENT_ID=... HEADROOM_OIDC_CLIENT_SECRET=... HEADROOM_SESSION_SECRET=<32+ chars>",
    "See docs/security.md.",
  ].join("\n");
}
