import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ApiError } from "@/lib/schemas/common";
import { BadRequestError, STATUS_BY_CODE, toAppError } from "../errors";
import { log } from "../log";
import { withRequestContext } from "../request-context";
import { answerOf, memoized, sendAnswer } from "./response-memo";

/**
 * The one wrapper of every API route: parses path and query with zod (a 400 naming the field in
 * the one error shape), runs the lib/server function, parses its output with the response schema
 * (so no undeclared field, such as an environment variable's value, can leave), and maps any
 * typed error to its status. Route handlers stay one line. Answers are built once and served as
 * bytes to every request asking the same while the cache has not changed (./response-memo).
 */

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, O extends z.ZodType> {
  path: P;
  query: Q;
  output: O;
  handle: (input: { path: z.infer<P>; query: z.infer<Q> }) => Promise<z.input<O>>;
}

function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return issue.keys[0] ?? "(query)";
  return issue.path.map(String).join(".") || "(query)";
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (!issue) throw new BadRequestError("(request)", "is invalid");
  const message = issue.code === "unrecognized_keys" ? "is not a known parameter" : issue.message;
  throw new BadRequestError(fieldOf(issue), message);
}

/** Query string to an object; a parameter given twice is an error rather than a silent pick. */
function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) {
    if (Object.hasOwn(out, k)) throw new BadRequestError(k, "is given more than once");
    out[k] = v;
  }
  return out;
}

/** Path and query, parameters in a fixed order: the same question gets the same memo entry. */
function memoKey(url: URL): string {
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

export function errorResponse(code: ApiError["error"]["code"], message: string, requestId: string): Response {
  const body: ApiError = { error: { code, message } };
  return Response.json(body, {
    status: STATUS_BY_CODE[code],
    headers: { "cache-control": "no-store", "x-request-id": requestId },
  });
}

export function apiRoute<P extends z.ZodType, Q extends z.ZodType, O extends z.ZodType>(
  spec: RouteSpec<P, Q, O>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    return withRequestContext(requestId, async () => {
      const started = performance.now();
      const url = new URL(request.url);
      let response: Response;
      try {
        const path = parseOrThrow(spec.path, (await context?.params) ?? {});
        const query = parseOrThrow(spec.query, queryObject(url));
        const answer = await memoized(memoKey(url), async () => {
          const result = await spec.handle({ path, query });
          const out = spec.output.safeParse(result);
          if (out.success) return answerOf(200, out.data);
          log().error(
            { issues: out.error.issues.slice(0, 5), path: url.pathname },
            "response failed its schema",
          );
          const body: ApiError = {
            error: {
              code: "internal_error",
              message: "something went wrong on the server; it has been logged",
            },
          };
          return answerOf(STATUS_BY_CODE.internal_error, body);
        });
        response = sendAnswer(answer, { "x-request-id": requestId }, request.headers.get("if-none-match"));
      } catch (err) {
        const e = toAppError(err);
        response = errorResponse(e.code, e.publicMessage, requestId);
      }
      log().debug(
        {
          method: request.method,
          path: url.pathname,
          status: response.status,
          ms: Math.round(performance.now() - started),
        },
        "api",
      );
      return response;
    });
  };
}
