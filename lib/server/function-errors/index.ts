import "server-only";
import type { AwsScope } from "@/lib/aws/clients";
import { isNotFound } from "@/lib/aws/errors";
import type { LambdaFunction } from "@/lib/aws/lambda";
import { runInsightsQuery } from "@/lib/aws/logs";
import { getConfig } from "@/lib/config";
import { getCache, type CacheResult } from "../cache";
import { parseInsightsTime, type LogFormat } from "../cold-starts/queries";
import type { ResolvedRange } from "../range";
import { scopeKey } from "../scope";

/**
 * A function's recent errors from its logs, grouped by type and message, with counts and the
 * first and last time each was seen (shared/reference/lambda-logs-and-insights.md sections 1-2):
 * - Text: Node `\tERROR\t` lines (the `Invoke Error` JSON fragment gives errorType/errorMessage),
 *   Python `[ERROR] Type: message` lines, other runtimes' `\tERROR\tType: message`, timeouts
 *   (`Task timed out after N seconds`) and runtime exits (`Runtime exited with error`, e.g. OOM kills);
 * - JSON: application records at level ERROR, plus `platform.report` records of timeouts and
 *   out-of-memory kills (which have no application line).
 */

export const TOP_ERRORS = 20;

export function errorsQuery(format: LogFormat): string {
  if (format === "JSON")
    return [
      'filter level = "ERROR" or log_level = "ERROR" or (type = "platform.report" and (record.status = "timeout" or record.errorType = "Runtime.OutOfMemory"))',
      "| fields coalesce(message.errorType, errorType, record.errorType, record.status) as errType,",
      '    coalesce(message.errorMessage, errorMessage, message, record.status, "(no message)") as errMsg',
      "| stats count(*) as n, min(@timestamp) as firstSeen, max(@timestamp) as lastSeen by errType, errMsg",
      "| sort n desc",
      `| limit ${TOP_ERRORS}`,
    ].join("\n");
  return [
    String.raw`filter @message like /\tERROR\t|^\[ERROR\]|Task timed out|Runtime exited with error/`,
    String.raw`| parse @message /^\[ERROR\]\s+(?<pyType>[^:\s]+):\s*(?<pyMsg>[^\n]*)/`,
    String.raw`| parse @message /\tERROR\t(?<lineType>[A-Za-z][\w.$]*):\s(?<lineMsg>[^\n]*)/`,
    String.raw`| parse @message /\tERROR\t(?<anyMsg>[^\n]*)/`,
    String.raw`| parse @message /(?<timeoutMsg>Task timed out)/`,
    String.raw`| parse @message /(?<exitMsg>Runtime exited with error: [^\n]*)\n(?<exitType>Runtime\.\w+)/`,
    '| fields coalesce(errorType, pyType, lineType, exitType, "") as errType,',
    '    coalesce(errorMessage, pyMsg, lineMsg, timeoutMsg, exitMsg, anyMsg, "(no message)") as errMsg',
    "| stats count(*) as n, min(@timestamp) as firstSeen, max(@timestamp) as lastSeen by errType, errMsg",
    "| sort n desc",
    `| limit ${TOP_ERRORS}`,
  ].join("\n");
}

export interface ErrorMessage {
  message: string;
  errorType: string | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export function parseErrorRows(rows: ReadonlyArray<Record<string, string>>): ErrorMessage[] {
  const out: ErrorMessage[] = [];
  for (const r of rows) {
    const count = Number(r.n ?? "0");
    const first = parseInsightsTime(r.firstSeen);
    const last = parseInsightsTime(r.lastSeen);
    if (!Number.isFinite(count) || count <= 0 || first === null || last === null) continue;
    const type = r.errType?.trim();
    out.push({
      message: (r.errMsg ?? "(no message)").slice(0, 2000),
      errorType: type ? type : null,
      count,
      firstSeen: new Date(first).toISOString(),
      lastSeen: new Date(last).toISOString(),
    });
  }
  return out.sort((a, b) => b.count - a.count);
}

export interface FunctionErrorMessages {
  messages: ErrorMessage[];
  partial: boolean;
}

export function functionErrorMessages(
  scope: AwsScope,
  fn: LambdaFunction,
  range: ResolvedRange,
  waitMs?: number,
): Promise<CacheResult<FunctionErrorMessages>> {
  return getCache().read(
    "errors",
    `${scopeKey(scope)}:${fn.name}:${range.key}`,
    async () => {
      const { insightsConcurrency, insightsDeadlineSeconds } = getConfig().limits;
      try {
        const res = await runInsightsQuery(scope, {
          logGroups: [fn.logGroupName],
          startMs: range.startMs,
          endMs: range.endMs,
          query: errorsQuery(fn.logFormat),
          concurrency: insightsConcurrency,
          deadlineMs: insightsDeadlineSeconds * 1000,
        });
        return { messages: parseErrorRows(res.rows), partial: res.partial };
      } catch (err) {
        // No log group: the function never ran, so it logged no errors.
        if (isNotFound(err)) return { messages: [], partial: false };
        throw err;
      }
    },
    { isPartial: (v) => v.partial, waitMs },
  );
}
