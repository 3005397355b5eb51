import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { consoleEnvironment, startConsole, type ConsoleProcess } from "./support/console-server";

/**
 * AWS faults, injected at the sim: every page still renders, the panels that depend on what
 * failed say so in plain words, the rest shows data, and once the fault clears the same console
 * process recovers. Each case starts a console of its own so no cache hides the fault, and counts
 * the calls that went over AWS's published rate limits (there must be none: retries wait for
 * their rate bucket).
 */

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}`;

interface Totals {
  calls: number;
  throttled: number;
  rateLimited: number;
  errors: number;
}

async function setFaults(faults: object): Promise<void> {
  const res = await fetch(`${SIM}/_sim/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(res.ok, await res.text()).toBe(true);
}

async function clearFaults(): Promise<void> {
  await fetch(`${SIM}/_sim/faults`, { method: "DELETE" });
}

async function resetCalls(): Promise<void> {
  await fetch(`${SIM}/_sim/calls/reset`, { method: "POST" });
}

async function callTotals(): Promise<Totals & { overLimit: Record<string, number> }> {
  const res = await fetch(`${SIM}/_sim/calls`);
  const body = (await res.json()) as { total: Totals; byAction: Record<string, Totals> };
  // Which operations went over their published rate, for the failure message.
  const overLimit = Object.fromEntries(
    Object.entries(body.byAction)
      .filter(([, t]) => t.rateLimited > 0)
      .map(([action, t]) => [action, t.rateLimited]),
  );
  return { ...body.total, overLimit };
}

const PAGES = [
  { path: "/overview?range=1h", heading: "Overview" },
  { path: "/functions?range=1h", heading: "Functions" },
  { path: "/functions/default/us-east-1/payments-webhook?range=1h", heading: "payments-webhook" },
  { path: "/triage?range=1h", heading: "Triage" },
  { path: "/security", heading: "Security" },
  { path: "/costs?range=1h", heading: "Costs" },
] as const;

/** Opens a page and checks that it rendered: status 200, its heading, no uncaught exception. */
async function renders(page: Page, url: string, heading: string): Promise<void> {
  const crashes: string[] = [];
  const onError = (e: Error) => crashes.push(e.message);
  page.on("pageerror", onError);
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await page.waitForLoadState("networkidle", { timeout: 45_000 }).catch(() => undefined);
  page.off("pageerror", onError);
  expect(crashes, url).toEqual([]);
}

let app: (ConsoleProcess & { url: string }) | undefined;

async function freshConsole(extra: Record<string, string> = {}): Promise<string> {
  await app?.stop();
  app = await startConsole(consoleEnvironment(extra));
  return app.url;
}

test.describe("AWS faults", () => {
  test.setTimeout(180_000);

  test.afterEach(async () => {
    await clearFaults();
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("half the GetMetricData calls throttled: retries get every page its data, within the rate limits", async ({
    page,
  }) => {
    const url = await freshConsole();
    await resetCalls();
    await setFaults({ operations: { "cloudwatch:GetMetricData": { throttleRate: 0.5 } } });
    for (const p of PAGES) await renders(page, `${url}${p.path}`, p.heading);
    await page.goto(`${url}/functions?range=1h`);
    await expect(page.locator("tbody tr th[scope=row] a").first()).toBeVisible();
    await expect(page.getByText("Couldn't list the functions")).toHaveCount(0);
    const t = await callTotals();
    expect(t.throttled).toBeGreaterThan(0);
    expect(t.overLimit).toEqual({});
  });

  test("IAM reads denied: the IAM panels say which permission is missing, the rest shows data", async ({
    page,
  }) => {
    const url = await freshConsole();
    await setFaults({ accessDenied: ["iam:*"] });
    for (const p of PAGES) await renders(page, `${url}${p.path}`, p.heading);
    await page.goto(`${url}/security`);
    await expect(page.getByText(/missing permission iam:/).first()).toBeVisible({ timeout: 30_000 });
    await page.goto(`${url}/functions/default/us-east-1/payments-webhook?range=1h`);
    await expect(page.getByRole("heading", { name: "Invocations, errors and throttles" })).toBeVisible();
    await expect(page.getByText("Couldn't load this function")).toHaveCount(0);
  });

  test("a region that is down fails its own panels only, and comes back without a restart", async ({
    page,
  }) => {
    const url = await freshConsole();
    await setFaults({ regionsDown: ["eu-west-1"] });
    for (const p of PAGES) await renders(page, `${url}${p.path}`, p.heading);
    await page.goto(`${url}/functions?range=1h`);
    await expect(page.getByText("region eu-west-1 did not answer").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("link", { name: "payments-webhook", exact: true })).toBeVisible();
    await page.goto(`${url}/overview?range=1h`);
    await expect(page.getByText("region eu-west-1 did not answer").first()).toBeVisible({ timeout: 30_000 });

    await clearFaults();
    // A failure with nothing to show is remembered briefly (ERROR_TTL_MS), then read again.
    await expect(async () => {
      await page.goto(`${url}/functions?range=1h&region=eu-west-1`);
      await expect(page.getByText("region eu-west-1 did not answer")).toHaveCount(0, { timeout: 2_000 });
      await expect(page.locator("tbody tr th[scope=row] a").first()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000, intervals: [3_000] });
  });

  test("5% of calls failing with 500 and 2 s of added latency: every page still renders", async ({
    page,
  }) => {
    const url = await freshConsole();
    await resetCalls();
    await setFaults({ latencyMs: 2_000, operations: { "*": { errorRate: 0.05 } } });
    for (const p of PAGES) await renders(page, `${url}${p.path}`, p.heading);
    await page.goto(`${url}/functions?range=1h`);
    await expect(page.locator("tbody tr th[scope=row] a").first()).toBeVisible({ timeout: 60_000 });
    expect((await callTotals()).overLimit).toEqual({});
  });

  test("a Logs Insights query that never completes is stopped and reported, not waited on", async ({
    page,
  }) => {
    const config = join(tmpdir(), `headroom-faults-${process.pid}.json`);
    writeFileSync(config, JSON.stringify({ limits: { insightsDeadlineSeconds: 5, responseWaitSeconds: 2 } }));
    const url = await freshConsole({ HEADROOM_CONFIG: config });
    await resetCalls();
    await setFaults({ insightsNeverComplete: true });
    const started = Date.now();
    const res = await page.request.get(
      `${url}/api/v1/functions/default/us-east-1/payments-webhook/cold-starts?range=1h`,
    );
    expect(res.status()).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Past its deadline (5 s) the console stops the query itself...
    const stopQueries = async () =>
      (
        (await (await fetch(`${SIM}/_sim/calls`)).json()) as {
          byAction: Record<string, { calls: number } | undefined>;
        }
      ).byAction["logs:StopQuery"]?.calls ?? 0;
    await expect.poll(stopQueries, { timeout: 40_000, intervals: [1_000] }).toBeGreaterThan(0);
    // ...and answers with what it has, marked partial, rather than waiting on.
    await expect(async () => {
      const body = JSON.stringify(
        await (
          await page.request.get(
            `${url}/api/v1/functions/default/us-east-1/payments-webhook/cold-starts?range=1h`,
          )
        ).json(),
      );
      expect(body).toContain('"partial":true');
    }).toPass({ timeout: 30_000, intervals: [2_000] });
    await renders(page, `${url}/functions/default/us-east-1/payments-webhook?range=1h`, "payments-webhook");
  });
});
