import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "@/lib/server/testing/harness";
import { GET as accounts } from "./accounts/route";
import { GET as coldStarts } from "./functions/[account]/[region]/[name]/cold-starts/route";
import { GET as errors } from "./functions/[account]/[region]/[name]/errors/route";
import { GET as metrics } from "./functions/[account]/[region]/[name]/metrics/route";
import { GET as detail } from "./functions/[account]/[region]/[name]/route";
import { GET as functions } from "./functions/route";
import { GET as health } from "./health/route";
import { GET as overview } from "./overview/route";
import { decodeFunctionList, functionListSchema } from "@/lib/schemas/function-list";

/** The route modules themselves, end to end against the sim: status codes, the error shape, no AWS call for bad input. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness(demoScenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

const req = (path: string) => new Request(`http://127.0.0.1${path}`);
const none = { params: Promise.resolve({}) };
const fn = (name: string, region = "us-east-1", account = "default") => ({
  params: Promise.resolve({ account, region, name }),
});

describe("/api/v1", () => {
  it("health answers without any AWS call", async () => {
    const res = await health(req("/api/v1/health"), none);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      accounts: 1,
      regions: ["eu-west-1", "us-east-1"],
    });
    expect(await h.calls()).toEqual({});
  });

  it.each([
    ["/api/v1/functions?range=2h", "range"],
    ["/api/v1/functions?unknownParam=1", "unknownParam"],
    ["/api/v1/functions?region=ap-south-2", "region"],
    ["/api/v1/functions?account=nosuchaccount", "account"],
    ["/api/v1/functions?from=2001-01-01T00:00:00Z&to=2026-11-20T10:00:00Z", "from"],
    ["/api/v1/functions?from=2099-01-01T00:00:00Z&to=2099-01-02T00:00:00Z", "to"],
    ["/api/v1/overview?range=24H", "range"],
  ])("%s is a 400 naming %s, with no AWS call", async (url, field) => {
    const handler = url.startsWith("/api/v1/overview") ? overview : functions;
    const res = await handler(req(url), none);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.split(":")[0]).toBe(field);
    expect(await h.calls()).toEqual({});
  });

  it("bad path parameters are a 4xx before any AWS call", async () => {
    for (const [handler, ctx] of [
      [detail, fn("../../etc/passwd")],
      [metrics, fn("payments-api", "US-EAST-1")],
      [detail, fn("payments-api", "ap-south-2")],
      [detail, fn("payments-api", "us-east-1", "nosuchaccount")],
      [coldStarts, fn("x".repeat(65))],
    ] as const) {
      const res = await handler(req("/api/v1/functions/x?range=24h"), ctx);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.json()).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
    expect(await h.calls()).toEqual({});
  });

  it("an unknown function is a 404 in the error shape", async () => {
    const res = await detail(req("/api/v1/functions/default/us-east-1/nope?range=1h"), fn("nope"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: 'function nope was not found in us-east-1 of account "default"' },
    });
  });

  it("every endpoint answers the demo with its schema's shape", async () => {
    const list = await functions(req("/api/v1/functions?range=1h"), none);
    expect(list.status).toBe(200);
    expect(decodeFunctionList(functionListSchema.parse(await list.json())).functions).toHaveLength(45);
    for (const [handler, url, ctx] of [
      [accounts, "/api/v1/accounts", none],
      [overview, "/api/v1/overview?range=1h", none],
      [detail, "/api/v1/functions/default/us-east-1/payments-api?range=1h", fn("payments-api")],
      [metrics, "/api/v1/functions/default/us-east-1/payments-api/metrics?range=1h", fn("payments-api")],
      [
        coldStarts,
        "/api/v1/functions/default/us-east-1/payments-api/cold-starts?range=1h",
        fn("payments-api"),
      ],
      [
        errors,
        "/api/v1/functions/default/us-east-1/payments-webhook/errors?range=1h",
        fn("payments-webhook"),
      ],
    ] as const) {
      const res = await handler(req(url), ctx);
      expect(res.status, url).toBe(200);
      // Stored by the browser only to be revalidated: every refetch asks, an unchanged answer is a 304.
      expect(res.headers.get("cache-control")).toBe("private, no-cache");
      expect(res.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    }
  });

  it("a denied AWS read is our message, never AWS's text", async () => {
    await h.setFaults({ accessDenied: ["cloudwatch:GetMetricData"] });
    const res = await metrics(
      req("/api/v1/functions/default/us-east-1/payments-api/metrics?range=1h"),
      fn("payments-api"),
    );
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "access_denied",
        message: "missing permission cloudwatch:GetMetricData on region us-east-1",
      },
    });
    expect(text).not.toContain("is not authorized");
  });
});
