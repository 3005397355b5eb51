import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Account } from "oidc-provider";

/**
 * A real OpenID provider (oidc-provider v9) on a random 127.0.0.1 port, for the sign-in tests: one
 * confidential client with PKCE required, a few users with `email` and `groups` claims, and the
 * library's built-in login and consent pages (any password is accepted), which a browser test can
 * drive with `signInAtProvider`.
 */

export interface TestUser {
  email: string;
  name: string;
  groups: string[];
}

export const USERS: Record<string, TestUser> = {
  alice: { email: "alice@example.com", name: "Alice Operator", groups: ["sre", "oncall"] },
  bob: { email: "bob@example.com", name: "Bob Marketer", groups: ["marketing"] },
};

export interface ProviderOptions {
  /** Exact redirect URIs registered for the client. */
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of ID tokens and of the provider's own sign-in session, seconds. */
  idTokenTtlSeconds?: number;
  sessionTtlSeconds?: number;
}

export interface RunningProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Errors the provider hit while serving (an empty list is what a passing test expects). */
  errors: string[];
  close(): Promise<void>;
}

function account(id: string): Account | undefined {
  const user = USERS[id];
  if (!user) return undefined;
  return {
    accountId: id,
    claims: () => ({
      sub: id,
      email: user.email,
      email_verified: true,
      name: user.name,
      groups: user.groups,
    }),
  };
}

export async function startOidcProvider(options: ProviderOptions): Promise<RunningProvider> {
  const clientId = options.clientId ?? "headroom-e2e";
  const clientSecret = options.clientSecret ?? "e2e-client-secret-not-for-production";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    findAccount: (_ctx, sub) => account(sub),
    // `groups` rides on the profile scope: Headroom asks for "openid email profile" only. The
    // default `conformIdTokenClaims` stays on, so with the code flow these claims are released at
    // the userinfo endpoint, not in the ID token, as OpenID Connect Core 5.4 says.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    cookies: { keys: ["e2e-only-cookie-signing-key-0123456789"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      IdToken: options.idTokenTtlSeconds ?? 300,
      Interaction: 600,
      Session: options.sessionTtlSeconds ?? 600,
      Grant: options.sessionTtlSeconds ?? 600,
    },
  });

  const errors: string[] = [];
  for (const event of ["server_error", "grant.error", "userinfo.error"]) {
    provider.on(event, (_ctx, err) =>
      errors.push(`${event}: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  const handle = provider.callback();
  server.on("request", (req, res) => void handle(req, res));

  return {
    issuer,
    clientId,
    clientSecret,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
