import { expect, test } from "@playwright/test";
import fc from "fast-check";

/**
 * Hostile input: every route's path parameters and query strings, fuzzed. Each bad request gets
 * a 4xx in the API's error shape, never a 500, and causes no AWS call (counted at the sim).
 */

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}`;

async function awsCalls(): Promise<number> {
  const res = await fetch(`${SIM}/_sim/calls`);
  return ((await res.json()) as { total: { calls: number } }).total.calls;
}

/**
 * Waits until the console has made no AWS call for `quietMs`: reads started by an earlier valid
 * request (they go on in the background past its answer) must not be blamed on the next one.
 */
async function quiet(quietMs = 1_500, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last = await awsCalls();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await awsCalls();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

const nasty = fc.oneof(
  fc.constantFrom(
    "..",
    "../../etc/passwd",
    "%2e%2e%2f%2e%2e%2f",
    "%2F",
    "a%00b",
    "😀",
    "ａｄｍｉｎ",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "arn:aws:lambda:us-east-1:123456789012:function:x",
    "arn:aws:lambda",
    "eu-west-9",
    "us-east-1 ",
    "US-EAST-1",
    "x".repeat(65),
    "x".repeat(5000),
    "-1",
    "1e400",
    "null",
    "undefined",
    "[object Object]",
    "__proto__",
    "constructor",
  ),
  fc.string({ minLength: 1, maxLength: 300 }).filter((s) => !/^[a-zA-Z0-9-_]{1,64}$/.test(s)),
);

const badRange = fc.oneof(
  fc.constantFrom("2h", "0h", "-1h", "999d", "24H", "", "1y", "30d30d"),
  fc.string({ maxLength: 40 }).filter((s) => !["1h", "3h", "12h", "24h", "3d", "7d", "30d"].includes(s)),
);

const badFromTo = fc.oneof(
  // reversed
  fc.constant({ from: "2026-11-20T12:00:00Z", to: "2026-11-20T10:00:00Z" }),
  // huge: more than CloudWatch keeps
  fc.constant({ from: "2001-01-01T00:00:00Z", to: "2026-11-20T10:00:00Z" }),
  // in the future
  fc.constant({ from: "2099-01-01T00:00:00Z", to: "2099-01-02T00:00:00Z" }),
  fc.record({ from: fc.string({ maxLength: 30 }), to: fc.string({ maxLength: 30 }) }),
);

function expectErrorShape(status: number, body: unknown, url: string): void {
  expect(status, url).toBeGreaterThanOrEqual(400);
  expect(status, url).toBeLessThan(500);
  expect(body, url).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

test.describe("hostile input", () => {
  test("bad path parameters and query strings get a 4xx in the error shape and cause no AWS call", async ({
    request,
  }) => {
    test.setTimeout(180_000);
    let tried = 0;
    let rejected = 0;
    const callers: string[] = [];
    /** Whether a request made AWS calls: asked again after the background has gone quiet. */
    const callsAws = async (url: string): Promise<boolean> => {
      await quiet();
      const before = await awsCalls();
      await request.get(url, { failOnStatusCode: false });
      return (await awsCalls()) !== before;
    };
    const check = async (url: string) => {
      const before = await awsCalls();
      const res = await request.get(url, { failOnStatusCode: false });
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      // A path the router cannot match at all is Next's own 404 page: still a 4xx, never a 500.
      if (res.status() === 404 && typeof body === "string") return;
      expectErrorShape(res.status(), body, url);
      tried++;
      // Input that fails validation never reaches AWS. (A well-formed name of a function that does
      // not exist is valid input: its 404 comes from reading the account.)
      if (res.status() === 400) {
        rejected++;
        if ((await awsCalls()) !== before && (await callsAws(url))) callers.push(url);
      }
    };

    await fc.assert(
      fc.asyncProperty(nasty, fc.constantFrom("account", "region", "name"), async (value, which) => {
        const parts = { account: "default", region: "us-east-1", name: "payments-api", [which]: value };
        const enc = (s: string) => encodeURIComponent(s);
        await check(
          `/api/v1/functions/${enc(parts.account)}/${enc(parts.region)}/${enc(parts.name)}?range=24h`,
        );
        await check(
          `/api/v1/functions/${enc(parts.account)}/${enc(parts.region)}/${enc(parts.name)}/metrics?range=24h`,
        );
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(badRange, async (range) => {
        for (const path of [
          "/api/v1/functions",
          "/api/v1/overview",
          "/api/v1/functions/default/us-east-1/payments-api/cold-starts",
        ])
          await check(`${path}?range=${encodeURIComponent(range)}`);
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(badFromTo, async ({ from, to }) => {
        await check(`/api/v1/functions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      }),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(nasty, async (value) => {
        await check(`/api/v1/functions?region=${encodeURIComponent(value)}`);
        await check(`/api/v1/functions?account=${encodeURIComponent(value)}`);
        await check(`/api/v1/functions?unknownParam=${encodeURIComponent(value)}`);
      }),
      { numRuns: 40 },
    );
    // Regions and accounts that are well-formed but not configured are rejected too.
    await check("/api/v1/functions?region=ap-south-2");
    await check("/api/v1/functions/default/ap-south-2/payments-api");
    await check("/api/v1/functions/nosuchaccount/us-east-1/payments-api");

    expect(tried).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(250);
    expect(callers).toEqual([]);
  });
});
