import { mkdirSync, readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/**
 * Every console page against the sim's demo account: it renders with data, logs no console
 * errors, passes an automated accessibility check, and is photographed light and dark at desktop
 * and phone width (screenshots/, outside test-results/ which Playwright empties). Then the main
 * interactions of the functions page: range, sort, filter, CSV, drill-down and auto-refresh.
 */

const SHOTS = "screenshots";
const DETAIL = "/functions/default/us-east-1/payments-webhook";

const PAGES = [
  { name: "overview", path: "/overview", heading: "Overview" },
  { name: "triage", path: "/triage", heading: "Triage" },
  { name: "functions", path: "/functions", heading: "Functions" },
  { name: "function-detail", path: DETAIL, heading: "payments-webhook" },
  { name: "security", path: "/security", heading: "Security" },
  { name: "costs", path: "/costs", heading: "Costs" },
] as const;

const VIEWPORTS = [
  { label: "desktop", width: 1440, height: 900 },
  { label: "phone", width: 390, height: 844 },
] as const;

/** Console errors and uncaught exceptions of a page, collected for the test to assert on. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** Waits until the page's queries have settled: no request in flight and no skeleton showing. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 45_000 });
  await expect(page.locator('[role="status"][aria-label="Loading"]')).toHaveCount(0, { timeout: 45_000 });
}

/**
 * Waits until the page stops asking again: a partial answer makes a panel re-ask every 5 s
 * (lib/queries/section.ts FOLLOW_UP_MS), so settled means no API request for longer than that.
 */
async function complete(page: Page): Promise<void> {
  let last = Date.now();
  const onRequest = (r: { url(): string }) => {
    if (r.url().includes("/api/v1/")) last = Date.now();
  };
  page.on("request", onRequest);
  try {
    const deadline = Date.now() + 90_000;
    while (Date.now() - last < 6_500 && Date.now() < deadline) await page.waitForTimeout(500);
    await settled(page);
  } finally {
    page.off("request", onRequest);
  }
}

test.describe("every page", () => {
  test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  for (const p of PAGES) {
    test(`${p.name}: renders with data, no console errors, accessible, photographed`, async ({
      page,
      baseURL,
    }) => {
      test.setTimeout(150_000);
      const errors = watchErrors(page);
      const host = new URL(baseURL ?? "http://127.0.0.1").hostname;
      for (const theme of ["light", "dark"] as const) {
        await page.context().addCookies([{ name: "headroom-theme", value: theme, domain: host, path: "/" }]);
        for (const vp of VIEWPORTS) {
          await page.setViewportSize({ width: vp.width, height: vp.height });
          const res = await page.goto(p.path);
          expect(res?.status()).toBe(200);
          await expect(page.getByRole("heading", { level: 1, name: p.heading })).toBeVisible();
          // The first visit waits for every follow-up; later ones find the server's cache warm.
          if (theme === "light" && vp.label === "desktop") await complete(page);
          else await settled(page);
          expect(await page.locator("html").getAttribute("class")).toContain(theme);
          await page.screenshot({ path: `${SHOTS}/${p.name}-${theme}-${vp.label}.png`, fullPage: true });
        }
      }
      // Axe on the desktop layout, in both themes (contrast differs between them).
      for (const theme of ["light", "dark"] as const) {
        await page.context().addCookies([{ name: "headroom-theme", value: theme, domain: host, path: "/" }]);
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto(p.path);
        await settled(page);
        const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
        const serious = axe.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(" ")}`);
        expect(serious, `${theme} theme`).toEqual([]);
      }
      expect(errors).toEqual([]);
    });
  }
});

/** The names in the function table's rows as rendered (virtualized: the rows in view). */
async function visibleNames(page: Page): Promise<string[]> {
  return page.locator("tbody tr th[scope=row] a").allInnerTexts();
}

async function columnValues(page: Page, index: number): Promise<string[]> {
  return page.locator(`tbody tr[aria-rowindex] > :nth-child(${index + 1})`).allInnerTexts();
}

/** Reads a figure as the table shows it ("8,570", "345.3k", "1.2M", "—" for no data). */
const asNumber = (text: string): number => {
  const s = text.trim();
  const m = /^(-?[\d,]*\.?\d+)\s*([kKMB]?)/.exec(s);
  if (!m?.[1]) return Number.NaN;
  const scale = { "": 1, k: 1e3, K: 1e3, M: 1e6, B: 1e9 }[m[2] ?? ""] ?? 1;
  return Number(m[1].replace(/,/g, "")) * scale;
};

test.describe("functions page", () => {
  test("range change updates the URL and the data", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/functions");
    await settled(page);
    const request = page.waitForRequest(
      (r) => r.url().includes("/api/v1/functions") && r.url().includes("range=3h"),
    );
    await page
      .getByRole("group", { name: "Time range" })
      .getByRole("button", { name: "3h", exact: true })
      .click();
    await request;
    await expect(page).toHaveURL(/[?&]range=3h/);
    await settled(page);
    expect(errors).toEqual([]);
  });

  test("sorts by a column, descending first for numbers, and keeps the sort in the URL", async ({ page }) => {
    await page.goto("/functions");
    await settled(page);
    const header = page.locator("thead th", { hasText: "Invocations" });
    await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
    await expect(page).toHaveURL(/sort=invocations/);
    const index = await page
      .locator("thead th")
      .evaluateAll((ths) => ths.findIndex((th) => th.textContent?.includes("Invocations")));
    const values = (await columnValues(page, index)).map(asNumber).filter((n) => !Number.isNaN(n));
    expect(values.length).toBeGreaterThan(5);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // The URL alone restores the view.
    await page.reload();
    await settled(page);
    await expect(page.locator("thead th", { hasText: "Invocations" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
  });

  test("filters by text and by team; the CSV holds exactly what is shown", async ({ page }) => {
    await page.goto("/functions");
    await settled(page);
    const all = await visibleNames(page);
    expect(all.length).toBeGreaterThan(10);

    // "/" focuses the search once the page is hydrated (the shortcut is attached then).
    const search = page.locator("#function-search");
    await expect(async () => {
      await page.keyboard.press("/");
      await expect(search).toBeFocused({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(search).toHaveValue("");
    await page.keyboard.type("search-");
    await expect(page).toHaveURL(/[?&]q=search-/);
    await expect.poll(async () => (await visibleNames(page)).every((n) => n.includes("search-"))).toBe(true);
    const shown = await visibleNames(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all.length);

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, "utf8").trim().split("\r\n");
    expect(lines[0]).toMatch(/^"?(Function|name)/i);
    const csvNames = lines.slice(1).map((l) => l.split(",")[0]?.replace(/^"|"$/g, ""));
    expect(csvNames.sort()).toEqual([...shown].sort());

    await page.locator("#function-search").fill("");
    await page.locator("#filter-team").selectOption("payments");
    await expect(page).toHaveURL(/[?&]team=payments/);
    const teamIndex = await page
      .locator("thead th")
      .evaluateAll((ths) => ths.findIndex((th) => th.textContent?.trim() === "Team"));
    await expect
      .poll(async () => {
        const teams = await columnValues(page, teamIndex);
        return teams.length > 0 && teams.every((t) => t.trim() === "payments");
      })
      .toBe(true);
  });

  test("drills down into a function and back", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/functions?q=payments-webhook");
    await settled(page);
    await page.getByRole("link", { name: "payments-webhook", exact: true }).click();
    await expect(page).toHaveURL(/\/functions\/default\/us-east-1\/payments-webhook/);
    await expect(page.getByRole("heading", { level: 1, name: "payments-webhook" })).toBeVisible();
    await settled(page);
    await expect(page.getByRole("heading", { name: "Invocations, errors and throttles" })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1, name: "Functions" })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("auto-refresh refetches on its interval", async ({ page }) => {
    await page.clock.install();
    await page.goto("/functions?refresh=30s");
    await settled(page);
    await expect(page.locator("#auto-refresh")).toHaveValue("30s");
    const refetch = page.waitForRequest((r) => r.url().includes("/api/v1/functions"), { timeout: 20_000 });
    await page.clock.fastForward(31_000);
    await refetch;
  });
});
