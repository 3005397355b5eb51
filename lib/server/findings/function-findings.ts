import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import type { Section } from "@/lib/schemas/common";
import type { FunctionFindings } from "@/lib/schemas/findings";
import type { ColdStartSummary, FunctionConfig, MetricSummary } from "@/lib/schemas/functions";
import { factsOf, provisionedAllocated, readExtras, usageOf } from "../facts";
import type { ResolvedRange } from "../range";
import { iso } from "../section";
import { resourcePolicyFindings, roleFindings } from "./iam-findings";
import { countFindings, fromAnalysis, sortFindings } from "./list-findings";
import { functionConfigRisks, functionHeadroom, ruleThresholds } from "./rules";

/**
 * The function detail's `findings` section, from the sections the detail has already read (its
 * configuration, metric summary and cold-start summary) plus the function's execution role and
 * one small GetMetricData call for the error-rate baseline. The role findings list every function
 * of the account known to share the role only when the region list was read; here the blast
 * radius is this function.
 */
export async function functionFindingsSection(
  scope: AwsScope,
  range: ResolvedRange,
  config: Section<FunctionConfig>,
  metrics: Section<MetricSummary>,
  coldStarts: Section<ColdStartSummary>,
  waitMs: number,
): Promise<Section<FunctionFindings>> {
  if (config.status !== "ok") return { status: "error", error: config.error };
  const c = config.data;
  const m = metrics.status === "ok" ? metrics.data : undefined;
  const cold = coldStarts.status === "ok" ? coldStarts.data : undefined;
  const [extras, roles] = await Promise.all([
    m ? readExtras(scope, [{ name: c.name }], range, waitMs, c.name) : Promise.resolve(undefined),
    roleFindings(scope.account.id, [c]),
  ]);
  const usage = usageOf(
    range,
    m,
    cold,
    c.name,
    extras?.state === "ok" ? extras.value : undefined,
    provisionedAllocated(c),
  );
  const facts = factsOf(c, m?.asyncEventAgeMaxMs !== null && m?.asyncEventAgeMaxMs !== undefined);
  const t = ruleThresholds();
  const window = { start: iso(range.startMs), end: iso(range.endMs) };
  const teams = new Map([[c.name, c.team]]);
  const findings = sortFindings([
    ...[...functionHeadroom(facts, usage, window, t), ...functionConfigRisks(facts, c, new Date())].map((f) =>
      fromAnalysis(f, teams),
    ),
    ...resourcePolicyFindings([c]),
    ...roles.findings,
  ]);
  const data: FunctionFindings = { findings, counts: countFindings(findings) };
  const partial =
    config.partial === true ||
    metrics.status !== "ok" ||
    coldStarts.status !== "ok" ||
    cold === undefined ||
    extras?.state === "pending";
  if (roles.error) return { status: "error", error: roles.error, asOf: config.asOf, data };
  return { status: "ok", data, asOf: config.asOf, ...(partial ? { partial: true } : {}) };
}
