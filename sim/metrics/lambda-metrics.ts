import type { FunctionBlock } from "../model/function-minutes";
import { BLOCK_MINUTES, blockOf, type WorkloadModel } from "../model/workload";
import type { IndexedFunction } from "../scenario/schema";
import type { PeriodAccumulator, SampleShape } from "./statistics";

/**
 * The AWS/Lambda metrics the sim publishes, read from the workload model's minutes
 * (facts sheet section 4). What one sample is, per metric:
 * - Invocations, AsyncEventsReceived: 1 per invocation (event); Sum = count, Average = 1.
 * - Errors, DeadLetterErrors, ProvisionedConcurrency(Spillover)Invocations: a 0/1 indicator per
 *   invocation, so Average is a rate and SampleCount the invocations.
 * - Throttles: a 0/1 indicator per request (served or throttled), so a minute where every request
 *   was throttled still has a datapoint and a busy minute without throttling reports 0.
 * - Duration: the minute's durations (DurationSample); percentiles over several minutes merge them.
 * - ConcurrentExecutions, Unreserved/Claimed, ProvisionedConcurrentExecutions/Utilization,
 *   IteratorAge, AsyncEventAge: one sample per minute, the minute's peak.
 * A minute without invocations has no datapoint ("no data" is not zero), except Throttles and
 * AsyncEventsReceived, which exist whenever requests arrived.
 */

export const NAMESPACE = "AWS/Lambda";

export type LambdaMetricName =
  | "Invocations"
  | "Errors"
  | "Throttles"
  | "DeadLetterErrors"
  | "Duration"
  | "ConcurrentExecutions"
  | "UnreservedConcurrentExecutions"
  | "ClaimedAccountConcurrency"
  | "ProvisionedConcurrencyInvocations"
  | "ProvisionedConcurrencySpilloverInvocations"
  | "ProvisionedConcurrentExecutions"
  | "ProvisionedConcurrencyUtilization"
  | "IteratorAge"
  | "AsyncEventAge"
  | "AsyncEventsReceived";

export interface LambdaMetric {
  name: LambdaMetricName;
  unit: "Count" | "Milliseconds" | "None";
  shape: SampleShape;
  /** Published with FunctionName alone. */
  byFunction: boolean;
  /** Published with FunctionName + Resource: for any version or alias, only for the provisioned qualifier, or never. */
  byResource: "any" | "provisioned" | "none";
  /** Published without dimensions (all functions of the region). */
  byRegion: boolean;
}

const m = (
  name: LambdaMetricName,
  unit: LambdaMetric["unit"],
  shape: SampleShape,
  byFunction: boolean,
  byResource: LambdaMetric["byResource"],
  byRegion: boolean,
): LambdaMetric => ({ name, unit, shape, byFunction, byResource, byRegion });

export const LAMBDA_METRICS: ReadonlyMap<string, LambdaMetric> = new Map(
  [
    m("Invocations", "Count", "ones", true, "any", true),
    m("Errors", "Count", "binary", true, "any", true),
    m("Throttles", "Count", "binary", true, "any", true),
    m("DeadLetterErrors", "Count", "binary", true, "any", false),
    m("Duration", "Milliseconds", "duration", true, "any", true),
    m("ConcurrentExecutions", "Count", "gauge", true, "any", true),
    m("UnreservedConcurrentExecutions", "Count", "gauge", false, "none", true),
    m("ClaimedAccountConcurrency", "Count", "gauge", false, "none", true),
    m("ProvisionedConcurrencyInvocations", "Count", "binary", true, "provisioned", false),
    m("ProvisionedConcurrencySpilloverInvocations", "Count", "binary", true, "provisioned", false),
    m("ProvisionedConcurrentExecutions", "Count", "gauge", false, "provisioned", false),
    m("ProvisionedConcurrencyUtilization", "None", "gauge", false, "provisioned", false),
    m("IteratorAge", "Milliseconds", "gauge", true, "any", false),
    m("AsyncEventAge", "Milliseconds", "gauge", true, "any", false),
    m("AsyncEventsReceived", "Count", "ones", true, "any", false),
  ].map((x) => [x.name, x]),
);

export interface Dimension {
  Name: string;
  Value: string;
}

/** Whose minutes a metric reads: one function (FunctionName, optionally + Resource) or the whole region. */
export type MetricTarget =
  | { kind: "function"; fn: IndexedFunction; resource: boolean; qualifier: string | undefined }
  | { kind: "region"; region: string };

/**
 * The function or region a set of dimensions names, or undefined when the combination is not one
 * Lambda publishes (ExecutedVersion is not modelled) or names an unknown function or qualifier.
 */
