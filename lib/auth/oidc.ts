import "server-only";
import * as client from "openid-client";
import type { AuthConfig } from "./config";
import type { Session } from "./session";

type OidcConfig = Extract<AuthConfig, { mode: "oidc" }>;

let discovered: { issuer: string; config: Promise<client.Configuration> } | undefined;

/** The provider's configuration, discovered once per issuer. */
export function oidcClient(cfg: OidcConfig): Promise<client.Configuration> {
  if (!discovered || discovered.issuer !== cfg.issuer) {
    const url = new URL(cfg.issuer);
    const loopback = url.protocol === "http:" && /^(127\.|localhost$|\[::1\]$)/.test(url.hostname);
    const config = client
      .discovery(url, cfg.clientId, undefined, cfg.clientSecret ? client.ClientSecretPost(cfg.clientSecret) : client.None(), {
        // A provider on plain http is accepted only on loopback (tests and local providers).
        execute: loopback ? [client.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    discovered = { issuer: cfg.issuer, config };
  }
  return discovered.config;
}

/** Why a signed-in user is refused, or undefined when they are allowed in. */
export function refusal(cfg: OidcConfig, claims: { email?: unknown; groups?: unknown }): string | undefined {
  if (cfg.allowedGroups.length === 0 && cfg.allowedEmails.length === 0) return undefined;
  const email = typeof claims.email === "string" ? claims.email.toLowerCase() : undefined;
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === "string") : [];
  if (email && cfg.allowedEmails.includes(email)) return undefined;
  if (groups.some((g) => cfg.allowedGroups.includes(g))) return undefined;
  return "Your account is not in a group allowed to use Headroom.";
}

export function sessionClaims(cfg: OidcConfig, claims: Record<string, unknown>): Omit<Session, "iat" | "exp"> {
  const groupsRaw = claims[cfg.groupsClaim];
  return {
    sub: String(claims.sub),
    name: typeof claims.name === "string" ? claims.name : undefined,
    email: typeof claims.email === "string" ? claims.email : undefined,
    groups: Array.isArray(groupsRaw) ? groupsRaw.filter((g): g is string => typeof g === "string").slice(0, 50) : undefined,
  };
}
