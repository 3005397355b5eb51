import type { FunctionFacts, FunctionUsage } from "@/lib/analysis/function-facts";

/** A healthy function: every rule in lib/analysis should stay silent about it. Tests override fields. */
export function makeFacts(overrides: Partial<FunctionFacts> = {}): FunctionFacts {
  return {
    account: "111111111111",
    region: "us-east-1",
    name: "orders-api",
    arn: "arn:aws:lambda:us-east-1:111111111111:function:orders-api",
    runtime: "nodejs24.x",
    packageType: "Zip",
    architecture: "arm64",
    memoryMB: 1024,
    timeoutS: 30,
    ephemeralStorageMB: 512,
    codeSizeBytes: 5 * 1024 * 1024,
    codeSizeUnzippedBytes: 20 * 1024 * 1024,
    layers: [],
    environment: { names: ["TABLE_NAME"], totalBytes: 40, secretLooking: [] },
    vpc: false,
    tracing: "Active",
    logFormat: "JSON",
    logGroup: { name: "/aws/lambda/orders-api", retentionDays: 30, storedBytes: 1024 ** 3 },
    snapStart: false,
    asyncDestinations: {},
    invokedAsync: false,
    lastModified: "2026-10-01T00:00:00Z",
    tags: { team: "payments" },
    ...overrides,
  };
}

/** 30 days of usage (month factor 1), healthy figures. */
export function makeUsage(overrides: Partial<FunctionUsage> = {}): FunctionUsage {
  return {
    windowStart: "2026-06-01T00:00:00Z",
    windowEnd: "2026-07-01T00:00:00Z",
    invocations: 1_000_000,
    errors: 100,
    throttles: 0,
    durationAvgMs: 100,
    durationP50Ms: 80,
    durationP99Ms: 400,
    durationMaxMs: 900,
    concurrencyMax: 20,
    maxMemoryUsedMB: 600,
    errorRateBaseline: 0.0001,
    ...overrides,
  };
}
