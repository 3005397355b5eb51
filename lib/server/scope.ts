import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import { configuredScopes, findAccount } from "@/lib/config";
import { BadRequestError, NotFoundError } from "./errors";

/** Resolves an account and region from a URL path: a well-formed but unconfigured one is a 404, before any AWS call. */
export function scopeFromPath(accountId: string, region: string): AwsScope {
  const account = findAccount(accountId);
  if (!account) throw new NotFoundError(`no account "${accountId}" is configured`);
  if (!account.regions.includes(region))
    throw new NotFoundError(`region ${region} is not configured for account "${accountId}"`);
  return { account, region };
}

/** The configured scopes a query's account/region filters select; an unconfigured filter value is a 400. */
export function scopesFromFilter(accountId?: string, region?: string): AwsScope[] {
  if (accountId && !findAccount(accountId))
    throw new BadRequestError("account", `no account "${accountId}" is configured`);
  const scopes = configuredScopes().filter(
    (s) => (!accountId || s.account.id === accountId) && (!region || s.region === region),
  );
  if (region && scopes.length === 0)
    throw new BadRequestError("region", `${region} is not a configured region`);
  return scopes;
}

export const scopeKey = (s: AwsScope): string => `${s.account.id}:${s.region}`;
