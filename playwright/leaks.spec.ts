import { expect, test, type Page, type Response } from "@playwright/test";
import { decodeFunctionList, functionListSchema } from "@/lib/schemas/function-list";

/**
 * Nothing leaks: crawl every page and API response of the demo and look for every
 * environment-variable value of the account (read from the sim itself, so the list cannot go
 * stale), and for raw AWS SDK error text, in everything the browser receives: HTML, RSC payloads
 * and JSON.
 */

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}`;
const RAW_ERROR_MARKERS = [
  "is not authorized to perform",
  "$metadata",
  "x-amzn-requestid",
  "__type",
  "ThrottlingException",
];

interface Row {
  id: string;
  account: string;
  region: string;
  name: string;
}

async function canaries(): Promise<string[]> {
  const res = await fetch(`${SIM}/_sim/canaries`);
  const body = (await res.json()) as { environmentValues: string[] };
  return body.environmentValues;
}

function findLeaks(text: string, secrets: string[]): string[] {
  const found = secrets.filter((s) => text.includes(s));
  for (const marker of RAW_ERROR_MARKERS) if (text.includes(marker)) found.push(`raw SDK text "${marker}"`);
  return found;
}

async function capture(page: Page, url: string, bodies: Array<{ url: string; text: string }>): Promise<void> {
  const pending: Array<Promise<void>> = [];
  const onResponse = (res: Response) => {
    pending.push(
      res
        .text()
        .then((text) => {
          bodies.push({ url: res.url(), text });
        })
        .catch(() => undefined),
    );
  };
  page.on("response", onResponse);
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  bodies.push({ url: `${url} (DOM)`, text: await page.content() });
  page.off("response", onResponse);
  await Promise.all(pending);
}

test.describe("nothing leaks to the browser", () => {
  test.beforeAll(async () => {
    // Provoke error paths too: a denied IAM read must degrade with our message, not AWS's.
    await fetch(`${SIM}/_sim/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ accessDenied: ["iam:GetRolePolicy"] }),
    });
  });

  test.afterAll(async () => {
    await fetch(`${SIM}/_sim/faults`, { method: "DELETE" });
  });

  test("no environment value, credential or raw SDK error in any page or API response", async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000);
    const secrets = await canaries();
    expect(secrets.length).toBeGreaterThan(20);
    expect(secrets).toContain("sk_live_51HeadroomCanaryQ8mWv3kTzR7pLx2NfY6cB");

    const list = await request.get("/api/v1/functions?range=1h");
    expect(list.ok()).toBeTruthy();
    const rows: Row[] = decodeFunctionList(functionListSchema.parse(await list.json())).functions;
    expect(rows.length).toBeGreaterThanOrEqual(40);

    const bodies: Array<{ url: string; text: string }> = [];
    const apiPaths = [
      "/api/v1/health",
      "/api/v1/accounts",
      "/api/v1/overview?range=1h",
      "/api/v1/functions?range=1h",
    ];
    for (const r of rows) {
      const base = `/api/v1/functions/${r.account}/${r.region}/${r.name}`;
      apiPaths.push(
        `${base}?range=1h`,
        `${base}/metrics?range=1h`,
        `${base}/cold-starts?range=1h`,
        `${base}/errors?range=1h`,
      );
    }
    for (const optional of ["/api/v1/findings", "/api/v1/costs?range=1h", "/api/v1/triage?range=1h"])
      apiPaths.push(optional);
    for (const path of apiPaths) {
      const res = await request.get(path);
      bodies.push({ url: path, text: await res.text() });
    }

    const pages = [
      "/overview?range=1h",
      "/functions?range=1h",
      "/triage?range=1h",
      "/security",
      "/costs?range=1h",
    ];
    const secretHolders = rows.filter((r) =>
      [
        "payments-card-tokenizer",
        "legacy-report-generator",
        "tmp-test-function",
        "eu-inventory-sync",
        "search-feed-sync",
      ].includes(r.name),
    );
    for (const r of secretHolders) pages.push(`/functions/${r.account}/${r.region}/${r.name}?range=1h`);
    for (const url of pages) await capture(page, url, bodies);

    const leaks = bodies.flatMap((b) => findLeaks(b.text, secrets).map((what) => `${what} in ${b.url}`));
    expect(leaks).toEqual([]);
    expect(bodies.length).toBeGreaterThan(apiPaths.length);
  });
});
