import { randomBytes } from "node:crypto";
import { networkInterfaces } from "node:os";
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import {
  consoleEnvironment,
  freePort,
  spawnConsole,
  startConsole,
  waitUntilUp,
  type ConsoleProcess,
} from "./support/console-server";
import { startOidcProvider, type RunningProvider } from "./support/oidc-provider";

/**
 * Sign-in, end to end: a real OpenID provider on a random port, and consoles of their own (the
 * built app, `next start`) configured for OpenID Connect, for a shared token, and for binding to a
 * public address. The consoles read the sim started by the Playwright config.
 */

const SESSION_TTL_SECONDS = 15; // the smallest HEADROOM_SESSION_TTL_SECONDS allowed
const SESSION_COOKIE = "hr_session";
const secret = () => randomBytes(32).toString("base64url");

/** A sample of the API, every route family and method, plus a path no route serves. */
const API_SAMPLE: Array<[method: "GET" | "POST" | "DELETE", path: string]> = [
  ["GET", "/api/v1/accounts"],
  ["GET", "/api/v1/overview?range=24h"],
  ["GET", "/api/v1/functions?range=24h"],
  ["GET", "/api/v1/functions/123456789012/us-east-1/checkout-api"],
  ["GET", "/api/v1/functions/123456789012/us-east-1/checkout-api/metrics?range=24h"],
  ["GET", "/api/v1/functions/123456789012/us-east-1/checkout-api/errors?range=24h"],
  ["GET", "/api/v1/functions/123456789012/us-east-1/checkout-api/cold-starts?range=24h"],
  ["POST", "/api/v1/functions"],
  ["DELETE", "/api/v1/accounts"],
  ["GET", "/api/v1/no-such-route"],
];