export function resolveTarget(
  model: WorkloadModel,
  region: string,
  dimensions: readonly Dimension[],
): MetricTarget | undefined {
  if (dimensions.length === 0) return { kind: "region", region };
  let functionName: string | undefined;
  let resource: string | undefined;
  for (const d of dimensions) {
    if (d.Name === "FunctionName" && functionName === undefined) functionName = d.Value;
    else if (d.Name === "Resource" && resource === undefined) resource = d.Value;
    else return undefined;
  }
  if (functionName === undefined) return undefined;
  const fn = model.scenario.functionIndex.get(`${region}/${functionName}`);
  if (!fn) return undefined;
  if (resource === undefined) return { kind: "function", fn, resource: false, qualifier: undefined };
  if (resource === fn.name) return { kind: "function", fn, resource: true, qualifier: undefined };
  if (!resource.startsWith(`${fn.name}:`)) return undefined;
  const qualifier = resource.slice(fn.name.length + 1);
  const known =
    qualifier === "$LATEST" ||
    fn.versions.some((v) => String(v) === qualifier) ||
    fn.aliases.some((a) => a.name === qualifier) ||
    fn.provisionedConcurrency?.qualifier === qualifier;
  return known ? { kind: "function", fn, resource: true, qualifier } : undefined;
}

const isStream = (fn: IndexedFunction) =>
  fn.workload.invocationType === "stream" && fn.eventSources.length > 0;
const isAsync = (fn: IndexedFunction) => fn.workload.invocationType === "async";

/** Whether Lambda publishes this metric for this target at all. */
export function publishes(metric: LambdaMetric, target: MetricTarget): boolean {
  if (target.kind === "region") return metric.byRegion;
  const fn = target.fn;
  if (target.resource) {
    if (metric.byResource === "none") return false;
    if (metric.byResource === "provisioned")
      return (
        fn.provisionedConcurrency !== undefined && target.qualifier === fn.provisionedConcurrency.qualifier
      );
  } else if (!metric.byFunction) return false;
  switch (metric.name) {
    case "DeadLetterErrors":
      return fn.deadLetterTargetArn !== undefined;
    case "ProvisionedConcurrencyInvocations":
    case "ProvisionedConcurrencySpilloverInvocations":
    case "ProvisionedConcurrentExecutions":
    case "ProvisionedConcurrencyUtilization":
      return fn.provisionedConcurrency !== undefined;
    case "IteratorAge":
      return isStream(fn);
    case "AsyncEventAge":
    case "AsyncEventsReceived":
      return isAsync(fn);
    default:
      return true;
  }
}

/** Adds the samples of a metric over minutes [from, to) of a function's block. */
export function addFunctionMinutes(
  acc: PeriodAccumulator,
  metric: LambdaMetricName,
  block: FunctionBlock,
  from: number,
  to: number,
): void {
  const inv = block.invocations;
  switch (metric) {
    case "Invocations":
      for (let i = from; i < to; i++) acc.addOnes(inv[i] ?? 0);
      return;
    case "Errors":
      for (let i = from; i < to; i++) acc.addBinary(inv[i] ?? 0, block.errors[i] ?? 0);
      return;
    case "Throttles":
      for (let i = from; i < to; i++) {
        const throttles = block.throttles[i] ?? 0;
        acc.addBinary((inv[i] ?? 0) + throttles, throttles);
      }
      return;
    case "DeadLetterErrors":
      // The model has no failed dead-letter deliveries.
      for (let i = from; i < to; i++) acc.addBinary(inv[i] ?? 0, 0);
      return;
    case "Duration":
      for (let i = from; i < to; i++) if ((inv[i] ?? 0) > 0) acc.addDuration(block.duration(i));
      return;
    case "ConcurrentExecutions":
      for (let i = from; i < to; i++) if ((inv[i] ?? 0) > 0) acc.addGauge(block.concurrencyMax[i] ?? 0);
      return;
    case "ProvisionedConcurrencyInvocations":
      for (let i = from; i < to; i++) acc.addBinary(inv[i] ?? 0, block.provisionedInvocations[i] ?? 0);
      return;
    case "ProvisionedConcurrencySpilloverInvocations":
      for (let i = from; i < to; i++) acc.addBinary(inv[i] ?? 0, block.spilloverInvocations[i] ?? 0);
      return;
    case "ProvisionedConcurrentExecutions":
      for (let i = from; i < to; i++)
        if ((inv[i] ?? 0) > 0) acc.addGauge(block.provisionedConcurrencyMax[i] ?? 0);
      return;
    case "ProvisionedConcurrencyUtilization": {
      const allocated = block.fn.provisionedConcurrency?.allocated ?? 0;
      if (allocated <= 0) return;
      for (let i = from; i < to; i++)
        if ((inv[i] ?? 0) > 0) acc.addGauge((block.provisionedConcurrencyMax[i] ?? 0) / allocated);
      return;
    }
    case "IteratorAge":
      for (let i = from; i < to; i++) {
        const age = block.iteratorAgeMax[i] ?? NaN;
        if (!Number.isNaN(age)) acc.addGauge(age);
      }
      return;
    case "AsyncEventAge":
      for (let i = from; i < to; i++) {
        const age = block.asyncEventAgeMax[i] ?? NaN;
        if (!Number.isNaN(age)) acc.addGauge(age);
      }
      return;
    case "AsyncEventsReceived":
      for (let i = from; i < to; i++) acc.addOnes((inv[i] ?? 0) + (block.throttles[i] ?? 0));
      return;
    case "UnreservedConcurrentExecutions":
    case "ClaimedAccountConcurrency":
      return;
  }
}

