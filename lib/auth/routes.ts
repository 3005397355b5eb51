import "server-only";
import { timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import * as client from "openid-client";
import { authConfig } from "./config";
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

/** Token attempts per client address, to slow down guessing. */
const attempts = new Map<string, { count: number; reset: number }>();

function tooManyAttempts(key: string, now = Date.now()): boolean {
  const a = attempts.get(key);
  if (!a || a.reset < now) {
    attempts.set(key, { count: 1, reset: now + 60_000 });
    if (attempts.size > 10_000) attempts.clear();
    return false;
  }
  a.count++;
  return a.count > 10;
}

export async function postToken(request: NextRequest): Promise<NextResponse> {
  const cfg = authConfig();
  const base = origin(request);
  if (cfg.mode !== "token") return signInError(base, "token_disabled");
  const form = await request.formData().catch(() => undefined);
  const next = safeNext(String(form?.get("next") ?? "/"));
  const given = Buffer.from(String(form?.get("token") ?? ""));
  const expected = Buffer.from(cfg.token);
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
  if (tooManyAttempts(client)) return signInError(base, "too_many_attempts", next);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return signInError(base, "invalid_token", next);
  const res = redirect(next, base);
  res.cookies.set(SESSION_COOKIE, createSession({ sub: "token-user", name: "Shared token" }, cfg.secret, cfg.ttlSeconds), cookieOptions(isHttps(base), cfg.ttlSeconds));
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
  } catch {
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
  res.cookies.set(FLOW_COOKIE, signValue({ verifier, state, nonce, next, exp: Date.now() + FLOW_TTL_SECONDS * 1000 }, cfg.secret), cookieOptions(isHttps(base), FLOW_TTL_SECONDS));
  return res;
}

export async function getOidcCallback(request: NextRequest): Promise<NextResponse> {
  const cfg = authConfig();
  if (cfg.mode !== "oidc") return signInError(origin(request), "oidc_disabled");
  const base = origin(request, cfg.publicUrl);
  const flow = verifyValue(request.cookies.get(FLOW_COOKIE)?.value, cfg.secret) as
    | { verifier: string; state: string; nonce: string; next: string; exp: number }
    | undefined;
  if (!flow || flow.exp < Date.now()) return signInError(base, "sign_in_expired");
  try {
    const config = await oidcClient(cfg);
    const current = new URL(`${base}/api/auth/oidc/callback${request.nextUrl.search}`);
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    const session = sessionClaims(cfg, claims);
    const denied = refusal(cfg, { email: session.email, groups: session.groups });
    if (denied) {
      const res = signInError(base, "forbidden");
      res.cookies.set(FLOW_COOKIE, "", cookieOptions(isHttps(base), 0));
      return res;
    }
    const res = redirect(safeNext(flow.next), base);
    res.cookies.set(SESSION_COOKIE, createSession(session, cfg.secret, cfg.ttlSeconds), cookieOptions(isHttps(base), cfg.ttlSeconds));
    res.cookies.set(FLOW_COOKIE, "", cookieOptions(isHttps(base), 0));
    return res;
  } catch {
    return signInError(base, "oidc_failed");
  }
}
