import { AwsError, type SimRequest, type SimResponse } from "../types";

/**
 * restJson1 as the AWS SDK for JavaScript v3 speaks it (Lambda): the operation is the HTTP method
 * plus a path template with percent-encoded `{Label}` segments and query members; bodies are JSON.
 *
 * Errors: the SDK reads the error code from the `x-amzn-errortype` header first, then the body's
 * `code` and `__type` (@smithy/core `loadRestJsonErrorCode`), takes the message from `message` or
 * `Message`, and fills the modelled members of the error shape from body keys of the same name and
 * from bound headers (Lambda's TooManyRequestsException binds `retryAfterSeconds` to `Retry-After`).
 */

export interface Route {
  method: string;
  /** `/2015-03-31/functions/{FunctionName}/policy`; a trailing slash on the request is tolerated. */
  template: string;
  operation: string;
  /** Query members the route needs (`List=ALL` on ListProvisionedConcurrencyConfigs). */
  query?: Readonly<Record<string, string>>;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  labels: string[];
}

export interface RouteMatch {
  operation: string;
  /** Label values, percent-decoded; undefined when a label is not valid percent-encoding. */
  labels: Record<string, string | undefined>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class RestJsonRouter {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map((r) => {
      const labels: string[] = [];
      const source = r.template
        .replace(/\/$/, "")
        .split(/(\{[A-Za-z]+\})/)
        .map((part) => {
          const label = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
          if (label === undefined) return escapeRegExp(part);
          labels.push(label);
          return "([^/]+)";
        })
        .join("");
      return { ...r, labels, pattern: new RegExp(`^${source}/?$`) };
    });
  }

  match(req: SimRequest): RouteMatch | undefined {
    for (const r of this.routes) {
      if (r.method !== req.method) continue;
      const m = r.pattern.exec(req.path);
      if (!m) continue;
      if (r.query && Object.entries(r.query).some(([k, v]) => req.query.get(k) !== v)) continue;
      const labels: Record<string, string | undefined> = {};
      r.labels.forEach((name, i) => {
        labels[name] = decodeLabel(m[i + 1] ?? "");
      });
      return { operation: r.operation, labels };
    }
    return undefined;
  }
}

export function decodeLabel(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export function jsonResponse(value: unknown, status = 200): SimResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

/** `MaxItems` -> `maxItems`: AWS names members in camelCase in validation messages. */
const memberName = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A constraint failure as AWS's request validation words it (HTTP 400 ValidationException). */
export function validationException(member: string, value: string, constraint: string): AwsError {
  return new AwsError(
    "ValidationException",
    `1 validation error detected: Value '${value}' at '${memberName(member)}' failed to satisfy constraint: ${constraint}`,
  );
}

/** An integer query member within [min, max]; undefined when absent. */
export function integerQuery(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new AwsError("SerializationException", `${name} must be an integer`);
  const n = Number(raw);
  if (n < min) throw validationException(name, raw, `Member must have value greater than or equal to ${min}`);
  if (n > max) throw validationException(name, raw, `Member must have value less than or equal to ${max}`);
  return n;
}

export interface RestJsonErrorOptions {
  /**
   * Error codes whose modelled message member is `message`; every other error carries `Message`.
   * The SDK accepts either for the exception's `message`, but copies only the modelled one onto it.
   */
  lowercaseMessage: ReadonlySet<string>;
}

/**
 * An AwsError in restJson1 form: its status, `x-amzn-errortype: <Code>`, a JSON body with `Type`
 * ("User" for client faults, "Service" for server faults unless `extra.Type` says otherwise), the
 * message, and the other `extra` members; `extra.retryAfterSeconds` becomes the `Retry-After` header.
 */
export function restJsonError(err: AwsError, opts: RestJsonErrorOptions): SimResponse {
  const { retryAfterSeconds, Type, ...members } = err.extra;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-amzn-errortype": err.code,
  };
  if (typeof retryAfterSeconds === "number" || typeof retryAfterSeconds === "string")
    headers["retry-after"] = String(retryAfterSeconds);
  const messageKey = opts.lowercaseMessage.has(err.code) ? "message" : "Message";
  const body = {
    Type: typeof Type === "string" ? Type : err.status >= 500 ? "Service" : "User",
    [messageKey]: err.message,
    ...members,
  };
  return { status: err.status, headers, body: JSON.stringify(body) };
}
