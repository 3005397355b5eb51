import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import { getAccountSettings, type LambdaAccountSettings } from "@/lib/aws/lambda";
import { getCallerIdentity } from "@/lib/aws/sts";
import type { AccountConfig } from "@/lib/config";
import { getCache, type CacheResult } from "../cache";
import { scopeKey } from "../scope";

/** GetAccountSettings of a region (limits and usage), cached. */
export function regionSettings(
  scope: AwsScope,
  waitMs?: number,
): Promise<CacheResult<LambdaAccountSettings>> {
  return getCache().read("accountSettings", scopeKey(scope), () => getAccountSettings(scope), { waitMs });
}

/** What reservations take in a region: the limit minus the unreserved limit GetAccountSettings reports. */
export function reservedTotal(s: LambdaAccountSettings): number {
  return Math.max(0, s.concurrencyLimit - s.unreservedConcurrencyLimit);
}

/** The 12-digit account id behind a configured account's credentials (STS GetCallerIdentity), cached. */
export function awsAccountId(account: AccountConfig, waitMs?: number): Promise<CacheResult<string>> {
  const region = account.regions[0] ?? "us-east-1";
  return getCache().read(
    "accountId",
    account.id,
    async () => (await getCallerIdentity({ account, region })).accountId,
    {
      waitMs,
    },
  );
}
