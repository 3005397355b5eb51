import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { triageRoute } from "../api/triage-route";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { getTriage } from "./get-triage";

/**
 * The triage list against the demo account: its planted incidents come first with the right
 * reasons and a "since" on the incident's start minute; functions the model says are healthy over
 * the range are not listed; a failing region degrades only its own scope.
 */

const scenario = demoScenario();
const functions = scenario.functions ?? [];
const WAIT = { waitMs: 60_000 };
const MIN = 60_000;

interface PlantedIncident {
  name: string;
  region: string;
  startMinutesAgo: number;
  endMinutesAgo?: number;
  errorRate?: number;
  durationMultiplier?: number;
  iteratorAgeMs?: number;
  message?: string;
}

/** The scenario's incidents still going on (what an on-call engineer must see first). */
const ongoing: PlantedIncident[] = functions.flatMap((f) =>
  (f.workload.incidents ?? [])
    .filter((i) => !i.endMinutesAgo)
    .map((i) => ({ ...i, name: f.name, region: f.region })),
);
const lastModifiedAgo = new Map(functions.map((f) => [f.name, f.lastModifiedMinutesAgo]));

/**
 * A "since" at the planted start minute or up to SINCE_SLACK_MIN minutes early. The demo's traffic
 * follows the time of day; at night (seen at 00:54 UTC) a function's minutes before its incident
 * carry few invocations, a single error there reads as a bad minute, and the detected start runs
 * back into them (3 minutes early). Never later: the incident's first minute is always bad.
 */
const SINCE_SLACK_MIN = 5;
function expectNear(actual: string | null | undefined, planted: string, what: string): void {
  expect(actual, `${what} since`).toBeTruthy();
  const early = Date.parse(planted) - Date.parse(actual ?? "");
  expect(early, `${what} since ${actual}, planted ${planted}`).toBeGreaterThanOrEqual(0);
  expect(early, `${what} since ${actual}, planted ${planted}`).toBeLessThanOrEqual(SINCE_SLACK_MIN * MIN);
}

