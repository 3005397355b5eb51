import { queryOptions } from "@tanstack/react-query";
import type { AccountsResponse } from "@/lib/schemas/accounts";
import { fetchJson } from "./fetch-json";

/** Configured accounts and their regions' Lambda settings (GET /api/v1/accounts). */

export const accountKeys = {
  all: ["accounts"] as const,
};

export function accountsQuery() {
  return queryOptions({
    queryKey: accountKeys.all,
    queryFn: ({ signal }) => fetchJson<AccountsResponse>("/api/v1/accounts", { signal }),
    // Accounts and regions change with the configuration, not with time.
    staleTime: 5 * 60_000,
  });
}
