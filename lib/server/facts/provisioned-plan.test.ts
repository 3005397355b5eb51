import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findAccount } from "@/lib/config";
import type { ScenarioInput } from "@/sim/scenario/schema";
import { resolveRange } from "../range";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { regionFacts } from "./index";

/**
 * The findings' read plan when the region's own figures cannot vouch for every function: idle
 * provisioned concurrency (no provisioned invocations to find it by) makes ClaimedAccountConcurrency
 * exceed what the candidates hold, so every function is read; a region with nothing reserved needs
 * no GetFunction at all.
 */

let h: Harness;

/** eu-west-1 of the demo with an idle function holding provisioned concurrency and no reservation anywhere. */
function scenario(): ScenarioInput {
  const demo = demoScenario();
  const functions = (demo.functions ?? [])
    .filter((f) => f.region === "eu-west-1")
    .map((f) => ({ ...f, reservedConcurrency: undefined }));
  const template = functions.find((f) => f.name === "eu-email-sender");
  if (!template) throw new Error("demo changed: eu-email-sender is gone");
  functions.push({
    ...template,
    name: "eu-idle-warm-pool",
    provisionedConcurrency: { qualifier: "live", allocated: 7 },
    workload: { ...template.workload, rpm: 0 },
  });
  return { ...demo, regions: { "eu-west-1": demo.regions["eu-west-1"] }, functions } as ScenarioInput;
}

beforeAll(async () => {
  h = await startHarness(scenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

function euFacts() {
  const account = findAccount("default");
  if (!account) throw new Error("no default account");
  return regionFacts({ account, region: "eu-west-1" }, resolveRange({ range: "3h" }), { waitMs: 120_000 });
}

describe("the findings read plan", () => {
  it("reads every function's provisioned concurrency when the candidates do not add up, and finds the idle one", async () => {
    const facts = await euFacts();
    expect(facts.errors).toEqual([]);
    expect(facts.functions.find((f) => f.name === "eu-idle-warm-pool")?.provisionedConcurrency).toEqual({
      allocated: 7,
    });
    expect(facts.account?.provisionedTotal).toBe(7);
    const calls = await h.calls();
    expect(calls["lambda:ListProvisionedConcurrencyConfigs"]).toBe(facts.functions.length);
    // Nothing reserved in the region: tags come from GetResources, and no function needs GetFunction.
    expect(calls["lambda:GetFunction"]).toBeUndefined();
    expect(calls["tag:GetResources"]).toBe(1);
  });

  it("without tag:GetResources reads the tags with GetFunction instead, and still has every function's team", async () => {
    await h.setFaults({ accessDenied: ["tag:GetResources"] });
    const facts = await euFacts();
    expect(facts.errors).toEqual([]);
    expect(facts.functions.find((f) => f.name === "eu-payments-batch")?.tags.team).toBe("payments");
    expect((await h.calls())["lambda:GetFunction"]).toBe(facts.functions.length);
  });
});
