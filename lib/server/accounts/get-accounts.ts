import "server-only";
import { getConfig } from "@/lib/config";
import type { AccountsResponse } from "@/lib/schemas/accounts";
import { iso, oldestAsOf, toSection } from "../section";
import { awsAccountId, regionSettings } from "./settings";

/**
 * GET /api/v1/accounts: every configured account, its AWS account id (STS GetCallerIdentity, once
 * per account) and each region's Lambda limits and usage (GetAccountSettings, once per region).
 */
export async function getAccounts(): Promise<AccountsResponse> {
  const config = getConfig();
  const now = Date.now();
  const waitMs = config.limits.responseWaitSeconds * 1000;
  const results = await Promise.all(
    config.accounts.map(async (account) => {
      const [id, settings] = await Promise.all([
        awsAccountId(account, waitMs),
        Promise.all(account.regions.map((region) => regionSettings({ account, region }, waitMs))),
      ]);
      return { account, id, settings };
    }),
  );
  const all = results.flatMap((r) => [r.id, ...r.settings]);
  return {
    accounts: results.map(({ account, id, settings }) => ({
      id: account.id,
      name: account.name,
      accountId: toSection(id),
      regions: account.regions.map((region, i) => {
        const s = settings[i];
        return {
          account: account.id,
          region,
          settings: s
            ? toSection(s)
            : { status: "error" as const, error: { code: "internal_error" as const, message: "not read" } },
        };
      }),
    })),
    teamTagKey: config.teamTagKey,
    asOf: iso(oldestAsOf(all, now)),
  };
}
