/**
 * Deep links into the AWS console for a function: its Lambda page, its log group and a Logs
 * Insights query. The CloudWatch console keeps its state in the URL fragment with its own
 * encoding: a log group name is percent-encoded twice and every `%` becomes `$`
 * (`/aws/lambda/x` → `$252Faws$252Flambda$252Fx`); a Logs Insights `queryDetail` is a JSURL-like
 * object (`~(key~'value~list~(~'a~'b))`) whose string values are percent-encoded with `*` for `%`,
 * then percent-encoded once more, `%` again becoming `$`.
 */

/** The console's host for a region's partition. */
export function consoleOrigin(region: string): string {
  if (region.startsWith("cn-")) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith("us-gov-")) return `https://${region}.console.amazonaws-us-gov.com`;
  return `https://${region}.console.aws.amazon.com`;
}

/** encodeURIComponent, also for the characters it leaves alone but JSURL and the fragment use. */
function encodeStrict(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** `%` → `$`: how the CloudWatch console escapes inside its fragment. */
const dollar = (s: string): string => s.replace(/%/g, "$");

/** A log group name as the CloudWatch console's fragment wants it: `$252Faws$252Flambda$252Fname`. */
export function encodeLogGroupForConsole(logGroupName: string): string {
  return dollar(encodeStrict(encodeStrict(logGroupName)));
}

export function lambdaFunctionUrl(region: string, name: string): string {
  return `${consoleOrigin(region)}/lambda/home?region=${encodeURIComponent(region)}#/functions/${encodeStrict(name)}`;
}

export function logGroupUrl(region: string, logGroupName: string): string {
  return `${consoleOrigin(region)}/cloudwatch/home?region=${encodeURIComponent(region)}#logsV2:log-groups/log-group/${encodeLogGroupForConsole(logGroupName)}`;
}

/** A JSURL string value: `'` then the value percent-encoded with `*` for `%`. */
const jsurlString = (v: string): string => `'${encodeStrict(v).replace(/%/g, "*")}`;

export interface InsightsLink {
  region: string;
  logGroups: readonly string[];
  query: string;
  startMs: number;
  endMs: number;
}

/** A Logs Insights page with the query, log groups and absolute time range filled in. */
export function logsInsightsUrl(link: InsightsLink): string {
  const detail =
    `~(end~${jsurlString(new Date(link.endMs).toISOString())}` +
    `~start~${jsurlString(new Date(link.startMs).toISOString())}` +
    `~timeType~'ABSOLUTE~tz~'UTC` +
    `~editorString~${jsurlString(link.query)}` +
    `~source~(${link.logGroups.map((g) => `~${jsurlString(g)}`).join("")}))`;
  // The structural characters (~ ( ) ') are percent-encoded once, then the whole value once more.
  const once = detail.replace(
    /[~()']/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
  const fragment = dollar(encodeURIComponent(`?queryDetail=${once}`));
  return `${consoleOrigin(link.region)}/cloudwatch/home?region=${encodeURIComponent(link.region)}#logsV2:logs-insights${fragment}`;
}
