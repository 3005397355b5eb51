import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BadRequestError } from "../errors";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { listFunctions } from "./list-functions";
import { decodeFunctionList } from "@/lib/schemas/function-list";

/** The function list against the sim's demo account (45 functions, us-east-1 and eu-west-1). */

let h: Harness;
const WAIT = { waitMs: 60_000 };

beforeAll(async () => {
  h = await startHarness(demoScenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

describe("listFunctions (demo)", () => {
  it("lists every function of both regions with its figures, every part ok", async () => {
    const list = decodeFunctionList(await listFunctions({ range: "3h" }, WAIT));
    expect(list.functions).toHaveLength(45);
    expect(new Set(list.functions.map((f) => f.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    for (const part of [list.status.inventory, list.status.metrics, list.status.coldStarts]) {
      expect(part).toHaveLength(2);
      expect(part.every((s) => s.status === "ok" && !s.partial)).toBe(true);
    }
    const api = list.functions.find((f) => f.name === "payments-api");
    expect(api).toMatchObject({
      id: "default/us-east-1/payments-api",
      team: "payments",
      runtime: "nodejs22.x",
      memoryMB: 1024,
      timeoutS: 10,
    });
    expect(api?.invocations).toBeGreaterThan(1000);
    expect(api?.p99DurationMs).toBeGreaterThan(0);
    expect(api?.coldStartRate).toBeGreaterThanOrEqual(0);
    expect(api?.errorRate).toBeCloseTo((api?.errors ?? 0) / (api?.invocations ?? 1), 10);
    // Untagged functions have no team; an idle one has no data rather than zeros.
    expect(list.functions.find((f) => f.name === "legacy-report-generator")?.team).toBeNull();
    const idle = list.functions.find((f) => f.name === "tmp-test-function");
    expect(idle?.invocations).toBeNull();
    expect(idle?.coldStartRate).toBeNull();
    expect(list.range).toMatchObject({ preset: "3h", periodSeconds: 60 });
  });

  it("filters by region, team, runtime and text, reading only the regions asked for", async () => {
    const eu = decodeFunctionList(await listFunctions({ region: "eu-west-1", range: "1h" }, WAIT));
    expect(eu.functions.every((f) => f.region === "eu-west-1")).toBe(true);
    expect(eu.functions).toHaveLength(10);
    expect(eu.status.inventory.map((s) => s.region)).toEqual(["eu-west-1"]);
    const calls = await h.calls();
    expect(calls["lambda:ListFunctions"]).toBe(1);

    const payments = decodeFunctionList(await listFunctions({ team: "Payments", range: "1h" }, WAIT));
    expect(payments.functions.length).toBeGreaterThan(10);
    expect(payments.functions.every((f) => f.team === "payments")).toBe(true);
    const py = decodeFunctionList(await listFunctions({ runtime: "python3.12", range: "1h" }, WAIT));
    expect(py.functions.length).toBeGreaterThan(5);
    expect(py.functions.every((f) => f.runtime === "python3.12")).toBe(true);
    const pdf = decodeFunctionList(await listFunctions({ q: "PDF", range: "1h" }, WAIT));
    expect(pdf.functions.map((f) => f.name).sort()).toEqual([
      "eu-pdf-export",
      "payments-pdf-render",
      "payments-receipts-pdf",
    ]);
  });

  it("rejects unconfigured accounts and regions before any AWS call", async () => {
    await expect(listFunctions({ region: "ap-south-2" })).rejects.toThrow(BadRequestError);
    await expect(listFunctions({ account: "nosuchaccount" })).rejects.toThrow(BadRequestError);
    await expect(listFunctions({ from: "2026-11-20T12:00:00Z", to: "2026-11-20T10:00:00Z" })).rejects.toThrow(
      BadRequestError,
    );
    expect(await h.calls()).toEqual({});
  });

  it("100 concurrent requests cause the same AWS calls as one", async () => {
    await listFunctions({ range: "3h" }, WAIT);
    const one = await h.calls();
    resetConsoleForTests();
    await h.resetCalls();
    const lists = await Promise.all(Array.from({ length: 100 }, () => listFunctions({ range: "3h" }, WAIT)));
    const hundred = await h.calls();
    expect(lists.every((l) => l.columns.name.length === 45)).toBe(true);
    // Polling GetQueryResults depends on timing; every other call is counted exactly.
    const { "logs:GetQueryResults": polls1 = 0, ...rest1 } = one;
    const { "logs:GetQueryResults": polls100 = 0, ...rest100 } = hundred;
    expect(rest100).toEqual(rest1);
    expect(rest1["lambda:ListFunctions"]).toBe(2);
    expect(rest1["tag:GetResources"]).toBe(2);
    expect(rest1["lambda:GetFunction"]).toBeUndefined();
    expect(rest1["cloudwatch:GetMetricData"]).toBe(2);
    expect(rest1["logs:StartQuery"]).toBe(2);
    expect(polls100).toBeLessThanOrEqual(polls1 + 4);
  });

  it("a second request within the TTL makes no AWS call", async () => {
    await listFunctions({ range: "1h" }, WAIT);
    await h.resetCalls();
    const again = decodeFunctionList(await listFunctions({ range: "1h" }, WAIT));
    expect(again.functions).toHaveLength(45);
    expect(await h.calls()).toEqual({});
  });

  it("reads teams with one GetResources per region and no GetFunction", async () => {
    const list = decodeFunctionList(await listFunctions({ range: "1h" }, WAIT));
    const calls = await h.calls();
    expect(calls["tag:GetResources"]).toBe(2);
    expect(calls["lambda:GetFunction"]).toBeUndefined();
    const scenario = h.sim.ctx.scenario;
    for (const row of list.functions)
      expect(row.team, row.name).toBe(
        scenario.functionIndex.get(`${row.region}/${row.name}`)?.tags.team ?? null,
      );
  });

  it("without tag:GetResources the list still shows, teams empty and the region says why", async () => {
    await h.setFaults({ accessDenied: ["tag:GetResources"] });
    const list = decodeFunctionList(await listFunctions({ range: "1h" }, WAIT));
    expect(list.functions).toHaveLength(45);
    expect(list.functions.every((f) => f.team === null)).toBe(true);
    expect(list.functions.find((f) => f.name === "payments-api")?.invocations).toBeGreaterThan(0);
    for (const s of list.status.inventory)
      expect(s).toMatchObject({
        status: "error",
        error: {
          code: "access_denied",
          message: `teams unavailable: missing permission tag:GetResources on region ${s.region}`,
        },
      });
    expect(list.status.metrics.every((s) => s.status === "ok")).toBe(true);
  });

  it("never carries an environment variable's value", async () => {
    const canaries = (await (await fetch(`${h.sim.url}/_sim/canaries`)).json()) as {
      environmentValues: string[];
    };
    const list = decodeFunctionList(await listFunctions({ range: "1h" }, WAIT));
    expect(list.functions).toHaveLength(45);
    expect(canaries.environmentValues.length).toBeGreaterThan(20);
    const text = JSON.stringify(list);
    expect(canaries.environmentValues.filter((v) => text.includes(v))).toEqual([]);
  });
});
