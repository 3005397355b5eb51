import type { IndexedFunction, Scenario } from "../scenario/schema";
import { runNow, type Work } from "../work";
import type { DurationSample } from "./duration";
import {
  BLOCK_MINUTES,
  computeBlock,
  FunctionBlock,
  FunctionModel,
  type RegionServe,
} from "./function-minutes";

/**
 * The workload model: what every function did in every minute, computed on demand from the
 * scenario's seed and the minute's index. Metrics (sim/services/cloudwatch) aggregate these
 * minutes; logs (./logs) expand the very same minutes into one REPORT per invocation, so the
 * two always describe the same invocations.
 *
 * Per function and minute (function-minutes.ts computes them a block of minutes at a time):
 * - requests: the workload's rate times the daily shape, log-normal noise and incidents, rounded
 *   stochastically;
 * - throttling: a reserved limit caps the function; otherwise the region's unreserved pool (the
 *   limit less reservations, never under 100) serves a fraction of the unreserved demand;
 * - provisioned concurrency serves up to its allocation, the rest spills over to on-demand;
 * - cold starts: scale-ups over the last five minutes' peak, environment recycling, idle gaps;
 * - durations: stratified log-normal samples (duration.ts), never above the timeout; the ones at
 *   the timeout are timeouts and count as errors, as do out-of-memory kills and function errors.
 * Figures are cached per block of minutes in bounded caches, so a scan over days of thousands of
 * functions neither recomputes a minute per metric nor grows without end.
 */

export const MINUTE_MS = 60_000;
export { BLOCK_MINUTES } from "./function-minutes";
export { DurationSample } from "./duration";

export interface MinuteStats {
  /** Invocations Lambda ran (Invocations metric); throttled requests are not in it. */
  invocations: number;
  /** Function errors, including timeouts and out-of-memory kills. */
  errors: number;
  timeouts: number;
  outOfMemory: number;
  throttles: number;
  coldStarts: number;
  /** Peak concurrent executions in the minute (ConcurrentExecutions, Maximum). */
  concurrencyMax: number;
  /** Invocations served by provisioned concurrency, and those that spilled over to on-demand. */
  provisionedInvocations: number;
  spilloverInvocations: number;
  /** Peak of provisioned environments in use (ProvisionedConcurrentExecutions). */
  provisionedConcurrencyMax: number;
  /** Iterator age maximum, ms (stream sources only, else undefined). */
  iteratorAgeMax: number | undefined;
  /** Async event age maximum, ms (async sources only, else undefined). */
  asyncEventAgeMax: number | undefined;
  deadLetterErrors: number;
  /** Duration distribution of the minute's invocations. */
  duration: DurationSample;
}

export interface RegionMinuteStats {
  invocations: number;
  errors: number;
  throttles: number;
  concurrencyMax: number;
  unreservedConcurrencyMax: number;
  claimedConcurrency: number;
}

/** The block of minutes a minute belongs to. */
export const blockOf = (minute: number): number => Math.floor(minute / BLOCK_MINUTES);

/** Function blocks kept (about 15 KB each): more than the functions of a large region. */
const FUNCTION_BLOCKS_KEPT = 4096;
const REGION_BLOCKS_KEPT = 1024;
const SPARE_BLOCKS = 64;
/**
 * Statistics of whole periods kept: a few per function of the largest scenario for a handful of
 * ranges. The console asks the same range's statistics again (the table's and the analysis's
 * sets overlap, and figures are read again when they go stale); a period's minutes before "now"
 * never change, so an answer computed once stays right.
 */
const PERIOD_VALUES_KEPT = 400_000;

/** A map bounded to `capacity` entries that forgets the least recently used one. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  /** Stores a value; returns the one it displaces, if any. */
  set(key: K, value: V): V | undefined {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size <= this.capacity) return undefined;
    const oldest = this.map.entries().next();
    if (oldest.done) return undefined;
    this.map.delete(oldest.value[0]);
    return oldest.value[1];
  }
}

interface Region {
  name: string;
  functions: IndexedFunction[];
  limit: number;
  /** Concurrency reserved by functions, in total. */
  reserved: number;
  /** Concurrency left for unreserved functions: the limit less reserved, never under AWS's 100 floor. */
  pool: number;
  /** Provisioned concurrency allocated to unreserved functions, in total. */
  provisionedUnreserved: number;
  /** False when even the most the unreserved functions could ever ask for fits in the pool. */
  canThrottle: boolean;
}

