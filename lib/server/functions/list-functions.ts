import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import type { LambdaFunction } from "@/lib/aws/lambda";
import { getConfig } from "@/lib/config";
import type { ScopeStatus } from "@/lib/schemas/common";
import type { FunctionList, FunctionRow } from "@/lib/schemas/functions";
import type { FunctionListParams } from "@/lib/schemas/params";
import type { CacheResult } from "../cache";
import { regionColdStarts, type RegionColdStarts } from "../cold-starts";
import { regionFunctions, regionLogGroups, regionTags, teamOf } from "../inventory";
import { regionMetricSummaries, type SummaryResult } from "../metrics";
import { rangeToSchema, resolveRange, type ResolvedRange } from "../range";
import { scopesFromFilter } from "../scope";
import { iso, oldestAsOf, scopeOf, scopeStatus } from "../section";

/**
 * GET /api/v1/functions: every function of the selected accounts and regions with its summary
 * figures for the range. Per region: ListFunctions ⌈N/50⌉, GetFunction N (tags, its own bucket,
 * cached per function), DescribeLogGroups ⌈G/50⌉, GetMetricData ⌈4N/500⌉, Logs Insights ⌈N/50⌉
 * queries. Slow parts (tags, Insights) are awaited up to the configured wait; past it the
 * response says "partial" for that region and the reads go on in the background.
 */

export interface ListOptions {
  /** How long to wait for slow parts before answering with partial data, ms (default: config). */
  waitMs?: number;
}

interface ScopeRead {
  scope: AwsScope;
  inventory: CacheResult<LambdaFunction[]>;
  tags?: Awaited<ReturnType<typeof regionTags>>;
  metrics?: CacheResult<SummaryResult>;
  coldStarts?: CacheResult<RegionColdStarts>;
}

async function readScope(scope: AwsScope, range: ResolvedRange, deadline: number): Promise<ScopeRead> {
  const remaining = () => Math.max(0, deadline - Date.now());
  const inventory = await regionFunctions(scope, remaining());
  if (inventory.state !== "ok") return { scope, inventory };
  const fns = inventory.value;
  const names = fns.map((f) => f.name);
  const [tags, metrics, coldStarts] = await Promise.all([
    regionTags(scope, names, remaining()),
    regionMetricSummaries(scope, names, range, "table", remaining()),
    (async (): Promise<CacheResult<RegionColdStarts>> => {
      const groups = await regionLogGroups(scope, remaining());
      if (groups.state !== "ok") return groups;
      // Insights needs the list of existing log groups; a failed listing fails the cold starts of the region.
      return regionColdStarts(scope, fns, groups.value, range, remaining());
    })(),
  ]);
  return { scope, inventory, tags, metrics, coldStarts };
}

function matches(row: FunctionRow, params: FunctionListParams): boolean {
  if (params.runtime && row.runtime !== params.runtime) return false;
  if (params.team && (row.team ?? "").toLowerCase() !== params.team.toLowerCase()) return false;
  if (params.q) {
    const q = params.q.toLowerCase();
    if (![row.name, row.team ?? "", row.runtime ?? ""].some((s) => s.toLowerCase().includes(q))) return false;
  }
  return true;
}

function inventoryStatus(read: ScopeRead): ScopeStatus {
  const base = scopeStatus(read.scope, read.inventory);
  if (base.status !== "ok" || !read.tags) return base;
  const failed = [...read.tags.results.values()].find((r) => r.state === "error");
  if (failed?.state === "error")
    return {
      ...scopeOf(read.scope),
      status: "error",
      error: { code: failed.error.code, message: `teams unavailable: ${failed.error.publicMessage}` },
      asOf: base.asOf,
    };
  return read.tags.pending > 0 ? { ...base, partial: true } : base;
}

/** The function table. `opts.waitMs` bounds how long slow parts are awaited. */
export async function listFunctions(
  params: FunctionListParams,
  opts: ListOptions = {},
): Promise<FunctionList> {
  const range = resolveRange(params);
  const scopes = scopesFromFilter(params.account, params.region);
  const waitMs = opts.waitMs ?? getConfig().limits.responseWaitSeconds * 1000;
  const now = Date.now();
  const reads = await Promise.all(scopes.map((s) => readScope(s, range, now + waitMs)));

  const functions: FunctionRow[] = [];
  const status: FunctionList["status"] = { inventory: [], metrics: [], coldStarts: [] };
  const everything: Array<CacheResult<unknown>> = [];
  for (const read of reads) {
    const { scope } = read;
    status.inventory.push(inventoryStatus(read));
    everything.push(read.inventory);
    if (read.inventory.state !== "ok") {
      // Without the function list nothing else of the region can be shown.
      const s = scopeStatus(scope, read.inventory);
      status.metrics.push(s);
      status.coldStarts.push(s);
      continue;
    }
    const metrics = read.metrics;
    const coldStarts = read.coldStarts;
    if (metrics) {
      status.metrics.push(scopeStatus(scope, metrics));
      everything.push(metrics);
    }
    if (coldStarts) {
      status.coldStarts.push(scopeStatus(scope, coldStarts));
      everything.push(coldStarts);
    }
    for (const fn of read.inventory.value) {
      const t = read.tags?.results.get(fn.name);
      if (t) everything.push(t);
      const m = metrics?.state === "ok" ? metrics.value.byFunction[fn.name] : undefined;
      const c = coldStarts?.state === "ok" ? coldStarts.value.byFunction[fn.name] : undefined;
      const row: FunctionRow = {
        id: `${scope.account.id}/${scope.region}/${fn.name}`,
        account: scope.account.id,
        region: scope.region,
        name: fn.name,
        team: t?.state === "ok" ? teamOf(t.value.tags) : null,
        runtime: fn.runtime,
        architecture: fn.architecture,
        memoryMB: fn.memoryMB,
        timeoutS: fn.timeoutS,
        invocations: m?.invocations ?? null,
        errors: m?.errors ?? null,
        errorRate: m?.errorRate ?? null,
        throttles: m?.throttles ?? null,
        p99DurationMs: m?.durationP99Ms ?? null,
        coldStartRate: c?.coldStartRate ?? null,
        // Cost and findings come from lib/analysis (another module); unknown until it fills them.
        monthlyCost: null,
        findings: { critical: 0, warning: 0, info: 0 },
        worstSeverity: "none",
      };
      if (matches(row, params)) functions.push(row);
    }
  }
  functions.sort(
    (a, b) =>
      a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  );
  return { range: rangeToSchema(range), functions, status, asOf: iso(oldestAsOf(everything, now)) };
}
