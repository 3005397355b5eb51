import { createHash, randomUUID } from "node:crypto";
import {
  getMetricData,
  type GetMetricDataInput,
  type MetricDataQueryInput,
} from "../metrics/get-metric-data";
import { listLambdaMetrics, NAMESPACE, type Dimension, type ListedMetric } from "../metrics/lambda-metrics";
import { MetricStatSeries, type SeriesContext } from "../metrics/metric-series";
import { isValidPeriod } from "../metrics/retention";
import { BASIC_STATISTICS, isBasicStatistic, parseStatistic, type Statistic } from "../metrics/statistics";
import type { WorkloadModel } from "../model/workload";
import { jsonObjectBody, targetOperation } from "../protocol/aws-json";
import { AwsError, type SimContext, type SimRequest, type SimResponse, type SimService } from "../types";
import { runInSlices, type Work } from "../work";

/**
 * CloudWatch (metrics) as the current @aws-sdk/client-cloudwatch speaks it: awsJson1_0 in
 * query-compatible mode — `POST /`, `content-type: application/x-amz-json-1.0`,
 * `x-amz-target: GraniteServiceVersion20100801.<Operation>`, `x-amzn-query-mode: true`, timestamps
 * as epoch seconds. Errors are HTTP 400 (5xx for server faults) with
 * `{"__type": "com.amazonaws.cloudwatch#<Shape>", "message": ...}` and the legacy Query error code in
 * `x-amzn-query-error: <Code>;Sender|Receiver`, from which the SDK takes the error's code and name
 * (so a throttle surfaces as `Throttling`, which the SDK retries as throttling).
 * Older clients' awsQuery form (`Action=GetMetricData&Version=2010-08-01`, XML replies) is accepted too.
 * Facts sheet sections 2b, 2e, 2f, 3 and 4; the operations' semantics live in sim/metrics.
 */

const TARGET_PREFIX = "GraniteServiceVersion20100801.";
const JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
const XML_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
const LIST_METRICS_PAGE = 500;
const MAX_DIMENSION_FILTERS = 10;
const MAX_DIMENSIONS = 30;
const MAX_STATISTICS = 5;
const MAX_EXTENDED_STATISTICS = 10;
/** GetMetricStatistics: datapoints one call may ask for. */
const MAX_STATISTICS_DATAPOINTS = 1440;

// ---------------------------------------------------------------------------------------------
// input decoding (JSON body or awsQuery form, into the same shape)

type Obj = Record<string, unknown>;

const malformed = (path: string, what: string) => new AwsError("ValidationError", `${path} must be ${what}`);

/** Reads members of one input structure; query-form values arrive as strings and are converted. */
class Fields {
  constructor(
    private readonly o: Obj,
    private readonly path = "",
  ) {}

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private raw(key: string): unknown {
    const v = this.o[key];
    return v === null ? undefined : v;
  }

  string(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw malformed(this.at(key), "a string");
    return v;
  }

  number(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isFinite(n)) throw malformed(this.at(key), "a number");
    return n;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    throw malformed(this.at(key), "a boolean");
  }

  /** Epoch ms from epoch seconds (JSON) or an ISO 8601 string (query). */
  timestamp(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isFinite(v)) return v * 1000;
    if (typeof v === "string") {
      const ms = /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v);
      if (Number.isFinite(ms)) return ms;
    }
    throw malformed(this.at(key), "a timestamp");
  }

  list(key: string): unknown[] {
    const v = this.raw(key);
    if (v === undefined || v === "") return [];
    if (!Array.isArray(v)) throw malformed(this.at(key), "a list");
    // The query form drops null items (CloudWatch protocols FAQ); do the same for JSON.
    return v.filter((x) => x !== null && x !== undefined);
  }

  structs(key: string): Fields[] {
    return this.list(key).map((x, i) => {
      if (typeof x !== "object" || x === null || Array.isArray(x))
        throw malformed(`${this.at(key)}[${i}]`, "a structure");
      return new Fields(x as Obj, `${this.at(key)}.member.${i + 1}`);
    });
  }

  strings(key: string): string[] {
    return this.list(key).map((x, i) => {
      if (typeof x !== "string") throw malformed(`${this.at(key)}[${i}]`, "a string");
      return x;
    });
  }

  struct(key: string): Fields | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) throw malformed(this.at(key), "a structure");
    return new Fields(v as Obj, this.at(key));
  }
}