let h: Harness;
let anchorMs: number;
beforeAll(async () => {
  h = await startHarness(demoScenario());
  const health = (await (await fetch(`${h.sim.url}/_sim/health`)).json()) as { anchor: string };
  anchorMs = Date.parse(health.anchor);
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

describe("getTriage on the demo account", () => {
  it("puts the ongoing incidents on top with their reasons, since their first minute, and what changed", async () => {
    expect(ongoing.length).toBeGreaterThanOrEqual(2);
    const t = await getTriage({ range: "3h", limit: 200 }, WAIT);
    expect(t.checked).toBe(functions.length);
    const top = t.entries.slice(0, ongoing.length);
    expect(top.map((e) => e.name).sort()).toEqual(ongoing.map((i) => i.name).sort());
    for (const inc of ongoing) {
      const e = t.entries.find((x) => x.name === inc.name);
      expect(e, inc.name).toBeDefined();
      if (!e) continue;
      const since = new Date(anchorMs - inc.startMinutesAgo * MIN).toISOString();
      expect(e.severity).toBe("critical");
      expectNear(e.since, since, inc.name);
      expect(e.sinceStartOfData).toBe(false);
      const expected = [
        ...(inc.errorRate ? ["errors"] : []),
        ...(inc.durationMultiplier && inc.durationMultiplier >= 1.5 ? ["duration"] : []),
        ...(inc.iteratorAgeMs ? ["iterator_age"] : []),
      ];
      for (const kind of expected) {
        const reason = e.reasons.find((r) => r.kind === kind);
        expect(reason, `${inc.name} ${kind}`).toBeDefined();
        expectNear(reason?.since, since, `${inc.name} ${kind}`);
        expect(reason?.baseline, `${inc.name} ${kind} baseline`).not.toBeNull();
      }
      // A deployment inside the range before the incident is named as what changed.
      const deployedAgo = lastModifiedAgo.get(inc.name) ?? Infinity;
      expect(e.change.startedAfterChange, `${inc.name} after deploy`).toBe(
        deployedAgo <= 180 && deployedAgo >= inc.startMinutesAgo,
      );
      expectNear(e.sparkline.badFrom, since, `${inc.name} sparkline`);
      expect(e.sparkline.series.length).toBeLessThanOrEqual(120);
      expect(e.links.logGroup).toContain(`#logsV2:log-groups/log-group/$252Faws$252Flambda$252F${inc.name}`);
      expect(e.links.insights).toContain("#logsV2:logs-insights$3FqueryDetail$3D");
      expect(e.links.function).toBe(
        `https://${inc.region}.console.aws.amazon.com/lambda/home?region=${inc.region}#/functions/${inc.name}`,
      );
      // The incident's own error message is among the top messages, read for the first entries.
      if (inc.message) {
        expect(e.errors?.status).toBe("ok");
        const messages = e.errors?.status === "ok" ? e.errors.data.map((m) => m.message) : [];
        expect(messages.some((m) => m.includes(inc.message ?? ""))).toBe(true);
      }
    }
    // Error messages only for the first entries: bounded Insights work.
    expect(t.entries.slice(5).every((e) => e.errors === null)).toBe(true);
  }, 120_000);

  it("lists exactly the functions the model says had trouble in the range, and no healthy one", async () => {
    // Out-of-memory kills come from the logs: ask again while that read is partial, as the page does.
    let t = await getTriage({ range: "3h", limit: 200 }, WAIT);
    // One GetMetricData call per region for every function's series: never one per function.
    expect((await h.calls())["cloudwatch:GetMetricData"]).toBe(2);
    for (let i = 0; i < 12 && t.status.logs.some((s) => s.partial || s.status === "error"); i++) {
      await new Promise((r) => setTimeout(r, 5_000));
      t = await getTriage({ range: "3h", limit: 200 }, WAIT);
    }
    expect(t.status.logs.every((s) => s.status === "ok" && !s.partial)).toBe(true);
    const start = Date.parse(t.range.start);
    const end = Date.parse(t.range.end);
    const listed = new Set(t.entries.map((e) => e.name));
    expect(t.total).toBe(t.entries.length);
    let recentOom = false;
    for (const f of functions) {
      const m = await h.model(f.region, f.name, start, end);
      const incident = ongoing.some((i) => i.name === f.name);
      const troubled = incident || m.timeouts > 0 || m.outOfMemory > 0 || m.throttles > 0;
      if (!troubled) expect(listed.has(f.name), `${f.name} is healthy but listed`).toBe(false);
      // Trouble that hurts now: an incident, out-of-memory kills in the recent tail of the range (the
      // last 10 %, TRIAGE_DEFAULTS.recentShare), or throttling of more than 1 % of requests.
      const recent = await h.model(f.region, f.name, end - 0.1 * (end - start), end);
      if (recent.outOfMemory > 0) recentOom = true;
      if (incident || recent.outOfMemory > 0 || m.throttles > 0.01 * (m.invocations + m.throttles))
        expect(listed.has(f.name), `${f.name} has trouble but is not listed`).toBe(true);
    }
    if (recentOom) {
      const oom = t.entries.find((e) => e.reasons.some((r) => r.kind === "out_of_memory"));
      expect(oom?.reasons.find((r) => r.kind === "out_of_memory")).toMatchObject({ current: oom?.memoryMB });
    }
  }, 240_000);

  it("screening a large region first finds the same entries with the same since", async () => {
    const direct = await getTriage({ range: "3h", limit: 10 }, WAIT);
    resetConsoleForTests();
    await h.resetCalls();
    const screened = await getTriage({ range: "3h", limit: 10 }, { ...WAIT, screenAbove: 0 });
    const view = (x: typeof direct) =>
      x.entries.filter((e) => !e.sinceStartOfData).map((e) => [e.name, e.since]);
    expect(view(screened)).toEqual(view(direct));
    // A coarse read of every function, then the candidates: at most two calls per region (one
    // where the coarse read leaves no candidate, which depends on where the window falls).
    const calls = (await h.calls())["cloudwatch:GetMetricData"];
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(4);
  }, 120_000);

  it("a region that does not answer degrades only its own scope", async () => {
    await h.setFaults({ regionsDown: ["eu-west-1"] });
    const t = await getTriage({ range: "3h", limit: 200 }, WAIT);
    const byRegion = (list: typeof t.status.inventory) => Object.fromEntries(list.map((s) => [s.region, s]));
    expect(byRegion(t.status.inventory)["eu-west-1"]).toMatchObject({
      status: "error",
      error: { code: "region_unavailable" },
    });
    expect(byRegion(t.status.inventory)["us-east-1"]?.status).toBe("ok");
    expect(byRegion(t.status.metrics)["us-east-1"]?.status).toBe("ok");
    expect(t.entries.every((e) => e.region === "us-east-1")).toBe(true);
    expect(
      t.entries
        .slice(0, ongoing.length)
        .map((e) => e.name)
        .sort(),
    ).toEqual(ongoing.map((i) => i.name).sort());
  });

  it("CloudWatch throttling one region leaves the other's (cached) entries in place", async () => {
    await getTriage({ range: "3h", region: "us-east-1" }, WAIT);
    await h.setFaults({
      operations: { "cloudwatch:GetMetricData": { errorRate: 0, throttleRate: 1, latencyMs: 0 } },
    });
    const t = await getTriage({ range: "3h" }, WAIT);
    const metrics = Object.fromEntries(t.status.metrics.map((s) => [s.region, s]));
    expect(metrics["eu-west-1"]).toMatchObject({
      status: "error",
      error: { code: "throttled", message: expect.stringContaining("throttled") },
    });
    expect(metrics["us-east-1"]?.status).toBe("ok");
    expect(t.status.inventory.every((s) => s.status === "ok")).toBe(true);
    expect(t.entries.length).toBeGreaterThan(0);
    expect(t.entries.every((e) => e.region === "us-east-1")).toBe(true);
  }, 120_000);
});

describe("GET /api/v1/triage", () => {
  const get = (qs: string) =>
    triageRoute(new Request(`http://localhost/api/v1/triage${qs}`), { params: Promise.resolve({}) });

  it.each([
    ["?range=2h", "range"],
    ["?limit=0", "limit"],
    ["?limit=abc", "limit"],
    ["?region=mars-1", "region"],
    ["?region=ap-south-1", "region"],
    ["?account=nobody", "account"],
    ["?range=3h&from=2026-11-20T12:00:00Z&to=2026-11-20T13:00:00Z", "range"],
    ["?sort=score", "sort"],
  ])("rejects %s with a 400 naming %s", async (qs, field) => {
    const res = await get(qs);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it("answers the ranked list in the response schema, limited", async () => {
    const res = await get("?range=3h&limit=2&region=us-east-1");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: Array<{ name: string }>; total: number };
    expect(body.entries).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(2);
  });
});