/** Headers a request may carry to look like a prefetch or an RSC fetch; none may get around the gate. */
const DISGUISES: Array<Record<string, string>> = [
  {},
  { purpose: "prefetch" },
  { "next-router-prefetch": "1" },
  { rsc: "1", "next-router-prefetch": "1" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
];

async function expectUnauthorized(
  api: APIRequestContext,
  method: string,
  url: string,
  headers: Record<string, string> = {},
) {
  const res = await api.fetch(url, { method, headers, maxRedirects: 0 });
  const label = `${method} ${url} ${JSON.stringify(headers)}`;
  expect(res.status(), label).toBe(401);
  expect(res.headers()["content-type"], label).toContain("application/json");
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(body, label).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
}

/** Directive name to its values. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? "").split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

/** The browser's reports of what the page's CSP blocked, from now on. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) found.push(m.text());
  });
  return found;
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** Goes through the provider's login and consent pages as `user` (any password is accepted). */
async function signInAtProvider(page: Page, provider: RunningProvider, user: string) {
  await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(user);
  await page.getByPlaceholder("and password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("OpenID Connect sign-in", () => {
  let provider: RunningProvider;
  let app: ConsoleProcess & { url: string };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    provider = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/api/auth/oidc/callback`] });
    app = await startConsole(
      consoleEnvironment({
        HEADROOM_OIDC_ISSUER: provider.issuer,
        HEADROOM_OIDC_CLIENT_ID: provider.clientId,
        HEADROOM_OIDC_CLIENT_SECRET: provider.clientSecret,
        HEADROOM_OIDC_ALLOWED_GROUPS: "sre",
        HEADROOM_SESSION_SECRET: secret(),
        HEADROOM_SESSION_TTL_SECONDS: String(SESSION_TTL_SECONDS),
      }),
      port,
    );
  });

  test.afterAll(async () => {
    await app?.stop();
    await provider?.close();
  });

  test.afterEach(() => {
    expect(provider.errors, "the provider hit errors").toEqual([]);
  });

  test("a user in an allowed group lands on the page asked for, and the API answers", async ({ page }) => {
    await page.goto(`${app.url}/functions?range=7d`);
    await expect(page).toHaveURL(`${app.url}/sign-in?next=${encodeURIComponent("/functions?range=7d")}`);

    await signInAtProvider(page, provider, "alice");

    await expect(page).toHaveURL(`${app.url}/functions?range=7d`);
    const cookie = await sessionCookie(page.context());
    if (!cookie) throw new Error("no session cookie after sign-in");
    // The session names the provider's user, with the claims the provider released at userinfo.
    const payload: unknown = JSON.parse(
      Buffer.from(cookie.value.split(".")[0] ?? "", "base64url").toString(),
    );
    expect(payload).toMatchObject({ sub: "alice", email: "alice@example.com", groups: ["sre", "oncall"] });
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("hr_oidc");

    const res = await page.request.get(`${app.url}/api/v1/functions?range=24h`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ columns: { name: expect.any(Array) } });
  });

  test("a user outside the allowed groups is refused in plain words and gets no session", async ({
    page,
  }) => {
    await page.goto(`${app.url}/functions`);
    await signInAtProvider(page, provider, "bob");

    await expect(page).toHaveURL(/\/sign-in\?error=forbidden/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "Your account is not in a group allowed to use Headroom",
    );
    expect(await sessionCookie(page.context())).toBeUndefined();
    await expectUnauthorized(page.request, "GET", `${app.url}/api/v1/functions?range=24h`);
    await page.goto(`${app.url}/functions`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test("cancelling at the provider comes back to sign-in with a message, and no session", async ({
    page,
  }) => {
    await page.goto(`${app.url}/functions`);
    await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
    await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
    await page.getByRole("link", { name: "[ Cancel ]" }).click();

    await expect(page).toHaveURL(`${app.url}/sign-in?error=access_denied`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "Sign-in was cancelled or refused at your identity provider.",
    );
    expect(await sessionCookie(page.context())).toBeUndefined();
  });

  test("an expired session sends the user back to sign-in and the API answers 401", async ({
    page,
    context,
  }) => {
    test.setTimeout(SESSION_TTL_SECONDS * 1000 + 90_000);
    await page.goto(`${app.url}/functions`);
    await signInAtProvider(page, provider, "alice");
    await expect(page).toHaveURL(`${app.url}/functions`);
    const signedInAt = Date.now();
    const cookie = await sessionCookie(context);
    if (!cookie) throw new Error("no session cookie after sign-in");
    expect(cookie.expires * 1000).toBeLessThanOrEqual(signedInAt + (SESSION_TTL_SECONDS + 5) * 1000);
    expect((await page.request.get(`${app.url}/api/v1/accounts`)).status()).toBe(200);

    await page.waitForTimeout(Math.max(0, signedInAt + (SESSION_TTL_SECONDS + 2) * 1000 - Date.now()));

    await page.goto(`${app.url}/functions?range=24h`);
    await expect(page).toHaveURL(`${app.url}/sign-in?next=${encodeURIComponent("/functions?range=24h")}`);
    await expectUnauthorized(page.request, "GET", `${app.url}/api/v1/accounts`);

    // The browser dropped the cookie on time; the server must refuse the stale value by itself too.
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie.value, url: app.url }]);
    await expectUnauthorized(page.request, "GET", `${app.url}/api/v1/accounts`);
    await page.goto(`${app.url}/functions`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test("sign-out clears the session", async ({ page }) => {
    await page.goto(`${app.url}/functions`);
    await signInAtProvider(page, provider, "alice");
    await expect(page).toHaveURL(`${app.url}/functions`);
    expect((await page.request.get(`${app.url}/api/v1/accounts`)).status()).toBe(200);

    // What a sign-out button does: a form POST to /api/auth/sign-out.
    await page.evaluate(() => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = "/api/auth/sign-out";
      document.body.append(form);
      form.submit();
    });

    await expect(page).toHaveURL(`${app.url}/sign-in?signed_out=1`);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("You are signed out.");
    expect(await sessionCookie(page.context())).toBeUndefined();
    await expectUnauthorized(page.request, "GET", `${app.url}/api/v1/accounts`);
    await page.goto(`${app.url}/functions`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test("without a session every API route answers 401 in the error shape, the health check 200", async ({
    request,
  }) => {
    for (const [method, path] of API_SAMPLE) {
      for (const headers of DISGUISES)
        await expectUnauthorized(request, method, `${app.url}${path}`, headers);
    }
    // A session signed with another secret, or tampered with, is no session.
    const forged = `${Buffer.from(JSON.stringify({ sub: "admin", iat: 0, exp: 4e9 })).toString("base64url")}.AAAA`;
    await expectUnauthorized(request, "GET", `${app.url}/api/v1/functions`, {
      cookie: `${SESSION_COOKIE}=${forged}`,
    });

    const health = await request.get(`${app.url}/api/v1/health`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
  });

  test("pages without a session redirect to sign-in, prefetches and RSC fetches too", async ({ request }) => {
    for (const headers of DISGUISES) {
      const res = await request.get(`${app.url}/functions?range=24h`, { headers, maxRedirects: 0 });
      expect(res.status(), JSON.stringify(headers)).toBe(307);
      const location = new URL(res.headers().location ?? "", app.url);
      expect(location.href, JSON.stringify(headers)).toBe(
        `${app.url}/sign-in?next=%2Ffunctions%3Frange%3D24h`,
      );
    }
    // The image optimizer fetches what it is asked for itself; it must not carry the API out either.
    const image = await request.get(
      `${app.url}/_next/image?url=${encodeURIComponent("/api/v1/accounts")}&w=64&q=75`,
    );
    expect(image.status()).not.toBe(200);
    expect(await image.text()).not.toContain("accounts");
  });
});

test.describe("shared-token sign-in", () => {
  const token = randomBytes(24).toString("base64url");
  let app: ConsoleProcess & { url: string };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    app = await startConsole(
      consoleEnvironment({ HEADROOM_AUTH_TOKEN: token, HEADROOM_SESSION_SECRET: secret() }),
    );
  });

  test.afterAll(async () => {
    await app?.stop();
  });

  test("a wrong token is refused, the right one is admitted", async ({ page }) => {
    await page.goto(`${app.url}/functions`);
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ffunctions$/);

    await page.getByLabel("Access token").fill(`${token.slice(0, -1)}x`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("That access token is not valid.");
    expect(await sessionCookie(page.context())).toBeUndefined();
    await expectUnauthorized(page.request, "GET", `${app.url}/api/v1/accounts`);

    await page.getByLabel("Access token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${app.url}/functions`);
    expect((await page.request.get(`${app.url}/api/v1/accounts`)).status()).toBe(200);
  });

  test("after sign-in the user stays on this site, whatever `next` says", async ({ page }) => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example/",
      "/\t/evil.example/",
    ]) {
      await page.goto(`${app.url}/sign-in?next=${encodeURIComponent(next)}`);
      await page.getByLabel("Access token").fill(token);
      await page.getByRole("button", { name: "Sign in" }).click();
      // "/" and then the overview it redirects to: never another origin.
      await expect(page, JSON.stringify(next)).toHaveURL(`${app.url}/overview`);
      await page.context().clearCookies();
    }
  });

  test("pages carry a nonce-based CSP and the other security headers; the session cookie is HttpOnly and Lax", async ({
    page,
  }) => {
    const violations = cspViolations(page);
    const res = await page.goto(`${app.url}/functions`);
    if (!res) throw new Error("no response");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ffunctions$/);
    const headers = res.headers();
    const csp = parseCsp(headers["content-security-policy"]);
    const scriptSrc = csp.get("script-src") ?? [];
    const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, `script-src ${scriptSrc.join(" ")}`).toBeTruthy();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-frame-options"]).toBe("DENY");

    // Next put that nonce on its own scripts (or they would not run), and only that one.
    const html = await res.text();
    const nonces = new Set([...html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]));
    expect([...nonces]).toEqual([nonce]);
    // A fresh nonce for every response.
    const again = await page.request.get(`${app.url}/sign-in`);
    expect(again.headers()["content-security-policy"]).toMatch(/'nonce-[^']+'/);
    expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
    await page.waitForLoadState("networkidle");
    expect(violations, "the sign-in page's scripts are blocked by its own CSP").toEqual([]);

    await page.getByLabel("Access token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${app.url}/functions`);
    const cookie = await sessionCookie(page.context());
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
    expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
  });

  test("a console page's scripts run under the CSP (the page is rendered per request, with the nonce)", async ({
    page,
  }) => {
    await page.goto(`${app.url}/sign-in?next=%2Ffunctions`);
    await page.getByLabel("Access token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${app.url}/functions`);
    const violations = cspViolations(page);
    const res = await page.reload();
    await page.waitForLoadState("networkidle");
    expect(res?.status()).toBe(200);
    expect(violations, "a statically rendered page has no nonce, so the CSP blocks all its scripts").toEqual(
      [],
    );
  });
});