/** `A.member.2.B=x` form fields into `{ A: [ , { B: "x" } ] }` (lists compacted). */
function formToObject(params: URLSearchParams): Obj {
  const root: Obj = {};
  for (const [key, value] of params) {
    if (key === "Action" || key === "Version") continue;
    const parts = key.split(".");
    const path: Array<string | number> = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? "";
      const index = parts[i + 1];
      if (part === "member" && index !== undefined && /^\d+$/.test(index)) {
        path.push(Number(index) - 1);
        i++;
      } else path.push(part);
    }
    let node: Obj | unknown[] = root;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] ?? "";
      const nextSeg = path[i + 1];
      const container = node as Record<string | number, unknown>;
      if (nextSeg === undefined) {
        container[seg] = value;
        break;
      }
      let child = container[seg];
      if (typeof child !== "object" || child === null) {
        child = typeof nextSeg === "number" ? [] : {};
        container[seg] = child;
      }
      node = child as Obj | unknown[];
    }
  }
  return compact(root) as Obj;
}

function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, compact(x)]));
  return v;
}

const isQueryForm = (req: SimRequest) =>
  String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");

const formCache = new WeakMap<SimRequest, URLSearchParams>();
function form(req: SimRequest): URLSearchParams {
  let f = formCache.get(req);
  if (!f) {
    f = new URLSearchParams(req.body.toString("utf8"));
    formCache.set(req, f);
  }
  return f;
}

function decodeInput(req: SimRequest): Fields {
  if (isQueryForm(req)) return new Fields(formToObject(form(req)));
  return new Fields(jsonObjectBody(req));
}

function dimensions(f: Fields | undefined, key: string): Dimension[] {
  if (!f) return [];
  return f.structs(key).map((d) => ({ Name: d.string("Name") ?? "", Value: d.string("Value") ?? "" }));
}

// ---------------------------------------------------------------------------------------------
// operations

const seriesContext = (req: SimRequest, ctx: SimContext): SeriesContext => ({
  model: ctx.model,
  region: req.region,
  nowMs: ctx.now(),
});

function getMetricDataOp(input: Fields, req: SimRequest, ctx: SimContext): Promise<unknown> {
  const queries: MetricDataQueryInput[] = input.structs("MetricDataQueries").map((q) => {
    const ms = q.struct("MetricStat");
    const metric = ms?.struct("Metric");
    return {
      Id: q.string("Id"),
      Expression: q.string("Expression"),
      Label: q.string("Label"),
      ReturnData: q.boolean("ReturnData"),
      Period: q.number("Period"),
      MetricStat: ms
        ? {
            Metric: {
              Namespace: metric?.string("Namespace"),
              MetricName: metric?.string("MetricName"),
              Dimensions: dimensions(metric, "Dimensions"),
            },
            Period: ms.number("Period"),
            Stat: ms.string("Stat"),
            Unit: ms.string("Unit"),
          }
        : undefined,
    };
  });
  const parsed: GetMetricDataInput = {
    MetricDataQueries: queries,
    StartTime: input.timestamp("StartTime"),
    EndTime: input.timestamp("EndTime"),
    NextToken: input.string("NextToken"),
    ScanBy: input.string("ScanBy"),
    MaxDatapoints: input.number("MaxDatapoints"),
  };
  return runInSlices(getMetricData(parsed, seriesContext(req, ctx)));
}