/** The region's unreserved demand over a block, and the fraction of it the pool can serve. */
interface RegionDemandBlock {
  /** Peak concurrency the unreserved functions wanted, per minute. */
  unreservedDemand: Float64Array;
  /** Fraction of unreserved demand the region could serve (1 when under the limit). */
  serveFraction: Float64Array;
}

type RegionStatsBlock = Record<keyof RegionMinuteStats, Float64Array>;

export class WorkloadModel {
  /** The minute the scenario's relative times are measured from. */
  readonly anchorMinute: number;
  private readonly regions = new Map<string, Region>();
  private readonly models = new Map<IndexedFunction, FunctionModel>();
  /** Keys of function blocks: block index times this, plus the function's index. */
  private readonly keySpan: number;
  private readonly blocks = new LruCache<number, FunctionBlock>(FUNCTION_BLOCKS_KEPT);
  /** Blocks the cache dropped, by layout, for reuse. */
  private readonly spare = new Map<number, FunctionBlock[]>();
  private readonly demandBlocks = new LruCache<string, RegionDemandBlock>(REGION_BLOCKS_KEPT);
  private readonly statsBlocks = new LruCache<string, RegionStatsBlock>(REGION_BLOCKS_KEPT);
  /** Statistics of past periods, by a key naming the target, metric, statistic and minutes. */
  readonly periodValues = new LruCache<string, number>(PERIOD_VALUES_KEPT);

  constructor(
    readonly scenario: Scenario,
    anchorMs: number,
  ) {
    this.anchorMinute = Math.floor(anchorMs / MINUTE_MS);
    let maxIndex = 0;
    for (const fn of scenario.functionIndex.values()) {
      maxIndex = Math.max(maxIndex, fn.index);
      this.models.set(fn, new FunctionModel(fn, scenario.seed, this.anchorMinute));
      let region = this.regions.get(fn.region);
      if (!region) {
        region = {
          name: fn.region,
          functions: [],
          limit: scenario.regions[fn.region]?.concurrencyLimit ?? 1000,
          reserved: 0,
          pool: 0,
          provisionedUnreserved: 0,
          canThrottle: true,
        };
        this.regions.set(fn.region, region);
      }
      region.functions.push(fn);
      if (fn.reservedConcurrency !== undefined) region.reserved += fn.reservedConcurrency;
      else region.provisionedUnreserved += fn.provisionedConcurrency?.allocated ?? 0;
    }
    this.keySpan = maxIndex + 1;
    for (const region of this.regions.values()) {
      region.pool = Math.max(100, region.limit - region.reserved);
      let bound = 0;
      for (const fn of region.functions)
        if (fn.reservedConcurrency === undefined) bound += this.modelOf(fn).maxMeanConcurrency();
      // A margin far above floating-point error: the exact demand never reaches the bound.
      bound = bound * 1.01 + 1;
      region.canThrottle = !(Math.ceil(bound + 3 * Math.sqrt(bound)) <= region.pool);
    }
  }

  functionsIn(region: string): readonly IndexedFunction[] {
    return this.regions.get(region)?.functions ?? [];
  }

  private modelOf(fn: IndexedFunction): FunctionModel {
    let m = this.models.get(fn);
    if (!m) {
      m = new FunctionModel(fn, this.scenario.seed, this.anchorMinute);
      this.models.set(fn, m);
    }
    return m;
  }

  private regionOf(name: string): Region {
    let region = this.regions.get(name);
    if (!region) {
      const limit = this.scenario.regions[name]?.concurrencyLimit ?? 1000;
      region = {
        name,
        functions: [],
        limit,
        reserved: 0,
        pool: Math.max(100, limit),
        provisionedUnreserved: 0,
        canThrottle: false,
      };
      this.regions.set(name, region);
    }
    return region;
  }