test.describe("binding to a public address", () => {
  test.describe.configure({ timeout: 120_000 });

  const publicAddress = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === "IPv4" && !a.internal)?.address;

  type Refusal = [label: string, args: (port: number) => string[], env: Record<string, string>];
  const refusals: Refusal[] = [
    ["--hostname 0.0.0.0", (p) => ["--hostname", "0.0.0.0", "--port", String(p)], {}],
    ["no --hostname (next start listens everywhere)", (p) => ["--port", String(p)], {}],
    // `next start` ignores HOSTNAME (only a standalone server.js reads it).
    ["no --hostname, HOSTNAME=127.0.0.1", (p) => ["--port", String(p)], { HOSTNAME: "127.0.0.1" }],
    ["-H0.0.0.0, HOSTNAME=127.0.0.1", (p) => ["-H0.0.0.0", "--port", String(p)], { HOSTNAME: "127.0.0.1" }],
  ];
  if (publicAddress)
    refusals.push([
      `--hostname ${publicAddress}`,
      (p) => ["--hostname", publicAddress, "--port", String(p)],
      {},
    ]);

  for (const [label, args, env] of refusals) {
    test(`refuses to start without sign-in: ${label}`, async () => {
      const proc = spawnConsole(args(await freePort("0.0.0.0")), consoleEnvironment(env));
      try {
        const code = await Promise.race([
          proc.exited,
          new Promise<string>((r) => setTimeout(() => r("still running after 60 s"), 60_000)),
        ]);
        expect(code, proc.output()).not.toBe(0);
        expect(typeof code, proc.output()).toBe("number");
        expect(proc.output()).toContain("refuses to listen");
        expect(proc.output()).toContain("HEADROOM_AUTH_TOKEN");
      } finally {
        await proc.stop();
      }
    });
  }

  test("starts on 0.0.0.0 once token sign-in is configured", async () => {
    const port = await freePort("0.0.0.0");
    const proc = spawnConsole(
      ["--hostname", "0.0.0.0", "--port", String(port)],
      consoleEnvironment({
        HEADROOM_AUTH_TOKEN: randomBytes(24).toString("base64url"),
        HEADROOM_SESSION_SECRET: secret(),
      }),
    );
    try {
      await waitUntilUp(proc, `http://127.0.0.1:${port}/api/v1/health`);
      expect(proc.output()).not.toContain("refuses to listen");
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/accounts`)).status).toBe(401);
    } finally {
      await proc.stop();
    }
  });
});
