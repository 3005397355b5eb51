import "server-only";
import { processState } from "@/lib/process-state";
import type { AwsScope } from "@/lib/aws/clients";
import type { LambdaFunction } from "@/lib/aws/lambda";
import { getConfig } from "@/lib/config";
import type { FindingCounts, ScopeStatus } from "@/lib/schemas/common";
import { encodeFunctionList, type FunctionListWire, type FunctionRow } from "@/lib/schemas/functions";
import { worstSeverityOf } from "@/lib/schemas/function-list";
import type { FunctionListParams } from "@/lib/schemas/params";
import type { CacheResult } from "../cache";
import { regionColdStarts, type RegionColdStarts } from "../cold-starts";
import { peekMonthlyCosts } from "../costs/scope-costs";
import { cachedFindingCounts, listFindings } from "../findings/list-findings";
import { regionFunctions, regionLogGroups, regionTags, teamOf } from "../inventory";
import { regionMetricSummaries, type SummaryResult } from "../metrics";
import { rangeToSchema, resolveRange, type ResolvedRange } from "../range";
import { log } from "../log";
import { scopeKey, scopesFromFilter } from "../scope";
import { iso, oldestAsOf, scopeOf, scopeStatus } from "../section";

/**
 * GET /api/v1/functions: every function of the selected accounts and regions with its summary
 * figures for the range. Per region: ListFunctions ⌈N/50⌉, Resource Groups Tagging GetResources
 * ⌈T/100⌉ for the teams (T tagged functions, so at most ⌈N/100⌉; no GetFunction), DescribeLogGroups
 * ⌈G/50⌉, GetMetricData ⌈4N/500⌉, Logs Insights ⌈N/50⌉ queries. Slow parts (tags, Insights) are
 * awaited up to the configured wait; past it the response says "partial" for that region and the
 * reads go on in the background.
 */

export interface ListOptions {
  /** How long to wait for slow parts before answering with partial data, ms (default: config). */
  waitMs?: number;
  /**
   * Start the findings analysis of a region whose counts are not known yet, without waiting for it
   * (the page asks again). The API route and the pages set it; callers that only want figures don't.
   */
  warmFindings?: boolean;
}

interface ScopeRead {
  scope: AwsScope;
  inventory: CacheResult<LambdaFunction[]>;
  /** Tags by function name; a function without an entry has none. */
  tags?: CacheResult<Record<string, Record<string, string>>>;
  metrics?: CacheResult<SummaryResult>;
  coldStarts?: CacheResult<RegionColdStarts>;
  monthlyCosts?: Record<string, number>;
}

async function readScope(scope: AwsScope, range: ResolvedRange, deadline: number): Promise<ScopeRead> {
  const remaining = () => Math.max(0, deadline - Date.now());
  const inventory = await regionFunctions(scope, remaining());
  if (inventory.state !== "ok") return { scope, inventory };
  const fns = inventory.value;
  const names = fns.map((f) => f.name);
  const [tags, metrics, coldStarts] = await Promise.all([
    regionTags(scope, remaining()),
    regionMetricSummaries(scope, names, range, "table", remaining()),
    (async (): Promise<CacheResult<RegionColdStarts>> => {
      const groups = await regionLogGroups(scope, remaining());
      if (groups.state !== "ok") return groups;
      // Insights needs the list of existing log groups; a failed listing fails the cold starts of the region.
      return regionColdStarts(scope, fns, groups.value, range, remaining());
    })(),
  ]);
  return { scope, inventory, tags, metrics, coldStarts, monthlyCosts: await peekMonthlyCosts(scope, range) };
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
  if (read.tags.state === "error")
    return {
      ...scopeOf(read.scope),
      status: "error",
      error: { code: read.tags.error.code, message: `teams unavailable: ${read.tags.error.publicMessage}` },
      asOf: base.asOf,
    };
  return read.tags.state === "pending" ? { ...base, partial: true } : base;
}

