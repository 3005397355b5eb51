import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/load";
import type { ScenarioInput } from "../scenario/schema";
import { LogSource } from "./logs";
import { MINUTE_MS, WorkloadModel } from "./workload";

const NOW = Date.UTC(2026, 10, 20, 12, 0);
const NOW_MIN = NOW / MINUTE_MS;

type FnInput = Omit<NonNullable<ScenarioInput["functions"]>[number], "region" | "role">;

function scenario(seed: number, functions: FnInput[], concurrencyLimit = 1000): ScenarioInput {
  return {
    name: "prop",
    seed,
    accountId: "111122223333",
    regions: { "us-east-1": { concurrencyLimit } },
    roles: [{ name: "r" }],
    functions: functions.map((f) => ({ region: "us-east-1", runtime: "nodejs22.x", role: "r", ...f })),
  };
}

function build(input: ScenarioInput) {
  const s = parseScenario(input);
  const model = new WorkloadModel(s, NOW);
  const logs = new LogSource(s, model, () => NOW);
  const fn = (name: string) => {
    const f = s.functionIndex.get(`us-east-1/${name}`);
    if (!f) throw new Error(`no function ${name}`);
    return f;
  };
  return { s, model, logs, fn };
}

const fnArb = fc.record({
  rpm: fc.double({ min: 0.1, max: 300, noNaN: true }),
  median: fc.double({ min: 5, max: 5000, noNaN: true }),
  spread: fc.double({ min: 1.1, max: 20, noNaN: true }),
  timeoutS: fc.integer({ min: 1, max: 120 }),
  memoryMB: fc.constantFrom(128, 256, 512, 1024),
  memUse: fc.double({ min: 0.2, max: 1.1, noNaN: true }),
  errorRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  format: fc.constantFrom("Text" as const, "JSON" as const),
  runtime: fc.constantFrom("nodejs22.x", "python3.12", "java21"),
});

