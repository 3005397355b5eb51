import "server-only";
import { processState } from "@/lib/process-state";
import {
  GetQueryResultsCommand,
  paginateDescribeLogGroups,
  StartQueryCommand,
  StopQueryCommand,
  type ResultField,
} from "@aws-sdk/client-cloudwatch-logs";
import { logsClient, type AwsScope } from "./clients";
import { call, type CallContext } from "./errors";

/**
 * CloudWatch Logs: log groups (retention, stored bytes) and a Logs Insights runner with the
 * service's limits built in (shared/reference/lambda-logs-and-insights.md sections 4.5 and 5):
 * at most 50 log groups per query, a bounded number of queries per account at once (AWS allows
 * 100 including dashboards), GetQueryResults polled with backoff, StopQuery for a query past its
 * deadline or no longer wanted, and results marked partial unless the query reached Complete.
 */

export const MAX_GROUPS_PER_QUERY = 50;

const ctx = (scope: AwsScope, operation: string, resource?: string): CallContext => ({
  service: "logs",
  operation,
  account: scope.account.id,
  region: scope.region,
  resource: resource ?? `region ${scope.region}`,
});

export interface LogGroupInfo {
  name: string;
  retentionDays: number | null;
  storedBytes: number | null;
  /** Epoch ms (DescribeLogGroups `creationTime`). */
  creationTime: number | null;
}

function toInfo(g: {
  logGroupName?: string;
  retentionInDays?: number;
  storedBytes?: number;
  creationTime?: number;
}): LogGroupInfo {
  return {
    name: g.logGroupName ?? "",
    retentionDays: g.retentionInDays ?? null,
    storedBytes: g.storedBytes ?? null,
    creationTime: g.creationTime ?? null,
  };
}

/** DescribeLogGroups for a name prefix (Lambda's /aws/lambda/), every page. */
export async function describeLogGroups(scope: AwsScope, prefix: string): Promise<LogGroupInfo[]> {
  return call(ctx(scope, "DescribeLogGroups"), async () => {
    const out: LogGroupInfo[] = [];
    for await (const page of paginateDescribeLogGroups(
      { client: logsClient(scope), pageSize: 50 },
      { logGroupNamePrefix: prefix },
    ))
      for (const g of page.logGroups ?? []) out.push(toInfo(g));
    return out;
  });
}

