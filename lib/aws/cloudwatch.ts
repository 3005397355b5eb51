import "server-only";
import { GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient, type AwsScope } from "./clients";
import { call } from "./errors";

/**
 * GetMetricData, batched: at most 500 queries per call, every NextToken page read, results merged
 * per query id. Only AWS/Lambda metrics are asked for.
 */

export const MAX_QUERIES_PER_CALL = 500;

export type LambdaStat = "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | `p${number}`;

export interface MetricQuery {
  /** Unique within a request; must match ^[a-z][a-zA-Z0-9_]*$. */
  id: string;
  metric: string;
  stat: LambdaStat;
  /** Function name, or undefined for the region-wide (no dimension) metric. */
  functionName?: string;
}

export interface MetricResult {
  /** Epoch ms, ascending. */
  timestamps: number[];
  values: number[];
  /** False when CloudWatch said PartialData or InternalError for this query. */
  complete: boolean;
}

function toSdkQuery(q: MetricQuery, periodS: number): MetricDataQuery {
  return {
    Id: q.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: "AWS/Lambda",
        MetricName: q.metric,
        Dimensions: q.functionName ? [{ Name: "FunctionName", Value: q.functionName }] : [],
      },
      Period: periodS,
      Stat: q.stat,
    },
  };
}

/**
 * Reads every query over [startMs, endMs) at `periodS`. Calls run one after another per batch
 * (the rate limiter spaces them); a failed call fails the whole read.
 */
export async function getMetricData(
  scope: AwsScope,
  queries: readonly MetricQuery[],
  startMs: number,
  endMs: number,
  periodS: number,
): Promise<Map<string, MetricResult>> {
  const results = new Map<string, { points: Map<number, number>; status: string | undefined }>();
  const batches: MetricQuery[][] = [];
  for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_CALL)
    batches.push(queries.slice(i, i + MAX_QUERIES_PER_CALL));
  const client = cloudWatchClient(scope);
  await Promise.all(
    batches.map((batch) =>
      call(
        {
          service: "cloudwatch",
          operation: "GetMetricData",
          account: scope.account.id,
          region: scope.region,
          resource: `region ${scope.region}`,
        },
        async () => {
          let token: string | undefined;
          do {
            const res = await client.send(
              new GetMetricDataCommand({
                MetricDataQueries: batch.map((q) => toSdkQuery(q, periodS)),
                StartTime: new Date(startMs),
                EndTime: new Date(endMs),
                ScanBy: "TimestampAscending",
                NextToken: token,
              }),
            );
            for (const r of res.MetricDataResults ?? []) {
              if (!r.Id) continue;
              const entry = results.get(r.Id) ?? { points: new Map<number, number>(), status: undefined };
              const ts = r.Timestamps ?? [];
              const vs = r.Values ?? [];
              ts.forEach((t, i) => {
                const v = vs[i];
                if (v !== undefined && Number.isFinite(v)) entry.points.set(t.getTime(), v);
              });
              // The last page's status counts: PartialData before a NextToken just means "more to come".
              entry.status = r.StatusCode;
              results.set(r.Id, entry);
            }
            token = res.NextToken;
          } while (token);
        },
      ),
    ),
  );
  const out = new Map<string, MetricResult>();
  for (const q of queries) {
    const entry = results.get(q.id);
    const sorted = [...(entry?.points.entries() ?? [])].sort((a, b) => a[0] - b[0]);
    out.set(q.id, {
      timestamps: sorted.map(([t]) => t),
      values: sorted.map(([, v]) => v),
      complete: !["PartialData", "InternalError", "Forbidden"].includes(entry?.status ?? "Complete"),
    });
  }
  return out;
}
