import type { Metadata } from "next";
import { authConfig } from "@/lib/auth/config";
import { safeNext } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in · Headroom" };

const MESSAGES: Record<string, string> = {
  invalid_token: "That access token is not valid.",
  too_many_attempts: "Too many attempts. Wait a minute and try again.",
  forbidden:
    "Your account is not in a group allowed to use Headroom. Ask your Headroom administrator for access.",
  sign_in_expired: "The sign-in took too long or was started elsewhere. Please start again.",
  access_denied: "Sign-in was cancelled or refused at your identity provider.",
  oidc_failed: "The identity provider's answer could not be verified. Please start again.",
  provider_unreachable: "The identity provider did not answer. Try again in a moment.",
  token_disabled: "Token sign-in is not enabled on this server.",
  oidc_disabled: "Single sign-on is not enabled on this server.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(typeof params.next === "string" ? params.next : "/");
  const error = typeof params.error === "string" ? (MESSAGES[params.error] ?? "Sign-in failed.") : undefined;
  const mode = authConfig().mode;

  return (
    <main className="flex min-h-screen items-center justify-center bg-background p-6 text-foreground">
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm">
        <h1 className="text-lg font-semibold">Sign in to Headroom</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Headroom shows your AWS account&apos;s weak spots, so it asks who you are first.
        </p>
        {params.signed_out ? (
          <p role="status" className="mt-4 rounded-md border border-border p-3 text-sm">
            You are signed out.
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mt-4 rounded-md border border-critical/40 bg-critical/10 p-3 text-sm">
            {error}
          </p>
        ) : null}
        {mode === "token" ? (
          <form method="post" action="/api/auth/token" className="mt-4 flex flex-col gap-3">
            <input type="hidden" name="next" value={next} />
            <label htmlFor="token" className="text-sm font-medium">
              Access token
            </label>
            <input
              id="token"
              name="token"
              type="password"
              required
              autoComplete="current-password"
              className="rounded-md border border-border bg-background px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-primary"
            />
            <button
              type="submit"
              className="rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground focus-visible:ring-2 focus-visible:ring-primary focus-visible:ring-offset-2"
            >
              Sign in
            </button>
          </form>
        ) : mode === "oidc" ? (
          <a
            href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
            className="mt-4 block rounded-md bg-primary px-3 py-2 text-center text-sm font-medium text-primary-foreground focus-visible:ring-2 focus-visible:ring-primary focus-visible:ring-offset-2"
          >
            Sign in with single sign-on
          </a>
        ) : (
          <p className="mt-4 text-sm text-muted-foreground">
            Sign-in is not configured: this console is open on loopback only.
          </p>
        )}
      </div>
    </main>
  );
}
