import "server-only";
import type { Finding as AnalysisFinding } from "@/lib/analysis/headroom/types";
import { severityRank } from "@/lib/analysis/severity";
import type { AwsScope } from "@/lib/aws/clients";
import { getConfig } from "@/lib/config";
import {
  errorCodeSchema,
  type FindingCounts,
  type ScopeStatus,
  type SectionError,
} from "@/lib/schemas/common";
import {
  CONFIG_RISK_KINDS,
  type Finding,
  type FindingFunction,
  type FindingsParams,
  type FindingsResponse,
  type RoleSummary,
} from "@/lib/schemas/findings";
import type { FunctionConfig } from "@/lib/schemas/functions";
import { getCache, raceTimeout } from "../cache";
import { regionFactsWithConfigs, type FactsPart, type RegionFacts } from "../facts";
import { rangeToSchema, resolveRange, type ResolvedRange } from "../range";
import { scopeKey, scopesFromFilter } from "../scope";
import { iso, pendingError, scopeOf } from "../section";
import { IAM_REGION, resourcePolicyFindings, roleFindings } from "./iam-findings";
import { accountHeadroom, functionConfigRisks, functionHeadroom, ruleThresholds } from "./rules";

/**
 * GET /api/v1/findings: every finding of the selected accounts and regions. Per region the facts
 * (configuration, metrics, cold starts, account settings) feed the headroom and configuration
 * rules and the resource-based policies; per account the execution roles are read once and
 * analyzed once. A part that fails degrades its own findings only, and says so in `status`.
 */

const CONFIG_KINDS = new Set<string>(CONFIG_RISK_KINDS);

/** Analysis finding (headroom or configuration risk) to the API shape. */
export function fromAnalysis(f: AnalysisFinding, teams: ReadonlyMap<string, string | null>): Finding {
  const functions: FindingFunction[] = f.function
    ? [{ ...f.function, team: teams.get(f.function.name) ?? null }]
    : [];
  return {
    id: f.id,
    kind: f.kind,
    category: CONFIG_KINDS.has(f.kind) ? "config" : "headroom",
    severity: f.severity,
    title: f.title,
    detail: f.detail,
    recommendation: f.recommendation,
    scope: f.scope,
    functions,
    ...(f.metric ? { metric: f.metric } : {}),
    ...(f.since ? { since: f.since } : {}),
  };
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.category.localeCompare(b.category) ||
      a.title.localeCompare(b.title) ||
      a.id.localeCompare(b.id),
  );
}

/** Headroom, configuration and resource-policy findings of one region, from its facts. */
export function regionRuleFindings(facts: RegionFacts, configs: readonly FunctionConfig[]): Finding[] {
  const t = ruleThresholds();
  const today = new Date();
  const window = { start: "", end: "" };
  const anyUsage = facts.usage.values().next().value;
  window.start = anyUsage?.windowStart ?? facts.account?.peakWindow.start ?? facts.asOf;
  window.end = anyUsage?.windowEnd ?? facts.account?.peakWindow.end ?? facts.asOf;
  const teams = new Map(configs.map((c) => [c.name, c.team]));
  const analysis: AnalysisFinding[] = [
    ...(facts.account ? accountHeadroom(facts.account, t) : []),
    ...facts.functions.flatMap((fn) => {
      const config = configs.find((c) => c.name === fn.name);
      return [
        ...functionHeadroom(fn, facts.usage.get(fn.name), window, t),
        ...(config ? functionConfigRisks(fn, config, today) : []),
      ];
    }),
  ];
  return [...analysis.map((f) => fromAnalysis(f, teams)), ...resourcePolicyFindings(configs)];
}

/** Per-region findings are kept for the function list's counts (read without triggering any AWS call). */
const countsKey = (scope: AwsScope, range: ResolvedRange) =>
  `findings-counts:${scopeKey(scope)}:${range.key}`;

/** Findings counts per function name of a region, when a findings read of this range is in the cache. */
export async function cachedFindingCounts(
  scope: AwsScope,
  range: ResolvedRange,
): Promise<Record<string, FindingCounts> | undefined> {
  const r = await getCache().peekResult<Record<string, FindingCounts>>("metrics", countsKey(scope, range));
  return r?.state === "ok" ? r.value : undefined;
}

async function rememberCounts(scope: AwsScope, range: ResolvedRange, findings: readonly Finding[]) {
  const byFunction: Record<string, FindingCounts> = {};
  for (const f of findings)
    for (const fn of f.functions) {
      if (fn.account !== scope.account.id || fn.region !== scope.region) continue;
      const c = (byFunction[fn.name] ??= { critical: 0, warning: 0, info: 0 });
      c[f.severity] += 1;
    }
  await getCache().invalidate("metrics", countsKey(scope, range));
  await getCache().read("metrics", countsKey(scope, range), () => Promise.resolve(byFunction));
}

