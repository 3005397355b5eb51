import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { functionStreamId, parseScenario } from "../scenario/load";
import type { IndexedFunction, Scenario, ScenarioInput } from "../scenario/schema";
import { normal, stochasticRound, uniform } from "./rng";
import { BLOCK_MINUTES, MINUTE_MS, WorkloadModel, type MinuteStats } from "./workload";

/**
 * The model computes a block of minutes at a time, sharing each minute's traffic with the minutes
 * that look back at it and the region's demand with all its functions. This checks it against the
 * model's definition written minute by minute, with no sharing and no caches.
 */

const NOW = Date.UTC(2026, 10, 20, 12, 7);
const NOW_MIN = NOW / MINUTE_MS;
const S = {
  traffic: 1,
  trafficRound: 2,
  strata: 3,
  errors: 4,
  burst: 5,
  recycle: 6,
  oom: 7,
  iterator: 8,
  asyncAge: 9,
  throttleRound: 10,
};
const Z99 = 2.3263478740408408;

/** The model's definition, one minute at a time. */
class Definition {
  readonly anchor: number;

  constructor(private readonly scenario: Scenario) {
    this.anchor = NOW_MIN;
  }

  private active(fn: IndexedFunction, minute: number) {
    return fn.workload.incidents.filter((i) => {
      const end = i.endMinutesAgo ? this.anchor - i.endMinutesAgo : Infinity;
      return minute >= this.anchor - i.startMinutesAgo && minute < end;
    });
  }

  private u(fn: IndexedFunction, minute: number, stream: number): number {
    return uniform(this.scenario.seed, functionStreamId(fn), minute, stream);
  }

  demand(fn: IndexedFunction, minute: number): number {
    const w = fn.workload;
    if (w.rpm <= 0) return 0;
    const hourOfDay = (((minute % 1440) + 1440) % 1440) / 60;
    const shape = 1 + w.dailyAmplitude * Math.cos(((hourOfDay - 15) / 24) * 2 * Math.PI);
    const z = normal(this.scenario.seed, functionStreamId(fn), minute, S.traffic);
    let rate = w.rpm * shape * Math.exp(w.noise * z - (w.noise * w.noise) / 2);
    for (const inc of this.active(fn, minute)) rate *= inc.trafficMultiplier ?? 1;
    return stochasticRound(rate, this.u(fn, minute, S.trafficRound));
  }

  private median(fn: IndexedFunction, minute: number): number {
    let m = fn.workload.durationMedianMs;
    for (const inc of this.active(fn, minute)) m *= inc.durationMultiplier ?? 1;
    return m;
  }

  private sigma(fn: IndexedFunction): number {
    return Math.max(0.05, Math.log(fn.workload.durationP99Ms / fn.workload.durationMedianMs) / Z99);
  }

  private peak(fn: IndexedFunction, requests: number, minute: number): number {
    const meanMs = Math.min(fn.timeoutS * 1000, this.median(fn, minute) * Math.exp(this.sigma(fn) ** 2 / 2));
    const mean = (requests / 60) * (meanMs / 1000);
    if (mean <= 0) return 0;
    const burst = 1 + 0.15 * this.u(fn, minute, S.burst);
    return Math.max(1, Math.ceil((mean + 3 * Math.sqrt(mean)) * burst));
  }

  private region(region: string, minute: number) {
    let mean = 0;
    let reserved = 0;
    for (const fn of this.scenario.functionIndex.values()) {
      if (fn.region !== region) continue;
      if (fn.reservedConcurrency !== undefined) {
        reserved += fn.reservedConcurrency;
        continue;
      }
      const meanMs = Math.min(
        fn.timeoutS * 1000,
        this.median(fn, minute) * Math.exp(this.sigma(fn) ** 2 / 2),
      );
      mean += (this.demand(fn, minute) / 60) * (meanMs / 1000);
    }
    const demand = mean > 0 ? Math.ceil(mean + 3 * Math.sqrt(mean)) : 0;
    const pool = Math.max(100, (this.scenario.regions[region]?.concurrencyLimit ?? 1000) - reserved);
    return { serveFraction: demand > pool ? pool / demand : 1, pool };
  }

