import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AwsCallError } from "@/lib/aws/errors";
import { envVarSchema } from "@/lib/schemas/functions";
import { functionPathSchema, rangeParamsSchema } from "@/lib/schemas/params";
import { AppError } from "../errors";
import { apiRoute } from "./handler";
import { clearResponseMemo } from "./response-memo";

process.env.LOG_LEVEL = "silent";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const get = (url: string) => new Request(`http://localhost${url}`);

const route = (handle: () => Promise<unknown>) =>
  apiRoute({
    path: functionPathSchema,
    query: rangeParamsSchema,
    output: z.object({ vars: z.array(envVarSchema) }),
    handle: handle as () => Promise<{ vars: Array<z.input<typeof envVarSchema>> }>,
  });

const okPath = { account: "default", region: "us-east-1", name: "orders" };

afterEach(() => clearResponseMemo());

describe("apiRoute", () => {
  it("answers the handler's output, parsed by its schema: undeclared fields are dropped", async () => {
    const res = await route(async () => ({
      vars: [{ name: "DB_PASSWORD", bytes: 20, secretLooking: true, value: "hunter2" }],
    }))(get("/x?range=1h"), ctx(okPath));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toEqual({ vars: [{ name: "DB_PASSWORD", bytes: 20, secretLooking: true }] });
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it.each([
    ["/x?range=2h", okPath, "range"],
    ["/x?bogus=1", okPath, "bogus"],
    ["/x?range=1h&range=3h", okPath, "range"],
    ["/x?from=2026-11-20T12:00:00Z", okPath, "from"],
    ["/x", { ...okPath, region: "US-EAST-1" }, "region"],
    ["/x", { ...okPath, name: "../../etc/passwd" }, "name"],
  ])("%s with bad input is a 400 naming the field", async (url, path, field) => {
    let called = false;
    const res = await route(async () => {
      called = true;
      return { vars: [] };
    })(get(url), ctx(path));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.startsWith(`${field}:`)).toBe(true);
    expect(called).toBe(false);
  });

  it("maps typed errors to their status in the one error shape", async () => {
    const res = await route(async () => {
      throw new AppError("not_found", "function orders was not found");
    })(get("/x"), ctx(okPath));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "function orders was not found" },
    });
  });

  it("maps AWS errors without their raw text", async () => {
    const res = await route(async () => {
      throw new AwsCallError(
        { service: "cloudwatch", operation: "GetMetricData", account: "default", region: "us-east-1" },
        "Throttling",
        "Rate exceeded for arn:aws:sts::123456789012:assumed-role/x",
        400,
        "abc",
      );
    })(get("/x"), ctx(okPath));
    expect(res.status).toBe(429);
    const text = await res.text();
    expect(text).not.toContain("Rate exceeded");
    expect(JSON.parse(text)).toEqual({ error: { code: "throttled", message: "throttled by CloudWatch" } });
  });

  it("turns a bug into a generic 500", async () => {
    const res = await route(async () => {
      throw new TypeError("undefined is not a function (internal detail)");
    })(get("/x"), ctx(okPath));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("internal detail");
  });

  it("answers a request naming the answer's ETag with a bodiless 304, and a changed answer in full", async () => {
    let vars = [{ name: "A", bytes: 1, secretLooking: false }];
    const handle = route(async () => ({ vars }));
    const first = await handle(get("/x?range=1h"), ctx(okPath));
    const etag = first.headers.get("etag");
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(etag).toMatch(/^"[\w-]+"$/);

    const revalidate = (tag: string) =>
      handle(new Request("http://localhost/x?range=1h", { headers: { "if-none-match": tag } }), ctx(okPath));
    const same = await revalidate(etag ?? "");
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(etag);

    clearResponseMemo();
    vars = [{ name: "B", bytes: 1, secretLooking: false }];
    const changed = await revalidate(etag ?? "");
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as { vars: Array<{ name: string }> }).vars[0]?.name).toBe("B");
  });

  it("refuses output that does not match its schema", async () => {
    const res = await route(async () => ({ vars: [{ name: 1 }] }))(get("/x"), ctx(okPath));
    expect(res.status).toBe(500);
  });
});
