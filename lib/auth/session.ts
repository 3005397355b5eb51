import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed session cookies: base64url(JSON payload) + "." + base64url(HMAC-SHA256). Stateless, so
 * any replica with the same secret accepts them; expiry is inside the signed payload.
 */

export const SESSION_COOKIE = "hr_session";

export interface Session {
  sub: string;
  name?: string;
  email?: string;
  groups?: string[];
  /** Issued at and expiry, epoch seconds. */
  iat: number;
  exp: number;
}

function mac(data: string, secret: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}

export function signValue(payload: object, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(body, secret)}`;
}

/** The payload of a value signed with `secret`, or undefined when the signature does not match. */
export function verifyValue(value: string | undefined, secret: string): unknown {
  if (!value || value.length > 8192) return undefined;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const body = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(body, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

export function createSession(
  claims: Omit<Session, "iat" | "exp">,
  secret: string,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  return signValue({ ...claims, iat, exp: iat + ttlSeconds }, secret);
}

/** A valid, unexpired session, or undefined. */
export function readSession(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): Session | undefined {
  const payload = verifyValue(value, secret);
  if (!payload || typeof payload !== "object") return undefined;
  const s = payload as Partial<Session>;
  if (typeof s.sub !== "string" || typeof s.exp !== "number" || typeof s.iat !== "number") return undefined;
  if (s.exp * 1000 <= now) return undefined;
  return s as Session;
}

/** Cookie attributes: httpOnly, SameSite=Lax, Secure when served over https. */
export function cookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: maxAgeSeconds };
}

const PROBE_ORIGIN = "http://headroom.invalid";

/**
 * Accepts only a path on this site as a post-sign-in destination (no open redirects). Judged as the
 * browser will read it: URL parsing drops tabs and newlines and turns `\\` into `/`, so a string
 * such as "/\t/evil.example" that looks relative is really "//evil.example".
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
