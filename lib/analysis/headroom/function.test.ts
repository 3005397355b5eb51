import { describe, expect, it } from "vitest";
import type { FunctionFacts, FunctionUsage } from "@/lib/analysis/function-facts";
import { makeFacts, makeUsage } from "@/lib/analysis/cost/test-fixtures";
import { errorRateBaseline, functionHeadroomFindings } from "./function";

const MB = 1024 * 1024;
const kinds = (facts: FunctionFacts, usage: FunctionUsage) =>
  functionHeadroomFindings(facts, usage).map((f) => [f.kind, f.severity]);

describe("functionHeadroomFindings", () => {
  it("finds nothing for a healthy function", () => {
    expect(functionHeadroomFindings(makeFacts(), makeUsage())).toEqual([]);
  });

  it.each<[string, Partial<FunctionFacts>, Partial<FunctionUsage>, Array<[string, string]>]>([
    // Reserved concurrency: 80 % warning, 95 % critical.
    ["concurrency at 79 % of reserved", { reservedConcurrency: 100 }, { concurrencyMax: 79 }, []],
    [
      "concurrency at 80 % of reserved",
      { reservedConcurrency: 100 },
      { concurrencyMax: 80 },
      [["reserved-concurrency", "warning"]],
    ],
    [
      "concurrency at 95 % of reserved",
      { reservedConcurrency: 100 },
      { concurrencyMax: 95 },
      [["reserved-concurrency", "critical"]],
    ],
    ["reserved 0 (off switch)", { reservedConcurrency: 0 }, { concurrencyMax: 0 }, []],
    // Provisioned concurrency.
    [
      "PC used at 59 %",
      { provisionedConcurrency: { allocated: 10 } },
      { provisionedUtilizationMax: 0.59 },
      [["provisioned-underused", "warning"]],
    ],
    [
      "PC used at 60 %",
      { provisionedConcurrency: { allocated: 10 } },
      { provisionedUtilizationMax: 0.6 },
      [],
    ],
    [
      "PC used at 96 %",
      { provisionedConcurrency: { allocated: 10 } },
      { provisionedUtilizationMax: 0.96 },
      [["provisioned-near-full", "critical"]],
    ],
    [
      "PC spillover",
      { provisionedConcurrency: { allocated: 10 } },
      { provisionedUtilizationMax: 0.7, spilloverInvocations: 500 },
      [["provisioned-spillover", "warning"]],
    ],
    ["no PC, spillover metric 0", {}, { spilloverInvocations: 0 }, []],
    // Duration against a 30 s timeout.
    ["p99 at 79 % of timeout", {}, { durationP99Ms: 23_700, durationMaxMs: 25_000 }, []],
    [
      "p99 at 80 % of timeout",
      {},
      { durationP99Ms: 24_000, durationMaxMs: 25_000 },
      [["duration-near-timeout", "warning"]],
    ],
    [
      "p99 at 95 % of timeout",
      {},
      { durationP99Ms: 28_500, durationMaxMs: 29_000 },
      [["duration-near-timeout", "critical"]],
    ],
    [
      "only the max reaches the timeout",
      {},
      { durationP99Ms: 2_000, durationMaxMs: 30_000 },
      [["duration-near-timeout", "warning"]],
    ],
    [
      "p99 unknown, max at 99 %",
      {},
      { durationP99Ms: undefined, durationMaxMs: 29_700 },
      [["duration-near-timeout", "warning"]],
    ],
    // Timeouts that happened.
    ["1 timeout in 1M", {}, { timeouts: 1 }, [["timeouts", "warning"]]],
    ["1 % timed out", {}, { timeouts: 10_000 }, [["timeouts", "critical"]]],
    ["no timeouts", {}, { timeouts: 0 }, []],
    // Memory against 1,024 MB.
    ["memory used = size", {}, { maxMemoryUsedMB: 1024 }, [["memory-exhausted", "critical"]]],
    ["memory used at 91 %", {}, { maxMemoryUsedMB: 932 }, [["memory-near-limit", "warning"]]],
    ["memory used at 90 %", {}, { maxMemoryUsedMB: 921 }, []],
    ["memory used under a third", {}, { maxMemoryUsedMB: 300 }, [["memory-over-provisioned", "info"]]],
    ["128 MB cannot go lower", { memoryMB: 128 }, { maxMemoryUsedMB: 40 }, []],
    ["memory use unknown", {}, { maxMemoryUsedMB: undefined }, []],
    // Code size.
    ["zip at 45 MB", { codeSizeBytes: 45 * MB }, {}, [["code-size-zipped", "warning"]]],
    [
      "zip at 49.9 MB (still a warning: S3 uploads go beyond)",
      { codeSizeBytes: 49.9 * MB },
      {},
      [["code-size-zipped", "warning"]],
    ],
    ["unzipped at 240 MB", { codeSizeUnzippedBytes: 240 * MB }, {}, [["code-size-unzipped", "critical"]]],
    ["unzipped size unknown", { codeSizeUnzippedBytes: undefined }, {}, []],
    [
      "container image of 2 GB",
      { packageType: "Image", runtime: undefined, codeSizeBytes: 2048 * MB },
      {},
      [],
    ],
    // Environment and layers.
    [
      "environment at 3.3 KB",
      { environment: { names: [], totalBytes: 3300, secretLooking: [] } },
      {},
      [["environment-size", "warning"]],
    ],
    ["environment at 3.2 KB", { environment: { names: [], totalBytes: 3200, secretLooking: [] } }, {}, []],
    ["4 layers", { layers: layers(4) }, {}, [["layer-count", "warning"]]],
    ["5 layers", { layers: layers(5) }, {}, [["layer-count", "critical"]]],
    ["3 layers", { layers: layers(3) }, {}, []],
    // Iterator age.
    ["iterator age 10 s", {}, { iteratorAgeMaxMs: 10_000 }, []],
    ["iterator age 11 s", {}, { iteratorAgeMaxMs: 11_000 }, [["iterator-age", "warning"]]],
    ["iterator age 3 h", {}, { iteratorAgeMaxMs: 3 * 3_600_000 }, [["iterator-age", "critical"]]],
    // Throttles (1M invocations).
    ["a few throttles", {}, { throttles: 100 }, [["throttles", "info"]]],
    ["2 % throttled", {}, { throttles: 20_409 }, [["throttles", "warning"]]],
    ["10 % throttled", {}, { throttles: 111_112 }, [["throttles", "critical"]]],
    // Error rate against a baseline of 0.5 %.
    ["errors at baseline", {}, { errors: 5_000, errorRateBaseline: 0.005 }, []],
    ["errors 2× baseline but < 1 point above", {}, { errors: 10_000, errorRateBaseline: 0.005 }, []],
    ["errors at 2 %", {}, { errors: 20_000, errorRateBaseline: 0.005 }, [["error-rate", "warning"]]],
    ["errors at 10 %", {}, { errors: 100_000, errorRateBaseline: 0.005 }, [["error-rate", "critical"]]],
    [
      "errors at 50 % of 20 invocations (too few)",
      {},
      { invocations: 20, errors: 10, errorRateBaseline: 0 },
      [],
    ],
    ["no baseline", {}, { errors: 100_000, errorRateBaseline: undefined }, []],
  ])("%s", (_label, factsOverride, usageOverride, expected) => {
    expect(kinds(makeFacts(factsOverride), makeUsage(usageOverride))).toEqual(expected);
  });

  it("shows value, limit, percent and window on every finding", () => {
    const usage = makeUsage({ durationP99Ms: 28_500 });
    const [finding] = functionHeadroomFindings(makeFacts(), usage);
    expect(finding).toMatchObject({
      id: "duration-near-timeout:111111111111/us-east-1/orders-api",
      function: { account: "111111111111", region: "us-east-1", name: "orders-api" },
      metric: {
        value: 28_500,
        limit: 30_000,
        percent: 95,
        unit: "ms",
        window: { start: usage.windowStart, end: usage.windowEnd },
      },
    });
  });

  it("applies global and per-function thresholds", () => {
    const facts = makeFacts({ reservedConcurrency: 100 });
    const usage = makeUsage({ concurrencyMax: 70 });
    expect(functionHeadroomFindings(facts, usage, { global: { warningPercent: 70 } })).toHaveLength(1);
    expect(
      functionHeadroomFindings(facts, usage, {
        global: { warningPercent: 70 },
        perFunction: { "111111111111/us-east-1/orders-api": { warningPercent: 90 } },
      }),
    ).toHaveLength(0);
  });
});

describe("errorRateBaseline", () => {
  it("takes a percentile, so one bad period does not become the norm", () => {
    const rates = [0.01, 0.01, 0.012, 0.009, 0.011, 0.01, 0.01, 0.013, 0.01, 0.5];
    expect(errorRateBaseline(rates)).toBe(0.013);
    expect(errorRateBaseline(rates, 50)).toBe(0.01);
    expect(errorRateBaseline([])).toBeUndefined();
  });
});

function layers(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    arn: `arn:aws:lambda:us-east-1:111111111111:layer:l${i}:1`,
    codeSizeBytes: MB,
    account: "111111111111",
  }));
}
