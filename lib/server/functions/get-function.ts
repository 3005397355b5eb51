import "server-only";
import { getConfig } from "@/lib/config";
import type { Section } from "@/lib/schemas/common";
import type { FunctionCostDetail } from "@/lib/schemas/costs";
import type { ColdStartSummary, FunctionConfig, FunctionDetail } from "@/lib/schemas/functions";
import type { FunctionPath, RangeParams } from "@/lib/schemas/params";
import { functionColdStartSummary } from "../cold-starts";
import { functionCostSection } from "../costs/function-cost";
import { NotFoundError } from "../errors";
import { functionFindingsSection } from "../findings/function-findings";
import { functionConfigSection, regionFunctions } from "../inventory";
import { functionMetricSummary } from "../metrics";
import { rangeToSchema, resolveRange } from "../range";
import { scopeFromPath } from "../scope";
import { iso, toSection } from "../section";

/**
 * GET /api/v1/functions/{account}/{region}/{name}: configuration, metric summary, cold-start
 * summary and cost, each a section of its own. An unknown function is a 404; a region whose function list
 * cannot be read still shows the metrics (they need only the name).
 */
export async function getFunctionDetail(path: FunctionPath, params: RangeParams): Promise<FunctionDetail> {
  const range = resolveRange(params);
  const scope = scopeFromPath(path.account, path.region);
  const waitMs = getConfig().limits.responseWaitSeconds * 1000;
  // Every read is bounded: past the wait a part answers "still reading" and the page asks again.
  const inventory = await regionFunctions(scope, waitMs);
  const fn = inventory.state === "ok" ? inventory.value.find((f) => f.name === path.name) : undefined;
  if (inventory.state === "ok" && !fn)
    throw new NotFoundError(
      `function ${path.name} was not found in ${path.region} of account "${path.account}"`,
    );

  const [config, metrics, coldStarts, cost] = await Promise.all([
    fn
      ? functionConfigSection(scope, fn, inventory, waitMs)
      : Promise.resolve(toSection(inventory) as Section<FunctionConfig>),
    functionMetricSummary(scope, path.name, range, waitMs).then((r) => toSection(r)),
    fn
      ? functionColdStartSummary(scope, fn, range, waitMs).then((r) => toSection(r, (v) => v.summary))
      : Promise.resolve(toSection(inventory) as Section<ColdStartSummary>),
    fn
      ? functionCostSection(scope, path.name, range, waitMs)
      : Promise.resolve(toSection(inventory) as Section<FunctionCostDetail>),
  ]);
  const findings = await functionFindingsSection(scope, range, config, metrics, coldStarts, waitMs);
  const asOfs = [config.asOf, metrics.asOf, coldStarts.asOf, cost.asOf]
    .filter((a): a is string => Boolean(a))
    .sort();
  return {
    range: rangeToSchema(range),
    config,
    metrics,
    coldStarts,
    cost,
    findings,
    asOf: asOfs[0] ?? iso(Date.now()),
  };
}