  /**
   * A function's figures for the block of minutes `b` (minutes b * BLOCK_MINUTES onwards). With
   * `keep` false a block not already cached is computed without displacing cached ones (for scans
   * that read each block once). Blocks are recycled once the cache drops them: read a block before
   * asking the model for another one.
   */
  block(fn: IndexedFunction, b: number, keep = true): FunctionBlock {
    const key = b * this.keySpan + fn.index;
    const hit = this.blocks.get(key);
    if (hit && hit.fn === fn) return hit;
    const model = this.modelOf(fn);
    const layout = FunctionBlock.layoutOf(model);
    // A block the cache dropped is recycled: its arrays are large, and scans drop one per block they read.
    const block = this.spare.get(layout)?.pop() ?? new FunctionBlock(model);
    block.model = model;
    computeBlock(block, b * BLOCK_MINUTES, this.serveOf(fn, b), this.anchorMinute);
    const dropped = keep ? this.blocks.set(key, block) : undefined;
    if (dropped) {
      const spares = this.spare.get(FunctionBlock.layoutOf(dropped.model)) ?? [];
      if (spares.length < SPARE_BLOCKS) spares.push(dropped);
      this.spare.set(FunctionBlock.layoutOf(dropped.model), spares);
    }
    return block;
  }

  /** What the region lets an unreserved function run during block `b`. */
  private serveOf(fn: IndexedFunction, b: number): RegionServe {
    const region = this.regionOf(fn.region);
    if (fn.reservedConcurrency !== undefined || !region.canThrottle)
      return { serveFraction: undefined, pool: region.pool };
    return { serveFraction: runNow(this.regionDemand(region, b)).serveFraction, pool: region.pool };
  }

  /** Everything a function did in one minute. Minutes at or after `now` have no data: callers check. */
  minute(fn: IndexedFunction, minute: number): MinuteStats {
    const b = blockOf(minute);
    const block = this.block(fn, b);
    const i = minute - b * BLOCK_MINUTES;
    const iteratorAge = block.iteratorAgeMax[i] ?? NaN;
    const asyncAge = block.asyncEventAgeMax[i] ?? NaN;
    return {
      invocations: block.invocations[i] ?? 0,
      errors: block.errors[i] ?? 0,
      timeouts: block.timeouts[i] ?? 0,
      outOfMemory: block.outOfMemory[i] ?? 0,
      throttles: block.throttles[i] ?? 0,
      coldStarts: block.coldStarts[i] ?? 0,
      concurrencyMax: block.concurrencyMax[i] ?? 0,
      provisionedInvocations: block.provisionedInvocations[i] ?? 0,
      spilloverInvocations: block.spilloverInvocations[i] ?? 0,
      provisionedConcurrencyMax: block.provisionedConcurrencyMax[i] ?? 0,
      iteratorAgeMax: Number.isNaN(iteratorAge) ? undefined : iteratorAge,
      asyncEventAgeMax: Number.isNaN(asyncAge) ? undefined : asyncAge,
      deadLetterErrors: 0,
      duration: block.duration(i),
    };
  }

  /** The unreserved functions' demand over block `b` of a region: one pass over its functions. */
  private *regionDemand(region: Region, b: number): Work<RegionDemandBlock> {
    const key = `${region.name}/${b}`;
    const hit = this.demandBlocks.get(key);
    if (hit) return hit;
    const first = b * BLOCK_MINUTES;
    const mean = new Float64Array(BLOCK_MINUTES);
    for (const fn of region.functions) {
      if (fn.reservedConcurrency !== undefined) continue;
      const fm = this.modelOf(fn);
      for (let i = 0; i < BLOCK_MINUTES; i++) {
        const minute = first + i;
        mean[i] = (mean[i] ?? 0) + fm.meanConcurrency(fm.demand(minute, fm.minuteState(minute)), minute);
      }
      yield;
    }
    const unreservedDemand = new Float64Array(BLOCK_MINUTES);
    const serveFraction = new Float64Array(BLOCK_MINUTES);
    for (let i = 0; i < BLOCK_MINUTES; i++) {
      const m = mean[i] ?? 0;
      const demand = m > 0 ? Math.ceil(m + 3 * Math.sqrt(m)) : 0;
      unreservedDemand[i] = demand;
      serveFraction[i] = demand > region.pool ? region.pool / demand : 1;
    }
    const block = { unreservedDemand, serveFraction };
    this.demandBlocks.set(key, block);
    return block;
  }