/** DescribeLogGroups for named groups (custom LoggingConfig.LogGroup outside the prefix), 50 names per call. */
export async function describeLogGroupsByName(
  scope: AwsScope,
  names: readonly string[],
): Promise<LogGroupInfo[]> {
  const out: LogGroupInfo[] = [];
  for (let i = 0; i < names.length; i += 50) {
    const batch = names.slice(i, i + 50);
    await call(ctx(scope, "DescribeLogGroups"), async () => {
      for await (const page of paginateDescribeLogGroups(
        { client: logsClient(scope), pageSize: 50 },
        { logGroupIdentifiers: batch },
      ))
        for (const g of page.logGroups ?? []) out.push(toInfo(g));
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Logs Insights

/** A counting semaphore. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

/** Insights concurrency is an account-wide quota (all regions, dashboards included). */
const semaphores = processState("aws.insightsSlots", () => new Map<string, Semaphore>());

/** The account's slots (the size comes from config, so it is the same for every query of an account). */
function semaphoreFor(account: string, size: number): Semaphore {
  const key = `${account}|${size}`;
  let s = semaphores.get(key);
  if (!s) {
    s = new Semaphore(size);
    semaphores.set(key, s);
  }
  return s;
}

export interface InsightsRequest {
  /** 1..50 log group names. */
  logGroups: readonly string[];
  startMs: number;
  /** Exclusive. */
  endMs: number;
  query: string;
  /** Rows to return, 1..10,000 (the query's own `limit` wins if it has one). */
  limit?: number;
  /** Queries of this account running at once (from config). */
  concurrency: number;
  /** After this many ms the query is stopped and what it found so far is returned as partial. */
  deadlineMs: number;
  /** Aborting stops the query (StopQuery) and rejects. */
  signal?: AbortSignal;
}

export interface InsightsResult {
  rows: Array<Record<string, string>>;
  /** Complete, or the status it ended in (Failed, Cancelled, Timeout, Unknown, Running when stopped at the deadline). */
  status: string;
  /** True unless the query reached Complete and every row was read. */
  partial: boolean;
  recordsScanned: number;
}

const TERMINAL = new Set(["Complete", "Failed", "Cancelled", "Timeout", "Unknown"]);

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

function toRow(fields: ResultField[]): Record<string, string> {
  const row: Record<string, string> = {};
  for (const f of fields) if (f.field && f.field !== "@ptr" && f.value !== undefined) row[f.field] = f.value;
  return row;
}

/** Runs one Logs Insights query to completion, its deadline or its abort. */
export async function runInsightsQuery(scope: AwsScope, req: InsightsRequest): Promise<InsightsResult> {
  if (req.logGroups.length === 0 || req.logGroups.length > MAX_GROUPS_PER_QUERY)
    throw new RangeError(
      `a Logs Insights query takes 1 to ${MAX_GROUPS_PER_QUERY} log groups, not ${req.logGroups.length}`,
    );
  const release = await semaphoreFor(scope.account.id, req.concurrency).acquire();
  const client = logsClient(scope);
  const deadline = performance.now() + req.deadlineMs;
  const resource =
    req.logGroups.length === 1
      ? `log group ${req.logGroups[0]}`
      : `${req.logGroups.length} log groups in ${scope.region}`;
  let queryId: string | undefined;
  let settled = false;
  const stop = async () => {
    if (!queryId) return;
    const id = queryId;
    await call(ctx(scope, "StopQuery", resource), () =>
      client.send(new StopQueryCommand({ queryId: id })),
    ).catch(() => undefined);
  };
  try {
    req.signal?.throwIfAborted();
    const started = await call(ctx(scope, "StartQuery", resource), () =>
      client.send(
        new StartQueryCommand({
          logGroupNames: [...req.logGroups],
          // Epoch seconds, both inclusive: [start, end) becomes [floor(start), ceil(end) - 1].
          startTime: Math.floor(req.startMs / 1000),
          endTime: Math.max(Math.floor(req.startMs / 1000), Math.ceil(req.endMs / 1000) - 1),
          queryString: req.query,
          ...(req.limit ? { limit: req.limit } : {}),
        }),
      ),
    );
    queryId = started.queryId;
    if (!queryId) throw new Error("StartQuery returned no queryId");
    const id = queryId;
    const getResults = (nextToken?: string) =>
      call(ctx(scope, "GetQueryResults", resource), () =>
        client.send(new GetQueryResultsCommand({ queryId: id, nextToken })),
      );

    let delay = 250;
    let stopped = false;
    for (;;) {
      await sleep(delay, req.signal);
      if ((req.signal?.aborted ?? false) || performance.now() > deadline) {
        // Nobody waits for it any more, or it is past its deadline: stop it, keep what it found.
        stopped = true;
        settled = true;
        await stop();
        req.signal?.throwIfAborted();
      }
      let res = await getResults();
      const status = res.status ?? "Unknown";
      if (!TERMINAL.has(status) && !stopped) {
        delay = Math.min(2_500, Math.round(delay * 1.5));
        continue;
      }
      settled = true;
      const rows = (res.results ?? []).map(toRow);
      let token = status === "Complete" ? res.nextToken : undefined;
      while (token) {
        res = await getResults(token);
        rows.push(...(res.results ?? []).map(toRow));
        token = res.nextToken;
      }
      return {
        rows,
        status,
        partial: status !== "Complete",
        recordsScanned: res.statistics?.recordsScanned ?? 0,
      };
    }
  } finally {
    // A poll that failed leaves the query running on AWS, holding one of the account's slots.
    if (!settled) await stop();
    release();
  }
}

export function resetInsightsForTests(): void {
  semaphores.clear();
}
