import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeFunctionList } from "@/lib/schemas/function-list";
import { baseScenario } from "@/sim/testing";
import { getCache } from "../cache";
import { resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { getColdStarts } from "./get-cold-starts";
import { getFunctionErrors } from "./get-function-errors";
import { listFunctions } from "./list-functions";

/** More functions than one page (130 generated + 3 in the JSON log format), in one region. */

let h: Harness;
const MINUTE = 60_000;

const jsonFn = (name: string) => ({
  name,
  region: "us-east-1",
  runtime: "nodejs22.x",
  handler: "index.handler",
  memoryMB: 256,
  timeoutS: 5,
  role: "basic-role",
  logFormat: "JSON" as const,
  tags: { team: "json" },
  workload: {
    rpm: 30,
    durationMedianMs: 80,
    durationP99Ms: 600,
    maxMemoryUsedMB: 120,
    errorRate: 0.02,
    errorMessages: ["boom"],
  },
});

beforeAll(async () => {
  const scenario = baseScenario({
    functions: [jsonFn("json-a"), jsonFn("json-b"), jsonFn("json-c")],
    generate: [
      {
        count: 130,
        regions: ["us-east-1"],
        namePrefix: "gen",
        teams: ["alpha", "beta"],
        runtimes: ["nodejs22.x", "python3.12"],
        roles: ["basic-role"],
      },
    ],
  });
  h = await startHarness(scenario);
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

describe("a region with 133 functions", () => {
  it("reads every page and batches per log format", async () => {
    const list = decodeFunctionList(await listFunctions({ range: "1h" }, { waitMs: 60_000 }));
    expect(list.functions).toHaveLength(133);
    expect(list.status.coldStarts[0]).toMatchObject({ status: "ok" });
    expect(list.status.coldStarts[0]?.partial).toBeUndefined();
    const calls = await h.calls();
    expect(calls["lambda:ListFunctions"]).toBe(3); // 50 + 50 + 33
    // Teams: one GetResources per 100 tagged functions (untagged ones are not returned), no GetFunction.
    const fns = [...h.sim.ctx.scenario.functionIndex.values()];
    const tagged = fns.filter((f) => Object.keys(f.tags).length > 0);
    expect(tagged.length).toBeGreaterThan(100);
    expect(tagged.length).toBeLessThan(fns.length);
    expect(calls["tag:GetResources"]).toBe(Math.ceil(tagged.length / 100));
    expect(calls["lambda:GetFunction"]).toBeUndefined();
    for (const row of list.functions)
      expect(row.team, row.name).toBe(
        h.sim.ctx.scenario.functionIndex.get(`us-east-1/${row.name}`)?.tags.team ?? null,
      );
    expect(calls["cloudwatch:GetMetricData"]).toBe(2); // 532 queries
    expect(calls["logs:DescribeLogGroups"]).toBe(3);
    expect(calls["logs:StartQuery"]).toBe(4); // 130 text groups in 3 queries, 3 JSON groups in 1
    const json = list.functions.filter((f) => f.team === "json");
    expect(json).toHaveLength(3);
    expect(json.every((f) => typeof f.coldStartRate === "number")).toBe(true);
  });

  it("queries again only the Insights batches that stopped at the deadline, giving them longer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "headroom-paging-"));
    const config = join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({ limits: { responseWaitSeconds: 30, insightsDeadlineSeconds: 5 } }),
    );
    const before = process.env.HEADROOM_CONFIG;
    process.env.HEADROOM_CONFIG = config;
    try {
      resetConsoleForTests();
      const region = "region:default:us-east-1:1h";
      const read = async () => decodeFunctionList(await listFunctions({ range: "1h" }, { waitMs: 60_000 }));
      // Every batch stops at the 5 s deadline.
      await h.setFaults({ insightsNeverComplete: true });
      const stopped = await read();
      expect(stopped.status.coldStarts[0]?.partial).toBe(true);
      expect((await h.calls())["logs:StopQuery"]).toBe(4);
      // Read again, they run under twice the deadline they stopped at.
      await getCache().invalidate("coldStarts", region);
      const started = Date.now();
      expect((await read()).status.coldStarts[0]?.partial).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_500);
      expect((await h.calls())["logs:StopQuery"]).toBe(8);
      // Partial batches are queried again (the region with them).
      await h.clearFaults();
      await h.resetCalls();
      await getCache().invalidate("coldStarts", region);
      const complete = await read();
      expect(complete.status.coldStarts[0]?.partial).toBeUndefined();
      expect((await h.calls())["logs:StartQuery"]).toBe(4);
      // Complete batches are reused while fresh: reading the region again queries nothing.
      await h.resetCalls();
      await getCache().invalidate("coldStarts", region);
      const again = await read();
      expect(again.functions.map((f) => f.coldStartRate)).toEqual(
        complete.functions.map((f) => f.coldStartRate),
      );
      expect((await h.calls())["logs:StartQuery"]).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.HEADROOM_CONFIG;
      else process.env.HEADROOM_CONFIG = before;
    }
  }, 60_000);

  it("counts cold starts and errors of a JSON-format function like the model", async () => {
    const end = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE;
    const start = end - 60 * MINUTE;
    const params = { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
    const model = await h.model("us-east-1", "json-a", start, end);
    const cold = await getColdStarts({ account: "default", region: "us-east-1", name: "json-a" }, params);
    expect(cold.summary.status === "ok" && cold.summary.data).toMatchObject({
      invocations: model.invocations,
      coldStarts: model.coldStarts,
      memorySizeMB: 256,
    });
    const errors = await getFunctionErrors(
      { account: "default", region: "us-east-1", name: "json-a" },
      params,
    );
    expect(errors.messages.status === "ok" && errors.messages.data.reduce((n, m) => n + m.count, 0)).toBe(
      model.errors,
    );
    expect(errors.insightsQuery).toContain('level = "ERROR"');
  });
});
