/**
 * The part of oidc-provider v9 (which ships no typings) that the end-to-end tests use. See
 * node_modules/oidc-provider/lib/helpers/defaults.js for the full configuration.
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
  }

  type Ttl = number | ((...args: unknown[]) => number);

  export interface Configuration {
    clients?: ClientMetadata[];
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined> | Account | undefined;
    /** Scope name to the claims it releases (`openid` always applies). */
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    features?: { devInteractions?: { enabled: boolean } };
    pkce?: { required?: (ctx: unknown, client: unknown) => boolean };
    ttl?: Partial<
      Record<"AccessToken" | "AuthorizationCode" | "Grant" | "IdToken" | "Interaction" | "Session", Ttl>
    >;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export default Provider;
}