const NO_FINDINGS: FindingCounts = { critical: 0, warning: 0, info: 0 };

/** Regions whose findings are being analysed for the list (scope and range key), so it starts once. */
const analysing = processState("server.findingsWarmups", () => new Set<string>());

/**
 * The list shows findings counts from a complete findings read of the region and range. When
 * there is none yet, it starts one without waiting for it (the reads are cached and shared with
 * the Security page); the list marks the region partial and the page asks again.
 */
function analyseInBackground(scope: AwsScope, params: FunctionListParams): void {
  const key = `${scopeKey(scope)}|${params.range ?? ""}|${params.from ?? ""}|${params.to ?? ""}`;
  if (analysing.has(key)) return;
  analysing.add(key);
  const range = params.from && params.to ? { from: params.from, to: params.to } : { range: params.range };
  void listFindings({ ...range, account: scope.account.id, region: scope.region }, { waitMs: 120_000 })
    .catch((err: unknown) =>
      log().warn({ err, scope: scopeKey(scope) }, "background findings analysis failed"),
    )
    .finally(() => analysing.delete(key));
}

/** The function table, in its compact wire form. `opts.waitMs` bounds how long slow parts are awaited. */
export async function listFunctions(
  params: FunctionListParams,
  opts: ListOptions = {},
): Promise<FunctionListWire> {
  const range = resolveRange(params);
  const scopes = scopesFromFilter(params.account, params.region);
  const waitMs = opts.waitMs ?? getConfig().limits.responseWaitSeconds * 1000;
  const now = Date.now();
  const reads = await Promise.all(scopes.map((s) => readScope(s, range, now + waitMs)));

  const functions: FunctionRow[] = [];
  const status: FunctionListWire["status"] = { inventory: [], metrics: [], coldStarts: [], findings: [] };
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
      status.findings.push(s);
      continue;
    }
    const metrics = read.metrics;
    const coldStarts = read.coldStarts;
    // Counts from the last complete findings read of this region and range (no AWS call here).
    const findingCounts = await cachedFindingCounts(scope, range);
    if (!findingCounts && opts.warmFindings) analyseInBackground(scope, params);
    status.findings.push({
      ...scopeOf(scope),
      status: "ok",
      asOf: iso(now),
      ...(findingCounts ? {} : { partial: true }),
    });
    if (metrics) {
      status.metrics.push(scopeStatus(scope, metrics));
      everything.push(metrics);
    }
    if (coldStarts) {
      status.coldStarts.push(scopeStatus(scope, coldStarts));
      everything.push(coldStarts);
    }
    const tags = read.tags;
    if (tags) everything.push(tags);
    for (const fn of read.inventory.value) {
      const m = metrics?.state === "ok" ? metrics.value.byFunction[fn.name] : undefined;
      const c = coldStarts?.state === "ok" ? coldStarts.value.byFunction[fn.name] : undefined;
      const findings = findingCounts ? (findingCounts[fn.name] ?? NO_FINDINGS) : null;
      const row: FunctionRow = {
        id: `${scope.account.id}/${scope.region}/${fn.name}`,
        account: scope.account.id,
        region: scope.region,
        name: fn.name,
        // Own entries only: a function may be called "constructor".
        team: tags?.state === "ok" && Object.hasOwn(tags.value, fn.name) ? teamOf(tags.value[fn.name]) : null,
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
        // Priced by lib/server/costs when the region was last priced for this range; no AWS read here.
        monthlyCost: read.monthlyCosts?.[fn.name] ?? null,
        findings,
        worstSeverity: worstSeverityOf(findings),
      };
      if (matches(row, params)) functions.push(row);
    }
  }
  functions.sort(
    (a, b) =>
      a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  );
  return encodeFunctionList({
    range: rangeToSchema(range),
    functions,
    status,
    asOf: iso(oldestAsOf(everything, now)),
  });
}