describe("workload model", () => {
  it("is deterministic: the same minute gives the same figures whatever was asked before", () => {
    const input = scenario(11, [
      { name: "a", workload: { rpm: 50, durationMedianMs: 100, durationP99Ms: 900, maxMemoryUsedMB: 60 } },
    ]);
    const one = build(input);
    const two = build(input);
    const m = NOW_MIN - 30;
    for (let i = NOW_MIN - 120; i < NOW_MIN; i++) one.model.minute(one.fn("a"), i);
    const a = one.model.minute(one.fn("a"), m);
    const b = two.model.minute(two.fn("a"), m);
    expect({ ...a, duration: a.duration.sum }).toEqual({ ...b, duration: b.duration.sum });
  });

  it("keeps every duration within the timeout and counts timeouts as errors", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fnArb, (seed, p) => {
        const { model, fn } = build(
          scenario(seed, [
            {
              name: "f",
              timeoutS: p.timeoutS,
              memoryMB: p.memoryMB,
              workload: {
                rpm: p.rpm,
                durationMedianMs: p.median,
                durationP99Ms: p.median * p.spread,
                maxMemoryUsedMB: p.memoryMB * p.memUse,
                errorRate: p.errorRate,
              },
            },
          ]),
        );
        for (let m = NOW_MIN - 20; m < NOW_MIN; m++) {
          const s = model.minute(fn("f"), m);
          if (s.invocations === 0) continue;
          expect(s.duration.max).toBeLessThanOrEqual(p.timeoutS * 1000);
          expect(s.errors).toBeGreaterThanOrEqual(s.timeouts + s.outOfMemory);
          expect(s.errors).toBeLessThanOrEqual(s.invocations);
          expect(s.duration.percentile(50)).toBeLessThanOrEqual(s.duration.percentile(99));
          if (s.timeouts > 0) expect(s.duration.max).toBe(p.timeoutS * 1000);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("throttles only when reserved concurrency or the account limit is reached", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 20 }), (seed, reserved) => {
        const { model, fn } = build(
          scenario(seed, [
            {
              name: "capped",
              reservedConcurrency: reserved,
              timeoutS: 60,
              workload: { rpm: 120, durationMedianMs: 3000, durationP99Ms: 9000, maxMemoryUsedMB: 60 },
            },
            {
              name: "free",
              timeoutS: 60,
              workload: { rpm: 30, durationMedianMs: 100, durationP99Ms: 400, maxMemoryUsedMB: 60 },
            },
          ]),
        );
        for (let m = NOW_MIN - 30; m < NOW_MIN; m++) {
          const c = model.minute(fn("capped"), m);
          expect(c.concurrencyMax).toBeLessThanOrEqual(reserved);
          if (c.throttles > 0) expect(c.concurrencyMax).toBe(reserved);
          // The free function is far below the 1,000 account limit: never throttled.
          expect(model.minute(fn("free"), m).throttles).toBe(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("throttles unreserved functions when the region runs out of concurrency", () => {
    const { model, fn } = build(
      scenario(
        3,
        [
          {
            name: "hog",
            timeoutS: 120,
            workload: { rpm: 600, durationMedianMs: 30000, durationP99Ms: 60000, maxMemoryUsedMB: 60 },
          },
        ],
        100,
      ),
    );
    let throttles = 0;
    for (let m = NOW_MIN - 30; m < NOW_MIN; m++) {
      const s = model.minute(fn("hog"), m);
      throttles += s.throttles;
      expect(s.concurrencyMax).toBeLessThanOrEqual(100);
      expect(model.regionStats("us-east-1", m).unreservedConcurrencyMax).toBeLessThanOrEqual(100);
    }
    expect(throttles).toBeGreaterThan(0);
  });

  it("spills over provisioned concurrency only when it is fully used", () => {
    const { model, fn } = build(
      scenario(5, [
        {
          name: "busy",
          provisionedConcurrency: { qualifier: "live", allocated: 2 },
          workload: { rpm: 300, durationMedianMs: 400, durationP99Ms: 1500, maxMemoryUsedMB: 60 },
        },
        {
          name: "idle",
          provisionedConcurrency: { qualifier: "live", allocated: 50 },
          workload: { rpm: 2, durationMedianMs: 100, durationP99Ms: 400, maxMemoryUsedMB: 60 },
        },
      ]),
    );
    let spill = 0;
    for (let m = NOW_MIN - 30; m < NOW_MIN; m++) {
      const busy = model.minute(fn("busy"), m);
      spill += busy.spilloverInvocations;
      expect(busy.provisionedInvocations + busy.spilloverInvocations).toBe(busy.invocations);
      const idle = model.minute(fn("idle"), m);
      expect(idle.spilloverInvocations).toBe(0);
      expect(idle.coldStarts).toBe(0);
    }
    expect(spill).toBeGreaterThan(0);
  });

  it("gives VPC functions and big packages slower cold starts", () => {
    const { model, fn } = build(
      scenario(1, [
        {
          name: "plain",
          runtime: "python3.12",
          workload: { rpm: 1, durationMedianMs: 10, durationP99Ms: 20, maxMemoryUsedMB: 60 },
        },
        {
          name: "vpc",
          runtime: "python3.12",
          vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
          codeSizeUnzippedBytes: 200_000_000,
          workload: { rpm: 1, durationMedianMs: 10, durationP99Ms: 20, maxMemoryUsedMB: 60 },
        },
        {
          name: "java",
          runtime: "java21",
          workload: { rpm: 1, durationMedianMs: 10, durationP99Ms: 20, maxMemoryUsedMB: 60 },
        },
      ]),
    );
    expect(model.initMedianMs(fn("vpc"))).toBeGreaterThan(model.initMedianMs(fn("plain")) + 500);
    expect(model.initMedianMs(fn("java"))).toBeGreaterThan(model.initMedianMs(fn("plain")));
  });

  it("has no data for idle minutes (no data is not zero)", () => {
    const { model, fn } = build(
      scenario(2, [
        { name: "idle", workload: { rpm: 0, durationMedianMs: 10, durationP99Ms: 20, maxMemoryUsedMB: 60 } },
      ]),
    );
    for (let m = NOW_MIN - 10; m < NOW_MIN; m++) expect(model.minute(fn("idle"), m).invocations).toBe(0);
  });
});

describe("logs describe the same invocations as the metrics", () => {
  it("matches invocations, cold starts, errors and timeouts minute by minute, in both log formats", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fnArb, (seed, p) => {
        const { model, logs, fn } = build(
          scenario(seed, [
            {
              name: "f",
              runtime: p.runtime,
              timeoutS: p.timeoutS,
              memoryMB: p.memoryMB,
              logFormat: p.format,
              workload: {
                rpm: Math.min(p.rpm, 120),
                durationMedianMs: p.median,
                durationP99Ms: p.median * p.spread,
                maxMemoryUsedMB: p.memoryMB * p.memUse,
                errorRate: p.errorRate,
              },
            },
          ]),
        );
        const f = fn("f");
        for (let m = NOW_MIN - 15; m < NOW_MIN; m++) {
          const stats = model.minute(f, m);
          const invs = logs.invocations(f, m, stats);
          const events = invs.flatMap((inv) => logs.eventsOf(f, inv));
          const json = p.format === "JSON";
          const reports = events.filter((e) =>
            json ? e.message.includes('"platform.report"') : e.message.startsWith("REPORT "),
          );
          const cold = reports.filter((e) => e.message.includes(json ? "initDurationMs" : "Init Duration"));
          const timeouts = json
            ? reports.filter((e) => e.message.includes('"status":"timeout"'))
            : events.filter((e) => e.message.includes("Task timed out after"));
          const failed = json
            ? reports.filter((e) => !e.message.includes('"status":"success"'))
            : reports.filter((e) => e.message.includes("Status: "));
          expect(reports.length).toBe(stats.invocations);
          expect(cold.length).toBe(stats.coldStarts);
          expect(timeouts.length).toBe(stats.timeouts);
          expect(failed.length).toBe(stats.errors);
          for (const inv of invs) {
            expect(inv.durationMs).toBeLessThanOrEqual(p.timeoutS * 1000);
            expect(inv.maxMemoryUsedMB).toBeLessThanOrEqual(p.memoryMB);
            expect(inv.billedDurationMs).toBeGreaterThanOrEqual(Math.ceil(inv.durationMs));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("bills the INIT phase of on-demand cold starts (since 1 August 2025)", () => {
    const { model, logs, fn } = build(
      scenario(9, [
        {
          name: "f",
          runtime: "python3.12",
          workload: { rpm: 0.5, durationMedianMs: 100, durationP99Ms: 200, maxMemoryUsedMB: 60 },
        },
      ]),
    );
    const f = fn("f");
    const colds = [];
    for (let m = NOW_MIN - 600; m < NOW_MIN; m++)
      colds.push(...logs.invocations(f, m, model.minute(f, m)).filter((i) => i.initDurationMs !== undefined));
    expect(colds.length).toBeGreaterThan(0);
    for (const inv of colds)
      expect(inv.billedDurationMs).toBe(Math.ceil(inv.durationMs + (inv.initDurationMs ?? 0)));
  });

  it("writes REPORT lines in Lambda's text grammar", () => {
    const { model, logs, fn } = build(
      scenario(4, [
        {
          name: "f",
          memoryMB: 256,
          workload: { rpm: 30, durationMedianMs: 100, durationP99Ms: 400, maxMemoryUsedMB: 90 },
        },
      ]),
    );
    const f = fn("f");
    const m = NOW_MIN - 5;
    const events = logs.invocations(f, m, model.minute(f, m)).flatMap((inv) => logs.eventsOf(f, inv));
    const report = events.find((e) => e.message.startsWith("REPORT"));
    expect(report?.message).toMatch(
      /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\t/,
    );
    expect(events.find((e) => e.message.startsWith("START"))?.message).toMatch(
      /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n$/,
    );
  });
});
