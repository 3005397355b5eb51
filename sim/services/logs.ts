import { randomUUID } from "node:crypto";
import { mergeByTimestamp, orderedEvents } from "../logs/event-stream";
import { readsOnlyReports } from "../logs/report-only";
import { compileFilterPattern, FilterPatternError } from "../logs/filter-pattern";
import {
  MalformedQuery,
  MAX_LIMIT,
  parseQuery,
  QueryRun,
  type Query,
  type QueryEvent,
  type QueryResult,
} from "../logs/insights";
import type { LogGroupInfo } from "../model/logs";
import { jsonObjectBody, targetOperation } from "../protocol/aws-json";
import { AwsError, type SimContext, type SimRequest, type SimResponse, type SimService } from "../types";
import { runInSlices, type Work } from "../work";

/**
 * CloudWatch Logs over awsJson1_1, as @aws-sdk/client-cloudwatch-logs speaks it: `POST /` with
 * `x-amz-target: Logs_20140328.<Operation>` and a JSON body; errors are HTTP 400 (5xx for
 * ServiceUnavailableException) with `{"__type": "<Code>", "message": ...}` plus the error's
 * modelled members. Reference: shared/reference/lambda-logs-and-insights.md sections 5 and 6.
 *
 * Insights queries run on the sim's log source when first polled after their simulated run
 * time; see README in sim/logs/insights for the query language subset.
 */

const TARGET_PREFIX = "Logs_20140328.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

/** Concurrent Logs Insights QL queries per account and region (facts sheet 2c; older values 4, 10, 20, 30). */
export const MAX_CONCURRENT_QUERIES = 100;
const MAX_GROUPS_PER_QUERY = 50;
const MAX_QUERY_LENGTH = 10_000;
/** A query's simulated run time: a floor, plus 1 ms per thousand events it is expected to scan, capped. */
const MIN_RUN_MS = 200;
const MAX_RUN_MS = 3_000;
/** Finished queries kept for GetQueryResults; beyond these the oldest are forgotten. */
const MAX_FINISHED_QUERIES = 200;
const MAX_KEPT_RESULT_ROWS = 500_000;
const RESULT_TTL_MS = 60 * 60 * 1000;
const GET_RESULTS_PAGE = 10_000;
/** FilterLogEvents: a page holds at most 1 MB or `limit` events, and one call scans at most this many events. */
const FILTER_SCAN_BUDGET = 50_000;
const FILTER_PAGE_BYTES = 1_048_576;
const FILTER_DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;

type Handler = (input: Input, req: SimRequest, ctx: SimContext) => unknown;

// ---------------------------------------------------------------------------------------------
// input decoding

const invalid = (message: string) => new AwsError("InvalidParameterException", message);

