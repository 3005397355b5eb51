import { MANAGED_POLICIES } from "../sim/data/managed-policies";
import type { Scenario } from "../sim/scenario/schema";

/**
 * The fewest AWS calls any console needs to show a cold function list and overview of an
 * account: one page per 50 functions (ListFunctions), per 50 log groups (DescribeLogGroups) and
 * per 100 tagged resources (Resource Groups Tagging GetResources); GetMetricData at 500 queries a
 * call; one Logs Insights query per 50 log groups (StartQuery plus at least one GetQueryResults);
 * one GetAccountSettings per region; and one read per distinct IAM role and policy.
 */

/** Metric queries the function table needs per function: invocations, errors, throttles, p99 duration. */
export const TABLE_METRICS_PER_FUNCTION = 4;
/** Region-level series of the overview: concurrency, unreserved concurrency, claimed, invocations, errors, throttles. */
export const OVERVIEW_METRICS_PER_REGION = 6;

export function lowerBound(scenario: Scenario, regions: readonly string[]): Record<string, number> {
  const bound: Record<string, number> = {};
  const add = (op: string, n: number) => {
    if (n > 0) bound[op] = (bound[op] ?? 0) + n;
  };
  const roles = new Set<string>();
  for (const region of regions) {
    const fns = [...scenario.functionIndex.values()].filter((f) => f.region === region);
    const n = fns.length;
    add("lambda:GetAccountSettings", 1);
    add("lambda:ListFunctions", Math.max(1, Math.ceil(n / 50)));
    add("logs:DescribeLogGroups", Math.max(1, Math.ceil(n / 50)));
    add("tag:GetResources", Math.max(1, Math.ceil(n / 100)));
    add(
      "cloudwatch:GetMetricData",
      Math.ceil((n * TABLE_METRICS_PER_FUNCTION + OVERVIEW_METRICS_PER_REGION) / 500),
    );
    add("logs:StartQuery", Math.ceil(n / 50));
    add("logs:GetQueryResults", Math.ceil(n / 50));
    for (const f of fns) roles.add(f.role);
  }
  const managed = new Set<string>();
  for (const name of roles) {
    const role = scenario.roleIndex.get(name);
    if (!role) continue;
    add("iam:ListAttachedRolePolicies", 1);
    add("iam:ListRolePolicies", 1);
    add("iam:GetRolePolicy", Object.keys(role.inlinePolicies).length);
    for (const p of role.attachedPolicies) managed.add(p in MANAGED_POLICIES ? p : `customer:${p}`);
  }
  add("iam:GetPolicy", managed.size);
  add("iam:GetPolicyVersion", managed.size);
  return bound;
}

/**
 * Reads the findings in the function list need that no AWS API answers in bulk: GetPolicy (the
 * resource-based policy) per function; GetFunction (reserved concurrency) per function of a region
 * with reservations (GetAccountSettings says whether it has any); ListProvisionedConcurrencyConfigs
 * per function holding provisioned concurrency or a reservation (ClaimedAccountConcurrency vouches
 * for the rest, lib/server/facts). Added to `lowerBound`, the fewest calls of a console that shows
 * those findings at all.
 */
export function perFunctionReads(scenario: Scenario, regions: readonly string[]): Record<string, number> {
  const fns = [...scenario.functionIndex.values()].filter((f) => regions.includes(f.region));
  const reserving = new Set(fns.filter((f) => f.reservedConcurrency !== undefined).map((f) => f.region));
  return {
    "lambda:GetPolicy": fns.length,
    "lambda:GetFunction": fns.filter((f) => reserving.has(f.region)).length,
    "lambda:ListProvisionedConcurrencyConfigs": fns.filter(
      (f) => f.reservedConcurrency !== undefined || f.provisionedConcurrency !== undefined,
    ).length,
  };
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