const missing = (name: string) => new AwsError("MissingParameter", `The parameter ${name} is required.`);
const invalidValue = (message: string) => new AwsError("InvalidParameterValue", message);
const invalidCombination = (message: string) => new AwsError("InvalidParameterCombination", message);

function getMetricStatisticsOp(input: Fields, req: SimRequest, ctx: SimContext): Promise<unknown> {
  const namespace = input.string("Namespace");
  const metricName = input.string("MetricName");
  const startMs = input.timestamp("StartTime");
  const endMs = input.timestamp("EndTime");
  const period = input.number("Period");
  if (namespace === undefined) throw missing("Namespace");
  if (metricName === undefined) throw missing("MetricName");
  if (startMs === undefined) throw missing("StartTime");
  if (endMs === undefined) throw missing("EndTime");
  if (period === undefined) throw missing("Period");
  const statistics = input.strings("Statistics");
  const extended = input.strings("ExtendedStatistics");
  const dims = dimensions(input, "Dimensions");
  if (statistics.length === 0 && extended.length === 0)
    throw invalidCombination("Must specify either Statistics or ExtendedStatistics.");
  if (statistics.length > 0 && extended.length > 0)
    throw invalidCombination("The parameters Statistics and ExtendedStatistics are mutually exclusive.");
  if (statistics.length > MAX_STATISTICS)
    throw invalidValue(`The collection Statistics must not have a size greater than ${MAX_STATISTICS}.`);
  if (extended.length > MAX_EXTENDED_STATISTICS)
    throw invalidValue(
      `The collection ExtendedStatistics must not have a size greater than ${MAX_EXTENDED_STATISTICS}.`,
    );
  if (dims.length > MAX_DIMENSIONS)
    throw invalidValue(`The collection Dimensions must not have a size greater than ${MAX_DIMENSIONS}.`);
  const basic: NamedStatistic[] = [];
  statistics.forEach((name, i) => {
    const stat = isBasicStatistic(name) ? parseStatistic(name) : undefined;
    if (!stat)
      throw invalidValue(
        `The parameter Statistics.member.${i + 1} must be a value in the set [ ${BASIC_STATISTICS.join(", ")} ].`,
      );
    basic.push({ name, stat });
  });
  const percentiles: NamedStatistic[] = [];
  for (const name of extended) {
    const stat = parseStatistic(name);
    if (!stat || stat.kind !== "percentile")
      throw invalidValue(`The value ${name} for parameter ExtendedStatistics is not supported.`);
    percentiles.push({ name, stat });
  }
  if (!Number.isInteger(period) || period < 1)
    throw invalidValue("The parameter Period must be greater than 0.");
  if (!isValidPeriod(period)) throw invalidValue("The parameter Period must be a multiple of 60.");
  if (!(startMs < endMs))
    throw invalidValue("The parameter StartTime must be less than the parameter EndTime.");

  const series = new MetricStatSeries(
    seriesContext(req, ctx),
    { namespace, metricName, dimensions: dims, periodS: period, unit: input.string("Unit"), startMs, endMs },
    [...basic, ...percentiles].map((s) => s.stat),
  );
  if (series.requestedPeriods > MAX_STATISTICS_DATAPOINTS)
    throw invalidCombination(
      `You have requested up to ${series.requestedPeriods} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  return runInSlices(statisticsOf(series, metricName, basic, percentiles));
}

type NamedStatistic = { name: string; stat: Statistic };

/** GetMetricStatistics' datapoints as work that yields between them. */
function* statisticsOf(
  series: MetricStatSeries,
  metricName: string,
  basic: NamedStatistic[],
  percentiles: NamedStatistic[],
): Work<unknown> {
  yield* series.prepare();
  const datapoints: Obj[] = [];
  for (let i = Math.max(0, series.lo); i <= series.hi; i++) {
    if (series.fill(i)) {
      const dp: Obj = { Timestamp: (series.start + i * series.period) / 1000 };
      for (const { name, stat } of basic) dp[name] = series.acc.value(stat);
      if (percentiles.length > 0)
        dp.ExtendedStatistics = Object.fromEntries(
          percentiles.map(({ name, stat }) => [name, series.acc.value(stat)]),
        );
      dp.Unit = series.unit ?? "None";
      datapoints.push(dp);
    }
    yield;
  }
  return { Label: metricName, Datapoints: datapoints };
}

const listCache = new WeakMap<WorkloadModel, Map<string, ListedMetric[]>>();
function metricsOf(model: WorkloadModel, region: string): ListedMetric[] {
  let byRegion = listCache.get(model);
  if (!byRegion) {
    byRegion = new Map();
    listCache.set(model, byRegion);
  }
  let list = byRegion.get(region);
  if (!list) {
    list = listLambdaMetrics(model, region);
    byRegion.set(region, list);
  }
  return list;
}

function listMetricsOp(input: Fields, req: SimRequest, ctx: SimContext): unknown {
  const namespace = input.string("Namespace");
  const metricName = input.string("MetricName");
  const filters = input
    .structs("Dimensions")
    .map((d) => ({ name: d.string("Name") ?? "", value: d.string("Value") }));
  const recentlyActive = input.string("RecentlyActive");
  const token = input.string("NextToken");
  if (filters.length > MAX_DIMENSION_FILTERS)
    throw invalidValue(
      `The collection Dimensions must not have a size greater than ${MAX_DIMENSION_FILTERS}.`,
    );
  if (recentlyActive !== undefined && recentlyActive !== "PT3H")
    throw invalidValue(
      `The value ${recentlyActive} for parameter RecentlyActive is invalid: the only value is PT3H.`,
    );

  const fingerprint = createHash("sha256")
    .update(JSON.stringify([req.region, namespace, metricName, filters, recentlyActive]))
    .digest("base64url")
    .slice(0, 16);
  let offset = 0;
  if (token !== undefined) {
    const m = /^(\d+)\.([\w-]+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
    if (!m || m[2] !== fingerprint)
      throw invalidValue("The NextToken is invalid or does not belong to this request.");
    offset = Number(m[1]);
  }

  const all = namespace === undefined || namespace === NAMESPACE ? metricsOf(ctx.model, req.region) : [];
  const matching = all.filter(
    (metric) =>
      (metricName === undefined || metric.MetricName === metricName) &&
      filters.every((f) =>
        metric.Dimensions.some((d) => d.Name === f.name && (f.value === undefined || d.Value === f.value)),
      ),
  );
  const page = matching.slice(offset, offset + LIST_METRICS_PAGE);
  const end = offset + page.length;
  return {
    Metrics: page,
    ...(end < matching.length
      ? { NextToken: Buffer.from(`${end}.${fingerprint}`, "utf8").toString("base64url") }
      : {}),
  };
}

/** An operation's output, or a promise of it for those that run in slices. */
type Handler = (input: Fields, req: SimRequest, ctx: SimContext) => unknown;

const HANDLERS: Readonly<Record<string, Handler>> = {
  GetMetricData: getMetricDataOp,
  GetMetricStatistics: getMetricStatisticsOp,
  ListMetrics: listMetricsOp,
};

// ---------------------------------------------------------------------------------------------
// wire forms of replies and errors

/** Error shapes the SDK model declares: their shape id and the name of their message member. */
const MODELLED_ERRORS: Readonly<Record<string, { shape: string; messageKey: string }>> = {
  InvalidParameterValue: { shape: "InvalidParameterValueException", messageKey: "message" },
  InvalidParameterCombination: { shape: "InvalidParameterCombinationException", messageKey: "message" },
  MissingParameter: { shape: "MissingRequiredParameterException", messageKey: "message" },
  InvalidNextToken: { shape: "InvalidNextToken", messageKey: "message" },
  InternalServiceError: { shape: "InternalServiceFault", messageKey: "Message" },
  LimitExceededException: { shape: "LimitExceededException", messageKey: "Message" },
  LimitExceeded: { shape: "LimitExceededFault", messageKey: "message" },
  // The SDK model maps the legacy ValidationError to ValidationException, so that is the name callers see.
  ValidationError: { shape: "ValidationException", messageKey: "message" },
};

/** Unmodelled errors come from the service framework (Coral) under its own namespaces. */
function frameworkType(code: string): string {
  if (code === "Throttling") return "com.amazon.coral.availability#ThrottlingException";
  if (code === "AccessDenied") return "com.amazon.coral.service#AccessDeniedException";
  return `com.amazon.coral.service#${code}`;
}

const TIMESTAMP_KEYS = new Set(["Timestamp", "Timestamps"]);

const escapeXml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

function scalarXml(v: unknown, timestamp: boolean): string {
  if (typeof v === "number") return timestamp ? new Date(v * 1000).toISOString() : String(v);
  return escapeXml(String(v));
}

/** awsQuery XML of a value: lists as `<member>` items, maps (ExtendedStatistics) as `<entry>` pairs. */
function toXml(name: string, v: unknown, timestamp = TIMESTAMP_KEYS.has(name)): string {
  if (v === undefined) return "";
  if (Array.isArray(v)) return `<${name}>${v.map((x) => toXml("member", x, timestamp)).join("")}</${name}>`;
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v as Obj);
    if (name === "ExtendedStatistics")
      return `<${name}>${entries.map(([k, x]) => `<entry><key>${escapeXml(k)}</key><value>${scalarXml(x, false)}</value></entry>`).join("")}</${name}>`;
    return `<${name}>${entries.map(([k, x]) => toXml(k, x)).join("")}</${name}>`;
  }
  return `<${name}>${scalarXml(v, timestamp)}</${name}>`;
}

