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
      .discovery(
        url,
        cfg.clientId,
        undefined,
        cfg.clientSecret ? client.ClientSecretPost(cfg.clientSecret) : client.None(),
        {
          // A provider on plain http is accepted only on loopback (tests and local providers).
          execute: loopback ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    discovered = { issuer: cfg.issuer, config };
  }
  return discovered.config;
}

/** The groups claim as a list of strings (some providers send a single group as a plain string). */
function groupList(raw: unknown): string[] | undefined {
  const list = typeof raw === "string" ? [raw] : raw;
  return Array.isArray(list) ? list.filter((g): g is string => typeof g === "string") : undefined;
}

/**
 * Why a signed-in user is refused, or undefined when they are allowed in: their email is one of the
 * allowed emails, or one of their groups (all of them, not only those kept in the session) is one of
 * the allowed groups. An email the provider says it has not verified (`email_verified: false`)
 * matches nothing.
 */
export function refusal(cfg: OidcConfig, claims: Record<string, unknown>): string | undefined {
  if (cfg.allowedGroups.length === 0 && cfg.allowedEmails.length === 0) return undefined;
  const verified = claims.email_verified !== false && claims.email_verified !== "false";
  const email = verified && typeof claims.email === "string" ? claims.email.toLowerCase() : undefined;
  if (email && cfg.allowedEmails.includes(email)) return undefined;
  if (groupList(claims[cfg.groupsClaim])?.some((g) => cfg.allowedGroups.includes(g))) return undefined;
  return "Your account is not in a group allowed to use Headroom.";
}

/** What the session keeps of the user's claims (at most 50 groups, to bound the cookie's size). */
export function sessionClaims(
  cfg: OidcConfig,
  claims: Record<string, unknown>,
): Omit<Session, "iat" | "exp"> {
  return {
    sub: String(claims.sub),
    name: typeof claims.name === "string" ? claims.name : undefined,
    email: typeof claims.email === "string" ? claims.email : undefined,
    groups: groupList(claims[cfg.groupsClaim])?.slice(0, 50),
  };
}
