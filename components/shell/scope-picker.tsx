"use client";

import { useQuery } from "@tanstack/react-query";
import { Label, Select } from "@/components/ui/field";
import { accountsQuery } from "@/lib/queries/accounts";
import { useSetParams, useViewState } from "./use-view-state";

/** Account and region for every page. Options come from the configured accounts; the URL's choice shows while they load. */
export function ScopePicker() {
  const { scope } = useViewState();
  const setParams = useSetParams();
  const accounts = useQuery(accountsQuery());

  const list = accounts.data?.accounts ?? [];
  const accountIds = list.map((a) => ({ id: a.id, name: a.name }));
  if (scope.account && !accountIds.some((a) => a.id === scope.account))
    accountIds.push({ id: scope.account, name: scope.account });
  const regions = [
    ...new Set(
      list
        .filter((a) => !scope.account || a.id === scope.account)
        .flatMap((a) => a.regions.map((r) => r.region)),
    ),
  ].sort();
  if (scope.region && !regions.includes(scope.region)) regions.push(scope.region);

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <div className="flex items-center gap-1.5">
        <Label htmlFor="scope-account">Account</Label>
        <Select
          id="scope-account"
          value={scope.account ?? ""}
          onChange={(e) => setParams({ account: e.currentTarget.value || null, region: null })}
          className="w-36"
        >
          <option value="">All accounts</option>
          {accountIds.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name === a.id ? a.id : `${a.name} (${a.id})`}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex items-center gap-1.5">
        <Label htmlFor="scope-region">Region</Label>
        <Select
          id="scope-region"
          value={scope.region ?? ""}
          onChange={(e) => setParams({ region: e.currentTarget.value || null })}
          className="w-36"
        >
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