  minute(fn: IndexedFunction, minute: number): Omit<MinuteStats, "duration" | "deadLetterErrors"> {
    const w = fn.workload;
    const requested = this.demand(fn, minute);
    const demandPeak = this.peak(fn, requested, minute);
    let served = requested;
    let peak = demandPeak;
    if (fn.reservedConcurrency !== undefined) {
      if (demandPeak > fn.reservedConcurrency) {
        const fraction = fn.reservedConcurrency === 0 ? 0 : fn.reservedConcurrency / demandPeak;
        served = stochasticRound(requested * fraction, this.u(fn, minute, S.throttleRound));
        peak = fn.reservedConcurrency;
      }
    } else {
      const region = this.region(fn.region, minute);
      if (region.serveFraction < 1) {
        served = stochasticRound(requested * region.serveFraction, this.u(fn, minute, S.throttleRound));
        peak = Math.max(served > 0 ? 1 : 0, Math.floor(demandPeak * region.serveFraction));
      }
      peak = Math.min(peak, region.pool);
    }
    const throttles = requested - served;
    const pc = fn.provisionedConcurrency?.allocated ?? 0;
    const provisioned = pc > 0 && served > 0 ? (peak <= pc ? served : Math.round((served * pc) / peak)) : 0;
    const onDemand = served - provisioned;
    let coldStarts = 0;
    if (onDemand > 0) {
      const onDemandPeak = pc > 0 ? Math.max(0, peak - pc) : peak;
      let prevPeak = 0;
      for (let back = 1; back <= 5; back++)
        prevPeak = Math.max(prevPeak, this.peak(fn, this.demand(fn, minute - back), minute - back));
      const scaleUp = Math.max(0, onDemandPeak - (pc > 0 ? Math.max(0, prevPeak - pc) : prevPeak));
      const recycle = stochasticRound(onDemandPeak / 120, this.u(fn, minute, S.recycle));
      let idle = 0;
      if (this.demand(fn, minute - 1) === 0) {
        idle = 1;
        for (let back = 2; back <= 10; back++)
          if (this.demand(fn, minute - back) > 0) {
            idle = back >= 6 ? 1 : 0;
            break;
          }
      }
      coldStarts = Math.min(onDemand, scaleUp + recycle + idle);
    }
    const v = this.u(fn, minute, S.strata);
    const sigma = this.sigma(fn);
    const median = this.median(fn, minute);
    const timeoutMs = fn.timeoutS * 1000;
    const f = normalCdf(Math.log(timeoutMs / median) / sigma);
    const timeouts = served === 0 ? 0 : Math.max(0, served - Math.max(0, Math.ceil(served * f - v)));
    const outOfMemory =
      w.maxMemoryUsedMB >= fn.memoryMB && served - timeouts > 0
        ? Math.min(served - timeouts, stochasticRound((served - timeouts) * 0.003, this.u(fn, minute, S.oom)))
        : 0;
    let errorRate = w.errorRate;
    for (const inc of this.active(fn, minute)) if (inc.errorRate !== undefined) errorRate = inc.errorRate;
    const errors =
      timeouts +
      outOfMemory +
      stochasticRound((served - timeouts - outOfMemory) * errorRate, this.u(fn, minute, S.errors));
    let iteratorAgeMax: number | undefined;
    if (w.invocationType === "stream" && fn.eventSources.length > 0) {
      let age = w.iteratorAgeMs * (1 + 0.5 * this.u(fn, minute, S.iterator));
      for (const inc of this.active(fn, minute)) {
        if (inc.iteratorAgeMs === undefined) continue;
        const start = this.anchor - inc.startMinutesAgo;
        const end = inc.endMinutesAgo ? this.anchor - inc.endMinutesAgo : Infinity;
        const span = Math.max(1, Math.min(end, this.anchor) - start);
        age = Math.max(age, inc.iteratorAgeMs * Math.min(1, (minute - start + 1) / span));
      }
      if (throttles > 0) age *= 1 + throttles / Math.max(1, served);
      iteratorAgeMax = served > 0 ? Math.round(age) : undefined;
    }
    const asyncEventAgeMax =
      w.invocationType === "async" && served > 0
        ? Math.round(
            (20 + 80 * this.u(fn, minute, S.asyncAge)) * (1 + (10 * throttles) / Math.max(1, served)),
          )
        : undefined;
    return {
      invocations: served,
      errors,
      timeouts,
      outOfMemory,
      throttles,
      coldStarts,
      concurrencyMax: served > 0 ? peak : 0,
      provisionedInvocations: provisioned,
      spilloverInvocations: pc > 0 ? served - provisioned : 0,
      provisionedConcurrencyMax: pc > 0 && served > 0 ? Math.min(peak, pc) : 0,
      iteratorAgeMax,
      asyncEventAgeMax,
    };
  }
}