function reply(req: SimRequest, operation: string, output: unknown): SimResponse {
  if (isQueryForm(req)) {
    const result = toXml(`${operation}Result`, output);
    return {
      status: 200,
      headers: { "content-type": "text/xml" },
      body: `<${operation}Response xmlns="${XML_NS}">${result}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`,
    };
  }
  return { status: 200, headers: { "content-type": JSON_CONTENT_TYPE }, body: JSON.stringify(output) };
}

export const cloudwatchService: SimService = {
  signingNames: ["monitoring"],
  actionPrefix: "cloudwatch",
  operationOf(req) {
    if (!isQueryForm(req)) return targetOperation(req, TARGET_PREFIX, HANDLERS);
    if (req.method !== "POST" || req.path !== "/") return undefined;
    const op = form(req).get("Action") ?? undefined;
    return op !== undefined && Object.hasOwn(HANDLERS, op) ? op : undefined;
  },
  async handle(req, operation, ctx) {
    const handler = HANDLERS[operation];
    if (!handler) throw new AwsError("UnknownOperationException", `Unknown operation ${operation}`, 404);
    return reply(req, operation, await handler(decodeInput(req), req, ctx));
  },
  errorResponse(err, req): SimResponse {
    if (isQueryForm(req))
      return {
        status: err.status,
        headers: { "content-type": "text/xml" },
        body: `<ErrorResponse xmlns="${XML_NS}"><Error><Type>${err.faultType}</Type><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      };
    const modelled = MODELLED_ERRORS[err.code];
    const type = modelled ? `com.amazonaws.cloudwatch#${modelled.shape}` : frameworkType(err.code);
    return {
      status: err.status,
      headers: { "content-type": JSON_CONTENT_TYPE, "x-amzn-query-error": `${err.code};${err.faultType}` },
      body: JSON.stringify({ __type: type, [modelled?.messageKey ?? "message"]: err.message }),
    };
  },
};
