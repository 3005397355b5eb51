import "server-only";
import { getConfig } from "@/lib/config";
import type { FunctionErrors } from "@/lib/schemas/functions";
import type { FunctionPath, RangeParams } from "@/lib/schemas/params";
import { errorsQuery, functionErrorMessages } from "../function-errors";
import { findFunction } from "../inventory";
import { rangeToSchema, resolveRange } from "../range";
import { scopeFromPath } from "../scope";
import { iso, toSection } from "../section";

/**
 * GET /api/v1/functions/{account}/{region}/{name}/errors: the most frequent error messages of the
 * range with counts and first/last seen (one Logs Insights query), and that query for the
 * CloudWatch console.
 */
export async function getFunctionErrors(path: FunctionPath, params: RangeParams): Promise<FunctionErrors> {
  const range = resolveRange(params);
  const scope = scopeFromPath(path.account, path.region);
  const { fn } = await findFunction(scope, path.name);
  const result = await functionErrorMessages(scope, fn, range, getConfig().limits.responseWaitSeconds * 1000);
  const messages = toSection(result, (v) => v.messages);
  return {
    range: rangeToSchema(range),
    messages,
    insightsQuery: errorsQuery(fn.logFormat),
    asOf: messages.asOf ?? iso(Date.now()),
  };
}