function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

const fnArb = fc.record({
  // Idle gaps come with sparse traffic, throttling with heavy traffic.
  rpm: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 2, max: 600, noNaN: true })),
  median: fc.double({ min: 5, max: 20_000, noNaN: true }),
  spread: fc.double({ min: 1.1, max: 20, noNaN: true }),
  timeoutS: fc.integer({ min: 1, max: 120 }),
  memUse: fc.double({ min: 0.2, max: 1.1, noNaN: true }),
  reserved: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  provisioned: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
  type: fc.constantFrom("sync" as const, "async" as const, "stream" as const),
  incident: fc.option(
    fc.record({
      startMinutesAgo: fc.integer({ min: 20, max: 400 }),
      endMinutesAgo: fc.integer({ min: 0, max: 19 }),
      trafficMultiplier: fc.double({ min: 0.2, max: 5, noNaN: true }),
      durationMultiplier: fc.option(fc.double({ min: 0.5, max: 4, noNaN: true }), { nil: undefined }),
      errorRate: fc.double({ min: 0, max: 1, noNaN: true }),
      iteratorAgeMs: fc.integer({ min: 0, max: 100_000 }),
    }),
    { nil: undefined },
  ),
});

type FnParams = typeof fnArb extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(seed: number, limit: number, fns: FnParams[]): ScenarioInput {
  return {
    name: "blocks",
    seed,
    accountId: "111122223333",
    regions: { "us-east-1": { concurrencyLimit: limit } },
    roles: [{ name: "r" }],
    functions: fns.map((p, i) => ({
      name: `f${i}`,
      region: "us-east-1",
      runtime: "nodejs22.x",
      role: "r",
      timeoutS: p.timeoutS,
      reservedConcurrency: p.reserved,
      provisionedConcurrency: p.provisioned ? { qualifier: "live", allocated: p.provisioned } : undefined,
      eventSources:
        p.type === "stream" ? [{ eventSourceArn: "arn:aws:kinesis:us-east-1:111122223333:stream/s" }] : [],
      workload: {
        rpm: p.rpm,
        durationMedianMs: p.median,
        durationP99Ms: p.median * p.spread,
        maxMemoryUsedMB: 128 * p.memUse,
        invocationType: p.type,
        iteratorAgeMs: 500,
        incidents: p.incident ? [p.incident] : [],
      },
    })),
  };
}

describe("the model's blocks of minutes", () => {
  it("give every minute the figures of the minute-by-minute definition, across block edges and throttling", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom(100, 400, 5000),
        fc.array(fnArb, { minLength: 1, maxLength: 4 }),
        (seed, limit, fns) => {
          const scenario = parseScenario(scenarioOf(seed, limit, fns));
          const model = new WorkloadModel(scenario, NOW);
          const definition = new Definition(scenario);
          // The minutes around a block edge, read from the middle of the later block first.
          const edge = Math.floor(NOW_MIN / BLOCK_MINUTES) * BLOCK_MINUTES;
          const minutes = Array.from({ length: 40 }, (_, i) => edge + ((i + 20) % 40) - 20);
          for (const fn of scenario.functionIndex.values())
            for (const m of minutes) {
              const { duration, deadLetterErrors, ...stats } = model.minute(fn, m);
              expect(stats).toEqual(definition.minute(fn, m));
              expect(duration.n).toBe(stats.invocations);
              expect(deadLetterErrors).toBe(0);
            }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sum to the region-wide figures", () => {
    const fns = Array.from({ length: 6 }, (_, i) => ({
      rpm: 40 * (i + 1),
      median: 2000,
      spread: 3,
      timeoutS: 30,
      memUse: 0.5,
      reserved: i === 0 ? 5 : undefined,
      provisioned: undefined,
      type: "sync" as const,
      incident: undefined,
    }));
    const scenario = parseScenario(scenarioOf(3, 150, fns));
    const model = new WorkloadModel(scenario, NOW);
    for (let m = NOW_MIN - 300; m < NOW_MIN; m += 7) {
      const region = model.regionStats("us-east-1", m);
      let invocations = 0;
      let throttles = 0;
      for (const fn of scenario.functionIndex.values()) {
        invocations += model.minute(fn, m).invocations;
        throttles += model.minute(fn, m).throttles;
      }
      expect(region.invocations).toBe(invocations);
      expect(region.throttles).toBe(throttles);
      expect(region.unreservedConcurrencyMax).toBeLessThanOrEqual(145);
    }
  });
});
