import { describe, expect, it } from "vitest";
import {
  decodeFunctionList,
  encodeFunctionList,
  functionListSchema,
  type FunctionList,
} from "./function-list";
import type { FunctionRow } from "./functions";

const row = (over: Partial<FunctionRow> & Pick<FunctionRow, "name">): FunctionRow => {
  const account = over.account ?? "prod";
  const region = over.region ?? "us-east-1";
  const invocations = over.invocations === undefined ? 1000 : over.invocations;
  const errors = over.errors === undefined ? 5 : over.errors;
  return {
    id: `${account}/${region}/${over.name}`,
    account,
    region,
    team: "payments",
    runtime: "nodejs22.x",
    architecture: "arm64",
    memoryMB: 512,
    timeoutS: 30,
    invocations,
    errors,
    errorRate: invocations && errors !== null ? errors / invocations : null,
    throttles: 0,
    p99DurationMs: 812.5,
    coldStartRate: 0.0125,
    monthlyCost: 1.75,
    findings: { critical: 0, warning: 1, info: 2 },
    worstSeverity: "warning",
    ...over,
  };
};

const list = (functions: FunctionRow[]): FunctionList => ({
  range: {
    start: "2026-11-28T12:00:00.000Z",
    end: "2026-11-29T12:00:00.000Z",
    periodSeconds: 300,
    preset: "24h",
  },
  functions,
  status: { inventory: [], metrics: [], coldStarts: [], findings: [] },
  asOf: "2026-11-29T12:00:00.000Z",
});

describe("the function list's wire form", () => {
  const rows = [
    row({ name: "api" }),
    row({ name: "batch", region: "eu-west-1", team: null, runtime: null, architecture: "x86_64" }),
    row({
      name: "cold",
      account: "dev",
      invocations: null,
      errors: null,
      errorRate: null,
      p99DurationMs: null,
      coldStartRate: null,
      monthlyCost: null,
      findings: null,
      worstSeverity: "unknown",
    }),
    row({
      name: "idle",
      invocations: 0,
      errors: 0,
      errorRate: null,
      findings: { critical: 0, warning: 0, info: 0 },
      worstSeverity: "none",
    }),
    row({ name: "bad", findings: { critical: 2, warning: 0, info: 0 }, worstSeverity: "critical" }),
    row({
      name: "constructor",
      team: "constructor",
      findings: { critical: 0, warning: 0, info: 1 },
      worstSeverity: "info",
    }),
  ];

  it("decodes to exactly the rows it was made from, in order", () => {
    const wire = functionListSchema.parse(encodeFunctionList(list(rows)));
    expect(decodeFunctionList(wire)).toEqual(list(rows));
  });

  it("names accounts, regions, teams and runtimes once", () => {
    const wire = encodeFunctionList(list(rows));
    expect(wire.scopes).toEqual([
      { account: "prod", region: "us-east-1" },
      { account: "prod", region: "eu-west-1" },
      { account: "dev", region: "us-east-1" },
    ]);
    expect(wire.teams).toEqual(["payments", "constructor"]);
    expect(wire.runtimes).toEqual(["nodejs22.x"]);
    expect(wire.columns.team).toEqual([0, null, 0, 0, 0, 1]);
  });

  it("is under half the size of row objects at 5,000 functions", () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      row({ name: `svc-${String(i).padStart(5, "0")}`, invocations: 1000 + i, p99DurationMs: 100 + i / 7 }),
    );
    const wire = JSON.stringify(encodeFunctionList(list(many))).length;
    const objects = JSON.stringify(list(many)).length;
    expect(wire / objects).toBeLessThan(0.5);
  });

  it("refuses columns of different lengths and indexes to nothing", () => {
    const wire = encodeFunctionList(list(rows));
    const short = { ...wire, columns: { ...wire.columns, errors: wire.columns.errors.slice(1) } };
    expect(functionListSchema.safeParse(short).error?.issues[0]?.path).toEqual(["columns", "errors"]);
    const dangling = { ...wire, columns: { ...wire.columns, team: wire.columns.team.map(() => 7) } };
    expect(functionListSchema.safeParse(dangling).error?.issues[0]?.path).toEqual(["columns", "team"]);
  });
});