  /** Region-wide figures over block `b`: one pass over the region's functions. */
  private *regionStatsBlock(region: Region, b: number): Work<RegionStatsBlock> {
    const key = `${region.name}/${b}`;
    const hit = this.statsBlocks.get(key);
    if (hit) return hit;
    const demand = yield* this.regionDemand(region, b);
    const column = () => new Float64Array(BLOCK_MINUTES);
    const out: RegionStatsBlock = {
      invocations: column(),
      errors: column(),
      throttles: column(),
      concurrencyMax: column(),
      unreservedConcurrencyMax: column(),
      claimedConcurrency: column(),
    };
    const reservedPeaks = column();
    for (const fn of region.functions) {
      const block = this.block(fn, b, false);
      for (let i = 0; i < BLOCK_MINUTES; i++) {
        out.invocations[i] = (out.invocations[i] ?? 0) + (block.invocations[i] ?? 0);
        out.errors[i] = (out.errors[i] ?? 0) + (block.errors[i] ?? 0);
        out.throttles[i] = (out.throttles[i] ?? 0) + (block.throttles[i] ?? 0);
      }
      if (fn.reservedConcurrency !== undefined)
        for (let i = 0; i < BLOCK_MINUTES; i++)
          reservedPeaks[i] = (reservedPeaks[i] ?? 0) + (block.concurrencyMax[i] ?? 0);
      yield;
    }
    for (let i = 0; i < BLOCK_MINUTES; i++) {
      // The unreserved pool's peak is the demand it could serve: it reaches the pool exactly when throttling starts.
      const unreserved = Math.min(
        region.pool,
        Math.round((demand.unreservedDemand[i] ?? 0) * (demand.serveFraction[i] ?? 1)),
      );
      out.unreservedConcurrencyMax[i] = unreserved;
      out.concurrencyMax[i] = Math.min(region.limit, unreserved + (reservedPeaks[i] ?? 0));
      // ClaimedAccountConcurrency = unreserved in use + all reserved + provisioned on unreserved functions (LM-CONC).
      out.claimedConcurrency[i] = Math.min(
        region.limit,
        unreserved + region.reserved + region.provisionedUnreserved,
      );
    }
    this.statsBlocks.set(key, out);
    return out;
  }

  /**
   * Work that computes ahead what reading a region's minutes [first, last) will need: the region's
   * demand where it can throttle (for its functions' minutes) and, with `regionWide`, its
   * region-wide figures. Run in slices, it keeps the first read of a large region off the event loop.
   */
  *prepare(region: string, first: number, last: number, regionWide: boolean): Work<void> {
    const r = this.regionOf(region);
    if (!regionWide && !r.canThrottle) return;
    for (let b = blockOf(first); b * BLOCK_MINUTES < last; b++) {
      if (regionWide) yield* this.regionStatsBlock(r, b);
      else yield* this.regionDemand(r, b);
    }
  }

  /** Region-wide figures for one minute (metrics without dimensions). */
  regionStats(region: string, minute: number): RegionMinuteStats {
    const b = blockOf(minute);
    const block = runNow(this.regionStatsBlock(this.regionOf(region), b));
    const i = minute - b * BLOCK_MINUTES;
    return {
      invocations: block.invocations[i] ?? 0,
      errors: block.errors[i] ?? 0,
      throttles: block.throttles[i] ?? 0,
      concurrencyMax: block.concurrencyMax[i] ?? 0,
      unreservedConcurrencyMax: block.unreservedConcurrencyMax[i] ?? 0,
      claimedConcurrency: block.claimedConcurrency[i] ?? 0,
    };
  }

  /** Init duration median for a function's cold starts, ms: runtime, package size and VPC. */
  initMedianMs(fn: IndexedFunction): number {
    if (fn.workload.initDurationMs) return fn.workload.initDurationMs;
    const rt = fn.runtime ?? "provided";
    const base = rt.startsWith("java")
      ? 900
      : rt.startsWith("dotnet")
        ? 450
        : rt.startsWith("python")
          ? 260
          : rt.startsWith("nodejs")
            ? 190
            : rt.startsWith("ruby")
              ? 240
              : 60;
    const packageMs = (fn.totalUnzippedBytes / 1_000_000) * 4;
    const vpcMs = fn.vpc ? 650 : 0;
    return base + packageMs + vpcMs;
  }
}
