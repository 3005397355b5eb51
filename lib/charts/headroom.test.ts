import { describe, expect, it } from "vitest";
import type { ColdStartSummary, FunctionConfig, MetricSummary } from "@/lib/schemas/functions";
import { barWidth, gaugeLevel, gaugePercent } from "./gauge";
import { functionHeadroom } from "./headroom";

describe("gauge", () => {
  it("levels at 80 % and 95 % and knows what it does not know", () => {
    expect(gaugeLevel(79, 100)).toBe("ok");
    expect(gaugeLevel(80, 100)).toBe("warning");
    expect(gaugeLevel(95, 100)).toBe("critical");
    expect(gaugeLevel(null, 100)).toBe("unknown");
    expect(gaugeLevel(5, 0)).toBe("unknown");
    expect(gaugePercent(150, 100)).toBe(150);
    expect(barWidth(150)).toBe(100);
    expect(barWidth(null)).toBe(0);
  });
});

const config = {
  account: "prod",
  region: "us-east-1",
  name: "fn",
  arn: "arn",
  description: "",
  runtime: "nodejs20.x",
  packageType: "Zip",
  handler: "index.handler",
  architecture: "arm64",
  memoryMB: 512,
  timeoutS: 3,
  ephemeralStorageMB: 512,
  codeSizeBytes: 45 * 1024 * 1024,
  codeSizeUnzippedBytes: null,
  layers: [{ arn: "l1", codeSizeBytes: 10, account: "prod" }],
  environment: { variables: [], totalBytes: 1024 },
  role: { name: "r", arn: "arn:r" },
  vpc: null,
  tracing: "PassThrough",
  logFormat: "Text",
  logGroup: { name: "/aws/lambda/fn", retentionDays: null, storedBytes: null, createdAt: null },
  snapStart: false,
  deadLetterTarget: null,
  state: "Active",
  lastModified: "2026-11-01T00:00:00Z",
  version: "$LATEST",
  tags: {},
  team: null,
  reservedConcurrency: null,
  provisionedConcurrency: null,
  functionUrl: null,
  asyncConfig: null,
  eventSources: [],
  aliases: [],
} satisfies FunctionConfig;

const metrics: MetricSummary = {
  invocations: 100,
  errors: 1,
  errorRate: 0.01,
  throttles: 0,
  durationAvgMs: 100,
  durationP50Ms: 90,
  durationP95Ms: 200,
  durationP99Ms: 2500,
  durationMaxMs: 2900,
  concurrencyMax: 12,
  provisionedSpillover: null,
  iteratorAgeMaxMs: null,
  deadLetterErrors: null,
  asyncEventAgeMaxMs: null,
};

describe("functionHeadroom", () => {
  it("compares each figure with its limit in the right units", () => {
    const g = functionHeadroom({ config, metrics, coldStarts: null, accountConcurrency: 1000 });
    const by = Object.fromEntries(g.map((x) => [x.id, x]));
    expect(by.timeout).toMatchObject({
      value: 2900,
      limit: 3000,
      level: "critical",
      markers: [{ label: "p99", value: 2500 }],
    });
    expect(by.memory).toMatchObject({ value: null, limit: 512, level: "unknown" });
    expect(by.concurrency).toMatchObject({
      value: 12,
      limit: 1000,
      limitLabel: "account limit",
      level: "ok",
    });
    expect(by["code-zipped"]).toMatchObject({ limit: 50 * 1024 * 1024, level: "warning" });
    expect(by["code-unzipped"]).toMatchObject({
      value: null,
      level: "unknown",
      note: "a layer's size is unknown",
    });
    expect(by.environment).toMatchObject({ value: 1024, limit: 4096, percent: 25 });
    expect(by.layers).toMatchObject({ value: 1, limit: 5 });
  });

  it("uses reserved concurrency as the limit when set, and skips zip limits for images", () => {
    const g = functionHeadroom({
      config: { ...config, reservedConcurrency: 10, packageType: "Image" },
      metrics,
      coldStarts: null,
      accountConcurrency: 1000,
    });
    expect(g.find((x) => x.id === "concurrency")).toMatchObject({
      limit: 10,
      limitLabel: "reserved",
      level: "critical",
    });
    expect(g.find((x) => x.id === "code-unzipped")).toBeUndefined();
    expect(g.find((x) => x.id === "code-zipped")?.level).toBe("unknown");
  });

  it("reads memory from the logs' summary", () => {
    const coldStarts: ColdStartSummary = {
      invocations: 10,
      coldStarts: 1,
      coldStartRate: 0.1,
      initP50Ms: 1,
      initP95Ms: 1,
      initP99Ms: 1,
      initMaxMs: 1,
      maxMemoryUsedMB: 480,
      maxMemoryUsedP99MB: 400,
      memorySizeMB: 512,
      timeouts: 0,
      billedDurationMsSum: null,
      initDurationMsSum: null,
    };
    const g = functionHeadroom({ config: null, metrics: null, coldStarts, accountConcurrency: null });
    expect(g.find((x) => x.id === "memory")).toMatchObject({ value: 480, limit: 512, level: "warning" });
    expect(g.find((x) => x.id === "timeout")?.level).toBe("unknown");
  });
});