function partStatus(facts: RegionFacts, part: FactsPart, scope: AwsScope): ScopeStatus {
  const e = facts.errors.find((x) => x.part === part);
  if (e) return { ...scopeOf(scope), status: "error", error: sectionError(e.error) };
  return { ...scopeOf(scope), status: "ok", asOf: facts.asOf, ...(facts.partial ? { partial: true } : {}) };
}

function sectionError(e: { code: string; message: string }): SectionError {
  const code = errorCodeSchema.safeParse(e.code);
  return { code: code.success ? code.data : "internal_error", message: e.message };
}

function matches(f: Finding, p: FindingsParams): boolean {
  if (p.kind && f.kind !== p.kind) return false;
  if (p.category && f.category !== p.category) return false;
  if (p.severity && f.severity !== p.severity) return false;
  if (p.function && !f.functions.some((fn) => fn.name === p.function)) return false;
  const team = p.team?.toLowerCase();
  if (team && !f.functions.some((fn) => fn.team?.toLowerCase() === team)) return false;
  return true;
}

export interface FindingsOptions {
  /** How long to wait for slow parts before answering with partial data, ms (default: config). */
  waitMs?: number;
}

export async function listFindings(
  params: FindingsParams,
  opts: FindingsOptions = {},
): Promise<FindingsResponse> {
  const range = resolveRange(params);
  const scopes = scopesFromFilter(params.account, params.region);
  const waitMs = opts.waitMs ?? getConfig().limits.responseWaitSeconds * 1000;
  const startedAt = Date.now();
  const reads = await Promise.all(
    scopes.map(async (scope) => ({ scope, ...(await regionFactsWithConfigs(scope, range, { waitMs })) })),
  );

  const findings: Finding[] = [];
  const status: FindingsResponse["status"] = {
    config: [],
    metrics: [],
    coldStarts: [],
    account: [],
    iam: [],
  };
  let asOf = startedAt;
  const byScope = new Map<string, Finding[]>();
  for (const { scope, facts, configs } of reads) {
    const regionFindings = regionRuleFindings(facts, configs);
    byScope.set(scopeKey(scope), [...regionFindings]);
    findings.push(...regionFindings);
    status.config.push(partStatus(facts, "config", scope));
    status.metrics.push(partStatus(facts, "metrics", scope));
    status.coldStarts.push(partStatus(facts, "coldStarts", scope));
    status.account.push(partStatus(facts, "account", scope));
    asOf = Math.min(asOf, Date.parse(facts.asOf));
  }

  // Execution roles: once per account, over the functions of every region read.
  const roles: RoleSummary[] = [];
  const accounts = [...new Set(scopes.map((s) => s.account.id))];
  const iamComplete = new Set<string>();
  for (const accountId of accounts) {
    const accountReads = reads.filter((r) => r.scope.account.id === accountId);
    const timed = await raceTimeout(
      roleFindings(
        accountId,
        accountReads.flatMap((r) => r.configs),
      ),
      Math.max(0, startedAt + waitMs - Date.now()),
    );
    for (const { scope, facts } of accountReads) {
      const base = scopeOf(scope);
      if (!timed) status.iam.push({ ...base, status: "error", error: pendingError().toSectionError() });
      else if (timed.error) status.iam.push({ ...base, status: "error", error: timed.error });
      else {
        iamComplete.add(scopeKey(scope));
        status.iam.push({
          ...base,
          status: "ok",
          asOf: iso(timed.asOf ?? startedAt),
          // Roles of functions whose configuration is not read yet are missing.
          ...(facts.partial ? { partial: true } : {}),
        });
      }
    }
    if (!timed) continue;
    if (timed.asOf !== undefined) asOf = Math.min(asOf, timed.asOf);
    roles.push(...timed.roles);
    for (const f of timed.findings) {
      // The blast radius stays whole; a region filter keeps the roles that touch the region.
      if (params.region && !f.functions.some((fn) => fn.region === params.region)) continue;
      findings.push(f);
      for (const { scope } of accountReads)
        if (f.functions.some((fn) => fn.region === scope.region)) byScope.get(scopeKey(scope))?.push(f);
    }
  }

  // Counts for the function list, only from complete reads of a region.
  for (const { scope, facts } of reads)
    if (!facts.partial && facts.errors.length === 0 && iamComplete.has(scopeKey(scope)))
      await rememberCounts(scope, range, byScope.get(scopeKey(scope)) ?? []);

  const shown = sortFindings(findings.filter((f) => matches(f, params)));
  return {
    range: rangeToSchema(range),
    findings: shown,
    counts: countFindings(shown),
    roles,
    status,
    asOf: iso(asOf),
  };
}

export { IAM_REGION };
