import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import * as client from "openid-client";
import { log } from "@/lib/server/log";
import { authConfig, type AuthConfig } from "./config";
import { oidcClient, refusal, sessionClaims } from "./oidc";
import { cookieOptions, createSession, safeNext, SESSION_COOKIE, signValue, verifyValue } from "./session";

/** Sign-in, sign-out and the OIDC round trip, behind thin route files in app/api/auth. */

const FLOW_COOKIE = "hr_oidc";
const FLOW_TTL_SECONDS = 600;

function origin(request: NextRequest, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/$/, "");
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  return `${proto}://${host}`;
}

const isHttps = (o: string) => o.startsWith("https://");

function redirect(to: string, base: string): NextResponse {
  return NextResponse.redirect(new URL(to, base), 303);
}

function signInError(base: string, code: string, next?: string): NextResponse {
  const url = new URL("/sign-in", base);
  url.searchParams.set("error", code);
  if (next) url.searchParams.set("next", next);
  return NextResponse.redirect(url, 303);
}

/**
 * Failed token attempts per client address, to slow down guessing. Only failures count, so a team
 * signing in at once behind one address is not locked out.
 */
const failures = new Map<string, { count: number; reset: number }>();

function tooManyFailures(key: string, now = Date.now()): boolean {
  const f = failures.get(key);
  return f !== undefined && f.reset >= now && f.count >= 10;
}

function recordFailure(key: string, now = Date.now()): void {
  const f = failures.get(key);
  if (f && f.reset >= now) f.count++;
  else {
    if (failures.size >= 10_000) failures.clear();
    failures.set(key, { count: 1, reset: now + 60_000 });
  }
}

export async function postToken(request: NextRequest): Promise<NextResponse> {
  const cfg = authConfig();
  const base = origin(request);
  if (cfg.mode !== "token") return signInError(base, "token_disabled");
  const form = await request.formData().catch(() => undefined);
  const next = safeNext(String(form?.get("next") ?? "/"));
  // Compared as digests, so neither the time taken nor an early exit tells the token's length.
  const given = createHash("sha256")
    .update(String(form?.get("token") ?? ""))
    .digest();
  const expected = createHash("sha256").update(cfg.token).digest();
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
  if (tooManyFailures(client)) return signInError(base, "too_many_attempts", next);
  if (!timingSafeEqual(given, expected)) {
    recordFailure(client);
    return signInError(base, "invalid_token", next);
  }
  const res = redirect(next, base);
  res.cookies.set(
    SESSION_COOKIE,
    createSession({ sub: "token-user", name: "Shared token" }, cfg.secret, cfg.ttlSeconds),
    cookieOptions(isHttps(base), cfg.ttlSeconds),
  );
  return res;
}

export function postSignOut(request: NextRequest): NextResponse {
  const base = origin(request);
  const res = redirect("/sign-in?signed_out=1", base);
  res.cookies.set(SESSION_COOKIE, "", cookieOptions(isHttps(base), 0));
  return res;
}

export async function getOidcStart(request: NextRequest): Promise<NextResponse> {
  const cfg = authConfig();
  if (cfg.mode !== "oidc") return signInError(origin(request), "oidc_disabled");
  const base = origin(request, cfg.publicUrl);
  const next = safeNext(request.nextUrl.searchParams.get("next"));
  let config: client.Configuration;
  try {
    config = await oidcClient(cfg);
  } catch (err) {
    log().warn({ err, issuer: cfg.issuer }, "oidc discovery failed");
    return signInError(base, "provider_unreachable", next);
  }
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${base}/api/auth/oidc/callback`,
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const res = NextResponse.redirect(url, 303);
  res.cookies.set(
    FLOW_COOKIE,
    signValue({ verifier, state, nonce, next, exp: Date.now() + FLOW_TTL_SECONDS * 1000 }, cfg.secret),
    cookieOptions(isHttps(base), FLOW_TTL_SECONDS),
  );
  return res;
}

/**
 * The signed-in user's claims: the ID token's, completed from the userinfo endpoint when it lacks
 * the email or groups claim. With the code flow, providers that follow OpenID Connect Core 5.4
 * (oidc-provider, for one) put scope-requested claims in userinfo only, not in the ID token.
 */
async function userClaims(
  config: client.Configuration,
  cfg: Extract<AuthConfig, { mode: "oidc" }>,
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>,
): Promise<Record<string, unknown>> {
  const idClaims: Record<string, unknown> = { ...tokens.claims() };
  const complete = idClaims.email !== undefined && idClaims[cfg.groupsClaim] !== undefined;
  if (complete || !config.serverMetadata().userinfo_endpoint || typeof idClaims.sub !== "string")
    return idClaims;
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { ...userinfo, ...idClaims, sub: idClaims.sub };
}

export async function getOidcCallback(request: NextRequest): Promise<NextResponse> {
  const cfg = authConfig();
  if (cfg.mode !== "oidc") return signInError(origin(request), "oidc_disabled");
  const base = origin(request, cfg.publicUrl);
  const flow = verifyValue(request.cookies.get(FLOW_COOKIE)?.value, cfg.secret) as
    { verifier: string; state: string; nonce: string; next: string; exp: number } | undefined;
  if (!flow || flow.exp < Date.now()) return signInError(base, "sign_in_expired");
  // The provider answered with an error instead of a code: the user cancelled, or was refused there.
  const providerError = request.nextUrl.searchParams.get("error");
  if (providerError)
    return signInError(base, providerError === "access_denied" ? "access_denied" : "oidc_failed");
  try {
    const config = await oidcClient(cfg);
    const current = new URL(`${base}/api/auth/oidc/callback${request.nextUrl.search}`);
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = await userClaims(config, cfg, tokens);
    const denied = refusal(cfg, claims);
    if (denied) {
      log().info({ sub: claims.sub }, "oidc sign-in refused: not in an allowed group or email");
      const res = signInError(base, "forbidden");
      res.cookies.set(FLOW_COOKIE, "", cookieOptions(isHttps(base), 0));
      // Whoever was signed in on this browser before, the person at it now is not allowed.
      res.cookies.set(SESSION_COOKIE, "", cookieOptions(isHttps(base), 0));
      return res;
    }
    const res = redirect(safeNext(flow.next), base);
    res.cookies.set(
      SESSION_COOKIE,
      createSession(sessionClaims(cfg, claims), cfg.secret, cfg.ttlSeconds),
      cookieOptions(isHttps(base), cfg.ttlSeconds),
    );
    res.cookies.set(FLOW_COOKIE, "", cookieOptions(isHttps(base), 0));
    return res;
  } catch (err) {
    // The provider's or the library's words go to the server log only; the user gets ours.
    log().warn({ err }, "oidc sign-in failed");
    return signInError(base, "oidc_failed");
  }
}
