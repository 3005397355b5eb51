import { AwsError, type SimRequest } from "../types";

/**
 * The request side of awsJson1_0 and awsJson1_1 as the AWS SDK for JavaScript v3 speaks them
 * (CloudWatch, CloudWatch Logs, Resource Groups Tagging): `POST /` naming the operation in
 * `x-amz-target: <ServicePrefix>.<Operation>`, with a JSON object as the body.
 */

/** The operation a request names after `prefix` in `x-amz-target`, when `handlers` has one for it. */
export function targetOperation(
  req: SimRequest,
  prefix: string,
  handlers: Readonly<Record<string, unknown>>,
): string | undefined {
  if (req.method !== "POST" || req.path !== "/") return undefined;
  const target = req.headers["x-amz-target"];
  if (typeof target !== "string" || !target.startsWith(prefix)) return undefined;
  const op = target.slice(prefix.length);
  return Object.hasOwn(handlers, op) ? op : undefined;
}

/** The body as a JSON object (an empty body is `{}`); anything else is a SerializationException. */
export function jsonObjectBody(req: SimRequest): Record<string, unknown> {
  const text = req.body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new AwsError("SerializationException", "The request body must be a JSON object");
  return parsed as Record<string, unknown>;
}