/** Adds one region-minute's samples of a metric published without dimensions. */
export function addRegionMinute(
  acc: PeriodAccumulator,
  metric: LambdaMetricName,
  model: WorkloadModel,
  region: string,
  minute: number,
): void {
  if (metric === "Duration") {
    // The union of every function's durations: needed for minimum, maximum and percentiles.
    const b = blockOf(minute);
    const i = minute - b * BLOCK_MINUTES;
    for (const fn of model.functionsIn(region)) {
      const block = model.block(fn, b);
      if ((block.invocations[i] ?? 0) > 0) acc.addDuration(block.duration(i));
    }
    return;
  }
  const r = model.regionStats(region, minute);
  const inv = r.invocations;
  switch (metric) {
    case "Invocations":
      acc.addOnes(inv);
      return;
    case "Errors":
      acc.addBinary(inv, r.errors);
      return;
    case "Throttles":
      acc.addBinary(inv + r.throttles, r.throttles);
      return;
    case "ConcurrentExecutions":
      if (inv > 0) acc.addGauge(r.concurrencyMax);
      return;
    case "UnreservedConcurrentExecutions":
      if (inv > 0) acc.addGauge(r.unreservedConcurrencyMax);
      return;
    case "ClaimedAccountConcurrency":
      if (inv > 0) acc.addGauge(r.claimedConcurrency);
      return;
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// ListMetrics

export interface ListedMetric {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
}

const REGION_METRICS: readonly LambdaMetricName[] = [
  "ClaimedAccountConcurrency",
  "ConcurrentExecutions",
  "Duration",
  "Errors",
  "Invocations",
  "Throttles",
  "UnreservedConcurrentExecutions",
];

/**
 * The AWS/Lambda metrics that exist in a region: for every function with traffic (ListMetrics
 * omits metrics without data in the last two weeks), its FunctionName metrics and its
 * FunctionName + Resource metrics for the unqualified name, each alias and the provisioned
 * qualifier; plus the region-wide ones. Stable order: by function, resource, metric name.
 */
export function listLambdaMetrics(model: WorkloadModel, region: string): ListedMetric[] {
  const out: ListedMetric[] = [];
  const metrics = [...LAMBDA_METRICS.values()].sort((a, b) => a.name.localeCompare(b.name));
  const fns = [...model.functionsIn(region)].filter((f) => f.workload.rpm > 0);
  fns.sort((a, b) => a.name.localeCompare(b.name));
  for (const fn of fns) {
    const byFunction: MetricTarget = { kind: "function", fn, resource: false, qualifier: undefined };
    for (const metric of metrics)
      if (publishes(metric, byFunction))
        out.push({
          Namespace: NAMESPACE,
          MetricName: metric.name,
          Dimensions: [{ Name: "FunctionName", Value: fn.name }],
        });
    const qualifiers = new Set<string | undefined>([undefined]);
    for (const a of fn.aliases) qualifiers.add(a.name);
    if (fn.provisionedConcurrency) qualifiers.add(fn.provisionedConcurrency.qualifier);
    for (const qualifier of qualifiers) {
      const target: MetricTarget = { kind: "function", fn, resource: true, qualifier };
      const resource = qualifier === undefined ? fn.name : `${fn.name}:${qualifier}`;
      for (const metric of metrics)
        if (publishes(metric, target))
          out.push({
            Namespace: NAMESPACE,
            MetricName: metric.name,
            Dimensions: [
              { Name: "FunctionName", Value: fn.name },
              { Name: "Resource", Value: resource },
            ],
          });
    }
  }
  if (fns.length > 0)
    for (const name of REGION_METRICS) out.push({ Namespace: NAMESPACE, MetricName: name, Dimensions: [] });
  return out;
}
