import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { baseScenario } from "../testing";
import { loadScenarioFile, parseScenario, ScenarioError } from "./load";

const run = promisify(execFile);

describe("scenario validation", () => {
  it.each([
    ["a bad account id", { accountId: "12" }, "accountId"],
    [
      "an unknown region in a function",
      { functions: [{ ...baseScenario().functions?.[0], region: "eu-west-3" }] },
      "functions[0].region",
    ],
    [
      "an undefined role",
      { functions: [{ ...baseScenario().functions?.[0], role: "nope" }] },
      "functions[0].role",
    ],
    [
      "a negative rpm",
      {
        functions: [
          {
            ...baseScenario().functions?.[0],
            workload: { rpm: -1, durationMedianMs: 1, durationP99Ms: 2, maxMemoryUsedMB: 1 },
          },
        ],
      },
      "functions[0].workload.rpm",
    ],
    [
      "p99 below the median",
      {
        functions: [
          {
            ...baseScenario().functions?.[0],
            workload: { rpm: 1, durationMedianMs: 10, durationP99Ms: 2, maxMemoryUsedMB: 1 },
          },
        ],
      },
      "functions[0].workload.durationP99Ms",
    ],
    [
      "an unknown managed policy",
      { roles: [{ name: "basic-role", attachedPolicies: ["NoSuchPolicy"] }] },
      "roles[0].attachedPolicies[0]",
    ],
    ["an unknown field", { colour: "blue" }, "colour"],
    [
      "a timeout over 900 s",
      { functions: [{ ...baseScenario().functions?.[0], timeoutS: 901 }] },
      "functions[0].timeoutS",
    ],
  ])("rejects %s, naming the field", (_, override, field) => {
    expect(() => parseScenario({ ...baseScenario(), ...override })).toThrow(ScenarioError);
    expect(() => parseScenario({ ...baseScenario(), ...override })).toThrow(field);
  });

  it("loads the bundled scenarios", () => {
    const demo = loadScenarioFile("sim/scenarios/demo.json");
    expect(demo.functionIndex.size).toBeGreaterThanOrEqual(40);
    expect(new Set([...demo.functionIndex.values()].map((f) => f.region)).size).toBe(2);
    const teams = new Set([...demo.functionIndex.values()].map((f) => f.tags.team ?? "untagged"));
    expect(teams).toEqual(new Set(["payments", "search", "platform", "untagged"]));
    const scale = loadScenarioFile("sim/scenarios/scale.json");
    expect(scale.functionIndex.size).toBeGreaterThanOrEqual(5000);
    expect(new Set([...scale.functionIndex.values()].map((f) => f.region)).size).toBe(3);
  });

  it("generates the same functions from the same seed", () => {
    const a = loadScenarioFile("sim/scenarios/scale.json");
    const b = loadScenarioFile("sim/scenarios/scale.json");
    expect([...a.functionIndex.values()].slice(0, 50)).toEqual([...b.functionIndex.values()].slice(0, 50));
  });
});

describe("sim command line", () => {
  it("does not start with a bad scenario file and names the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ ...baseScenario(), seed: "x" }));
    const err = await run("npx", ["tsx", "sim/cli.ts", "--scenario", file, "--port", "0"]).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 1 });
    expect(String((err as { stderr: string }).stderr)).toContain("seed");
  });

  it("says clearly when the port is already in use", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const err = await run("npx", ["tsx", "sim/cli.ts", "--port", String(port)]).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 1 });
      expect(String((err as { stderr: string }).stderr)).toContain(`port ${port}`);
      expect(String((err as { stderr: string }).stderr)).toContain("already in use");
    } finally {
      blocker.close();
    }
  });
});
