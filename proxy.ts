import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { readSession, SESSION_COOKIE } from "@/lib/auth/session";

/**
 * Runs before every request: security headers on every response, and the sign-in gate when
 * sign-in is configured (every /api route answers 401 in the API's error shape without a
 * session, the health check excepted; pages redirect to /sign-in).
 */

const PUBLIC_PATHS = ["/api/v1/health", "/sign-in", "/api/auth/"];

function isPublic(path: string): boolean {
  return PUBLIC_PATHS.some((p) => (p.endsWith("/") ? path.startsWith(p) : path === p));
}

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // No inline script except Next's own, which carries the per-request nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts and the virtualized table position elements with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function withSecurityHeaders(res: NextResponse, csp: string): NextResponse {
  res.headers.set("Content-Security-Policy", csp);
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("X-Frame-Options", "DENY");
  res.headers.set("Referrer-Policy", "no-referrer");
  res.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  res.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  return res;
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const auth = authConfig();
  const path = request.nextUrl.pathname;

  if (auth.mode !== "none" && !isPublic(path)) {
    const session = readSession(request.cookies.get(SESSION_COOKIE)?.value, auth.secret);
    if (!session) {
      if (path.startsWith("/api/")) {
        return withSecurityHeaders(
          NextResponse.json(
            { error: { code: "unauthorized", message: "Sign in first: this API needs a session." } },
            { status: 401 },
          ),
          csp,
        );
      }
      const signIn = new URL("/sign-in", request.url);
      signIn.searchParams.set("next", `${path}${request.nextUrl.search}`);
      return withSecurityHeaders(NextResponse.redirect(signIn), csp);
    }
  }

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Every request but static assets, prefetches included: a matcher that skipped requests carrying
  // a `purpose: prefetch` or `next-router-prefetch` header (as Next's CSP guide suggests) would let
  // anyone read the API without a session by sending that header.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