/** `1 validation error detected: Value 'x' at 'limit' failed to satisfy constraint: ...`, as AWS words it. */
function constraint(field: string, value: unknown, rule: string): AwsError {
  return invalid(
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`,
  );
}

class Input {
  constructor(private readonly body: Record<string, unknown>) {}

  private raw(key: string): unknown {
    const v = this.body[key];
    return v === null ? undefined : v;
  }

  private wrongType(key: string, type: string): AwsError {
    return new AwsError("SerializationException", `${key} must be ${type}`);
  }

  string(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw this.wrongType(key, "a string");
    return v;
  }

  requiredString(key: string): string {
    const v = this.string(key);
    if (v === undefined) throw constraint(key, "null", "Member must not be null");
    return v;
  }

  integer(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v)) throw this.wrongType(key, "an integer");
    return v;
  }

  requiredInteger(key: string): number {
    const v = this.integer(key);
    if (v === undefined) throw constraint(key, "null", "Member must not be null");
    return v;
  }

  stringList(key: string): string[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
      throw this.wrongType(key, "a list of strings");
    return v as string[];
  }
}

function ok(value: unknown): SimResponse {
  return { status: 200, headers: { "content-type": CONTENT_TYPE }, body: JSON.stringify(value) };
}

function limitIn(input: Input, key: string, max: number, fallback: number): number {
  const v = input.integer(key);
  if (v === undefined) return fallback;
  if (v < 1) throw constraint(key, v, "Member must have value greater than or equal to 1");
  if (v > max) throw constraint(key, v, `Member must have value less than or equal to ${max}`);
  return v;
}

/** Opaque pagination tokens: base64url JSON, rejected when they do not belong to the request. */
function encodeToken(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeToken(token: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid("The specified nextToken is invalid.");
}

// ---------------------------------------------------------------------------------------------
// log groups

/** A log group by name or ARN (`arn:aws:logs:<region>:<account>:log-group:<name>[:*]`), in the request's region. */
function resolveGroup(identifier: string, req: SimRequest, ctx: SimContext): LogGroupInfo | undefined {
  let name = identifier;
  if (identifier.startsWith("arn:")) {
    const m = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(identifier);
    if (!m || m[1] !== req.region || m[2] !== ctx.scenario.accountId) return undefined;
    name = m[3] ?? "";
  }
  return ctx.logs.group(req.region, name);
}

function describeLogGroup(g: LogGroupInfo) {
  return {
    logGroupName: g.name,
    creationTime: g.creationTime,
    ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
    metricFilterCount: 0,
    arn: `${g.arn}:*`,
    storedBytes: g.storedBytes,
    logGroupClass: "STANDARD",
    logGroupArn: g.arn,
  };
}

const describeLogGroups: Handler = (input, req, ctx) => {
  const prefix = input.string("logGroupNamePrefix");
  const pattern = input.string("logGroupNamePattern");
  if (prefix !== undefined && pattern !== undefined)
    throw invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  const limit = limitIn(input, "limit", 50, 50);
  const identifiers = input.stringList("logGroupIdentifiers");
  const logGroupClass = input.string("logGroupClass");
  const token = input.string("nextToken");
  let after: string | undefined;
  if (token !== undefined) {
    const t = decodeToken(token).after;
    if (typeof t !== "string") throw invalid("The specified nextToken is invalid.");
    after = t;
  }

  const wanted = identifiers?.map((id) => resolveGroup(id, req, ctx)?.name);
  const lowerPattern = pattern?.toLowerCase();
  const groups = ctx.logs
    .groups(req.region)
    .filter(
      (g) =>
        (prefix === undefined || g.name.startsWith(prefix)) &&
        (lowerPattern === undefined || g.name.toLowerCase().includes(lowerPattern)) &&
        (wanted === undefined || wanted.includes(g.name)) &&
        (logGroupClass === undefined || logGroupClass === "STANDARD") &&
        (after === undefined || g.name > after),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = groups.slice(0, limit);
  const last = page[page.length - 1];
  return {
    logGroups: page.map(describeLogGroup),
    ...(groups.length > limit && last ? { nextToken: encodeToken({ after: last.name }) } : {}),
  };
};

// ---------------------------------------------------------------------------------------------
// Logs Insights

type QueryStatus = "Running" | "Complete" | "Failed" | "Cancelled";

interface StoredQuery {
  id: string;
  region: string;
  groups: LogGroupInfo[];
  startMs: number;
  endMs: number;
  /** The scan, advanced in the background from StartQuery on; dropped once settled or stopped. */
  run: QueryRun | undefined;
  /** Wall-clock times (ms): queries take real time to run, whatever the sim's clock says. */
  startedAt: number;
  readyAt: number;
  state: QueryStatus;
  result: QueryResult | undefined;
}

/** Query state per simulated account (one SimContext each). */
const stores = new WeakMap<SimContext, Map<string, StoredQuery>>();

function storeOf(ctx: SimContext): Map<string, StoredQuery> {
  let s = stores.get(ctx);
  if (!s) {
    s = new Map();
    stores.set(ctx, s);
  }
  return s;
}

const wallNow = () => performance.now();

/**
 * Whether a query still holds one of the account's concurrent-query slots: from StartQuery
 * until its simulated run time has passed (whether or not anyone polls it, as AWS finishes a
 * query server-side), until StopQuery, or forever while the insightsNeverComplete fault is on.
 */
function isRunning(q: StoredQuery, ctx: SimContext): boolean {
  return (
    q.state === "Running" &&
    (ctx.faults.insightsNeverComplete || wallNow() < q.readyAt || (q.run !== undefined && !q.run.done))
  );
}

/** Events a scan reads between looks at the clock. */
const STEP_EVENTS = 200;

/** A query's scan, a step at a time, until it is done or stopped. */
function* scan(q: StoredQuery): Work<void> {
  for (;;) {
    const run = q.run;
    if (!run || q.state !== "Running" || run.advance(STEP_EVENTS)) return;
    yield;
  }
}

/** Scans a query in the background, taking turns on the event loop with the sim's other work. */
function startScan(q: StoredQuery): void {
  runInSlices(scan(q)).catch((err: unknown) => {
    process.stderr.write(`sim: logs query ${q.id} failed: ${(err as Error).stack ?? String(err)}\n`);
    q.state = "Failed";
    q.run = undefined;
  });
}

function simulatedRunMs(groups: LogGroupInfo[], startMs: number, endMs: number, ctx: SimContext): number {
  const minutes = Math.max(0, (Math.min(endMs, ctx.now()) - startMs) / 60_000);
  // About three events per invocation (START, END, REPORT).
  const events = groups.reduce((n, g) => n + g.fn.workload.rpm * minutes * 3, 0);
  return Math.round(Math.min(MAX_RUN_MS, MIN_RUN_MS + events / 1000));
}

/** Forgets the oldest finished queries beyond the caps, and any older than RESULT_TTL_MS. */
function prune(store: Map<string, StoredQuery>, ctx: SimContext): void {
  const now = wallNow();
  const finished = [...store.values()]
    .filter((q) => !isRunning(q, ctx))
    .sort((a, b) => a.startedAt - b.startedAt);
  let rows = finished.reduce((n, q) => n + (q.result?.rows.length ?? 0), 0);
  let excess = finished.length - MAX_FINISHED_QUERIES;
  for (const q of finished) {
    if (excess <= 0 && rows <= MAX_KEPT_RESULT_ROWS && now - q.startedAt < RESULT_TTL_MS) break;
    store.delete(q.id);
    excess--;
    rows -= q.result?.rows.length ?? 0;
  }
}

const startQuery: Handler = (input, req, ctx) => {
  const startTime = input.requiredInteger("startTime");
  const endTime = input.requiredInteger("endTime");
  const queryString = input.requiredString("queryString");
  const language = input.string("queryLanguage");
  if (language !== undefined && language !== "CWLI")
    throw invalid(
      `queryLanguage ${language} is not supported by the simulator; use CWLI (Logs Insights QL).`,
    );
  if (queryString.length > MAX_QUERY_LENGTH)
    throw constraint(
      "queryString",
      `${queryString.slice(0, 20)}...`,
      `Member must have length less than or equal to ${MAX_QUERY_LENGTH}`,
    );
  const limit =
    input.integer("limit") === undefined ? undefined : limitIn(input, "limit", MAX_LIMIT, MAX_LIMIT);

  const name = input.string("logGroupName");
  const names = input.stringList("logGroupNames");
  const identifiers = input.stringList("logGroupIdentifiers");
  const given = [name, names, identifiers].filter((x) => x !== undefined).length;
  if (given === 0)
    throw invalid(
      "Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be provided (SOURCE is not supported by the simulator).",
    );
  if (given > 1)
    throw invalid("Only one of logGroupName, logGroupNames or logGroupIdentifiers may be provided.");
  const requested = name !== undefined ? [name] : (names ?? identifiers ?? []);
  const listKey = names ? "logGroupNames" : "logGroupIdentifiers";
  if (requested.length === 0)
    throw constraint(listKey, "[]", "Member must have length greater than or equal to 1");
  if (requested.length > MAX_GROUPS_PER_QUERY)
    throw constraint(
      listKey,
      `[${requested.length} items]`,
      `Member must have length less than or equal to ${MAX_GROUPS_PER_QUERY}`,
    );
  if (endTime < startTime) throw invalid("endTime must be greater than or equal to startTime.");

  let query: Query;
  try {
    query = parseQuery(queryString);
  } catch (err) {
    if (!(err instanceof MalformedQuery)) throw err;
    throw new AwsError("MalformedQueryException", err.message, 400, {
      queryCompileError: {
        location: { startCharOffset: err.startCharOffset, endCharOffset: err.endCharOffset },
        message: err.message,
      },
    });
  }

  const groups: LogGroupInfo[] = [];
  for (const id of requested) {
    const g = name !== undefined || names ? ctx.logs.group(req.region, id) : resolveGroup(id, req, ctx);
    if (!g)
      throw new AwsError(
        "ResourceNotFoundException",
        `Log group '${id}' does not exist for account ID '${ctx.scenario.accountId}'`,
      );
    if (!groups.includes(g)) groups.push(g);
  }

  const store = storeOf(ctx);
  prune(store, ctx);
  let running = 0;
  for (const q of store.values()) if (q.region === req.region && isRunning(q, ctx)) running++;
  if (running >= MAX_CONCURRENT_QUERIES)
    throw new AwsError(
      "LimitExceededException",
      `Account maximum query concurrency limit of [${MAX_CONCURRENT_QUERIES}] reached.`,
    );

  // Epoch seconds, both inclusive: the end second is covered to its last millisecond.
  const startMs = startTime * 1000;
  const endMs = (endTime + 1) * 1000;
  const id = randomUUID();
  const now = wallNow();
  const account = ctx.scenario.accountId;
  const reportsOnly = readsOnlyReports(query);
  const streams = groups.map((g) => {
    const log = `${account}:${g.name}`;
    return (function* (): Generator<QueryEvent> {
      for (const event of orderedEvents(ctx.logs, req.region, g.name, startMs, endMs, { reportsOnly }))
        yield { event, logGroup: log };
    })();
  });
  const stored: StoredQuery = {
    id,
    region: req.region,
    groups,
    startMs,
    endMs,
    run: new QueryRun(
      query,
      mergeByTimestamp(streams, (e) => e.event.timestamp),
      { limit },
    ),
    startedAt: now,
    readyAt: now + simulatedRunMs(groups, startMs, endMs, ctx),
    state: "Running",
    result: undefined,
  };
  store.set(id, stored);
  startScan(stored);
  return { queryId: id };
};

function findQuery(input: Input, req: SimRequest, ctx: SimContext): StoredQuery {
  const id = input.requiredString("queryId");
  const q = storeOf(ctx).get(id);
  if (!q || q.region !== req.region)
    throw new AwsError("ResourceNotFoundException", `Query ${id} does not exist.`);
  return q;
}

/** Takes the result of a query whose scan is done and whose simulated run time is up, once. */
function settle(q: StoredQuery, ctx: SimContext): void {
  if (q.state !== "Running" || isRunning(q, ctx) || !q.run) return;
  try {
    q.result = q.run.result();
    q.state = "Complete";
  } catch (err) {
    process.stderr.write(`sim: logs query ${q.id} failed: ${(err as Error).stack ?? String(err)}\n`);
    q.state = "Failed";
  }
  q.run = undefined;
}

const getQueryResults: Handler = (input, req, ctx) => {
  const q = findQuery(input, req, ctx);
  const maxItems = limitIn(input, "maxItems", GET_RESULTS_PAGE, GET_RESULTS_PAGE);
  const token = input.string("nextToken");
  settle(q, ctx);
  const rows = q.result?.rows ?? [];
  let offset = 0;
  if (token !== undefined) {
    const t = decodeToken(token);
    if (t.q !== q.id || typeof t.offset !== "number") throw invalid("The specified nextToken is invalid.");
    offset = t.offset;
  }
  const stats = q.result?.statistics;
  return {
    queryLanguage: "CWLI",
    results: rows.slice(offset, offset + maxItems),
    statistics: {
      recordsMatched: stats?.recordsMatched ?? 0,
      recordsScanned: stats?.recordsScanned ?? 0,
      estimatedRecordsSkipped: 0,
      bytesScanned: stats?.bytesScanned ?? 0,
      estimatedBytesSkipped: 0,
      logGroupsScanned: stats ? q.groups.length : 0,
    },
    status: q.state,
    ...(offset + maxItems < rows.length
      ? { nextToken: encodeToken({ q: q.id, offset: offset + maxItems }) }
      : {}),
  };
};

const stopQuery: Handler = (input, req, ctx) => {
  const q = findQuery(input, req, ctx);
  // Unconfirmed (reference section 7, item 7): AWS says stopping a finished query is an error
  // because the query is not running; the error type InvalidParameterException is a guess.
  if (!isRunning(q, ctx)) throw invalid(`Query ${q.id} is not running.`);
  q.state = "Cancelled";
  q.run = undefined;
  return { success: true };
};

// ---------------------------------------------------------------------------------------------
// FilterLogEvents

function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

const filterLogEvents: Handler = (input, req, ctx) => {
  const name = input.string("logGroupName");
  const identifier = input.string("logGroupIdentifier");
  if (name !== undefined && identifier !== undefined)
    throw invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  if (name === undefined && identifier === undefined)
    throw invalid("Either logGroupName or logGroupIdentifier must be provided.");
  const group =
    name !== undefined ? ctx.logs.group(req.region, name) : resolveGroup(identifier ?? "", req, ctx);
  if (!group) throw new AwsError("ResourceNotFoundException", "The specified log group does not exist.");

  const streamNames = input.stringList("logStreamNames");
  const streamPrefix = input.string("logStreamNamePrefix");
  if (streamNames !== undefined && streamPrefix !== undefined)
    throw invalid("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
  if (streamNames !== undefined && (streamNames.length < 1 || streamNames.length > 100))
    throw constraint(
      "logStreamNames",
      `[${streamNames.length} items]`,
      "Member must have length between 1 and 100",
    );
  const pattern = input.string("filterPattern");
  if (pattern !== undefined && pattern.length > 1024)
    throw constraint(
      "filterPattern",
      `${pattern.slice(0, 20)}...`,
      "Member must have length less than or equal to 1024",
    );
  let matches: (message: string) => boolean;
  try {
    matches = compileFilterPattern(pattern);
  } catch (err) {
    if (err instanceof FilterPatternError) throw invalid(err.message);
    throw err;
  }
  const limit = limitIn(input, "limit", 10_000, 10_000);
  const startTime = input.integer("startTime");
  const endTime = input.integer("endTime");
  // Epoch ms, both inclusive. Without startTime the sim searches the last 24 hours, not the group's whole history.
  let endMs = (endTime ?? ctx.now()) + 1;
  let from = startTime ?? ctx.now() - FILTER_DEFAULT_WINDOW_MS;

  // The token carries the position to resume from (a timestamp and how many events at that ms were
  // already read) and the window's end, so a moving clock does not shift a paginated search.
  const fingerprint = hashOf(
    JSON.stringify([
      group.name,
      pattern ?? "",
      streamNames ?? null,
      streamPrefix ?? null,
      startTime ?? null,
      endTime ?? null,
    ]),
  );
  let skip = 0;
  const token = input.string("nextToken");
  if (token !== undefined) {
    const t = decodeToken(token);
    if (t.h !== fingerprint || typeof t.t !== "number" || typeof t.k !== "number" || typeof t.e !== "number")
      throw invalid("The specified nextToken is invalid.");
    from = t.t;
    skip = t.k;
    endMs = t.e;
  }

  const streamSet = streamNames ? new Set(streamNames) : undefined;
  const events: Array<{
    logStreamName: string;
    timestamp: number;
    message: string;
    ingestionTime: number;
    eventId: string;
  }> = [];
  let bytes = 0;
  let scanned = 0;
  let lastTs = from;
  let atLastTs = skip;
  const it = orderedEvents(ctx.logs, req.region, group.name, from, endMs);
  let more = false;
  for (let r = it.next(); !r.done; r = it.next()) {
    const ev = r.value;
    if (ev.timestamp === from && skip > 0) {
      skip--;
      continue;
    }
    if (events.length >= limit || bytes >= FILTER_PAGE_BYTES || scanned >= FILTER_SCAN_BUDGET) {
      more = true;
      break;
    }
    scanned++;
    if (ev.timestamp === lastTs) atLastTs++;
    else {
      lastTs = ev.timestamp;
      atLastTs = 1;
    }
    if (streamSet && !streamSet.has(ev.logStreamName)) continue;
    if (streamPrefix !== undefined && !ev.logStreamName.startsWith(streamPrefix)) continue;
    if (!matches(ev.message)) continue;
    events.push({
      logStreamName: ev.logStreamName,
      timestamp: ev.timestamp,
      message: ev.message,
      ingestionTime: ev.ingestionTime,
      eventId: ev.eventId,
    });
    bytes += ev.message.length + 26;
  }
  return {
    events,
    searchedLogStreams: [],
    ...(more ? { nextToken: encodeToken({ h: fingerprint, t: lastTs, k: atLastTs, e: endMs }) } : {}),
  };
};

// ---------------------------------------------------------------------------------------------

const HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeLogGroups: describeLogGroups,
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
  FilterLogEvents: filterLogEvents,
};

export const logsService: SimService = {
  signingNames: ["logs"],
  actionPrefix: "logs",
  operationOf: (req) => targetOperation(req, TARGET_PREFIX, HANDLERS),
  handle(req, operation, ctx) {
    const handler = HANDLERS[operation];
    if (!handler) throw new AwsError("UnknownOperationException", `Unknown operation ${operation}`);
    return ok(handler(new Input(jsonObjectBody(req)), req, ctx));
  },
  errorResponse(err) {
    return {
      status: err.status,
      headers: { "content-type": CONTENT_TYPE, "x-amzn-errortype": err.code },
      body: JSON.stringify({ __type: err.code, message: err.message, ...err.extra }),
    };
  },
};
