import { randomUUID } from "node:crypto";
import { AwsError, type SimRequest, type SimResponse } from "../types";

/**
 * The AWS Query protocol (awsQuery) as @aws-sdk/client-iam and @aws-sdk/client-sts speak it
 * (`AwsQueryProtocol` in @aws-sdk/core/protocols):
 *
 * - request: `POST /`, `content-type: application/x-www-form-urlencoded`, body
 *   `Action=<Op>&Version=<api version>&Name=value...`, keys and values percent-encoded. Lists are
 *   `Name.member.1=a&Name.member.2=b` (an empty list is sent as `Name=`), maps
 *   `Name.entry.1.key=k&Name.entry.1.value=v`, nested structures `Name.Member=value`. The protocol also
 *   allows the parameters in the query string of a GET, which older tools use.
 * - response: `<OpResponse xmlns="..."><OpResult>members</OpResult><ResponseMetadata><RequestId>...`,
 *   lists as `<Name><member>...</member></Name>`, timestamps ISO 8601, booleans `true`/`false`.
 * - error: `<ErrorResponse xmlns="..."><Error><Type>Sender|Receiver</Type><Code>...</Code>
 *   <Message>...</Message></Error><RequestId>...</RequestId></ErrorResponse>` with the HTTP status of
 *   the error. The SDK takes the error's name from `Code`: a code the service models under another
 *   shape name (IAM's `NoSuchEntity` is `NoSuchEntityException`) comes out as that class, with `Code`
 *   still `NoSuchEntity`; an unmodelled code (`Throttling`, `AccessDenied`) is the error's name.
 */

export const IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";
export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

const XML_CONTENT_TYPE = "text/xml";

// ---------------------------------------------------------------------------------------------
// requests

/** The decoded parameters of a Query request, with typed readers that fail as AWS does. */
export class QueryParams {
  constructor(readonly params: URLSearchParams) {}

  get action(): string | undefined {
    return this.params.get("Action") ?? undefined;
  }

  get version(): string | undefined {
    return this.params.get("Version") ?? undefined;
  }

  /** A scalar parameter; an empty value counts as given. */
  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** A required scalar: a missing or empty one is a ValidationError naming the member as AWS does (camelCase). */
  requiredString(name: string): string {
    const v = this.params.get(name);
    if (v === null || v === "")
      throw validationError(
        `Value null at '${memberName(name)}' failed to satisfy constraint: Member must not be null`,
      );
    return v;
  }

  /** An integer parameter within [min, max]; out of range is a ValidationError, not a number is a MalformedInput. */
  integer(name: string, min: number, max: number): number | undefined {
    const raw = this.params.get(name);
    if (raw === null) return undefined;
    if (!/^-?\d+$/.test(raw))
      throw new AwsError(
        "MalformedInput",
        `Invalid value for parameter ${name}, value: ${raw}, type: integer`,
      );
    const n = Number(raw);
    if (n < min)
      throw validationError(
        `Value '${raw}' at '${memberName(name)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
      );
    if (n > max)
      throw validationError(
        `Value '${raw}' at '${memberName(name)}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
      );
    return n;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.params.get(name);
    if (raw === null) return undefined;
    if (raw === "true") return true;
    if (raw === "false") return false;
    throw new AwsError("MalformedInput", `Invalid value for parameter ${name}, value: ${raw}, type: boolean`);
  }

  /** A list parameter (`Name.member.N`), in N order; `Name=` alone is the empty list; undefined when absent. */
  list(name: string, member = "member"): string[] | undefined {
    const prefix = `${name}.${member}.`;
    const items: Array<[number, string]> = [];
    for (const [key, value] of this.params) {
      if (!key.startsWith(prefix)) continue;
      const index = Number(key.slice(prefix.length));
      if (Number.isInteger(index) && index >= 1) items.push([index, value]);
    }
    if (items.length === 0) return this.params.has(name) ? [] : undefined;
    return items.sort(([a], [b]) => a - b).map(([, v]) => v);
  }

  /**
   * A list of structures (`Name.member.N.Field=value`, CloudWatch's `Dimensions.member.1.Name`), in N
   * order, each item's fields by their (possibly dotted) remaining key; undefined when absent.
   */
  structList(name: string, member = "member"): Array<Record<string, string>> | undefined {
    const prefix = `${name}.${member}.`;
    const items = new Map<number, Record<string, string>>();
    for (const [key, value] of this.params) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf(".");
      const index = Number(dot === -1 ? rest : rest.slice(0, dot));
      if (dot === -1 || !Number.isInteger(index) || index < 1) continue;
      const item = items.get(index) ?? {};
      item[rest.slice(dot + 1)] = value;
      items.set(index, item);
    }
    if (items.size === 0) return this.params.has(name) ? [] : undefined;
    return [...items.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  }
}

/** `RoleName` -> `roleName`: AWS names members in camelCase in validation messages. */
function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function validationError(detail: string): AwsError {
  return new AwsError("ValidationError", `1 validation error detected: ${detail}`);
}

/**
 * Reads a Query request's parameters: the form-encoded body of a POST (whatever its declared
 * content type, as long as it looks like a form) merged over the URL's query string.
 */
export function parseQueryRequest(req: SimRequest): QueryParams {
  const params = new URLSearchParams(req.query);
  const contentType = String(req.headers["content-type"] ?? "");
  const body = req.body.toString("utf8");
  if (body.length > 0 && (contentType === "" || contentType.includes("x-www-form-urlencoded"))) {
    for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  }
  return new QueryParams(params);
}

/** The request's Action when it is one of `operations`: what a Query service's `operationOf` returns. */
export function queryOperationOf(req: SimRequest, operations: ReadonlySet<string>): string | undefined {
  if (req.path !== "/" && req.path !== "") return undefined;
  if (req.method !== "POST" && req.method !== "GET") return undefined;
  const action = parseQueryRequest(req).action;
  return action !== undefined && operations.has(action) ? action : undefined;
}

// ---------------------------------------------------------------------------------------------
// XML

/**
 * A value to render as XML: scalars become text, objects become child elements in key order
 * (undefined members are left out, as AWS leaves out unset members), arrays become `<member>` items.
 */
export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly XmlValue[]
  | { readonly [member: string]: XmlValue };

/** Escapes text for element content and attribute values; characters XML 1.0 cannot carry become U+FFFD. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/[&<>"'\r]/g, (c) => {
      switch (c) {
        case "&":
          return "&amp;";
        case "<":
          return "&lt;";
        case ">":
          return "&gt;";
        case '"':
          return "&quot;";
        case "'":
          return "&apos;";
        default:
          // A literal CR would be normalized to LF by any XML parser.
          return "&#13;";
      }
    });
}

/** An ISO 8601 timestamp with second precision, as IAM and STS write them (`2015-02-06T18:39:46Z`). */
export function xmlTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isXmlArray(value: XmlValue): value is readonly XmlValue[] {
  return Array.isArray(value);
}

/** Renders the content of an element (its text or its children). */
export function xmlContent(value: XmlValue): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return xmlTimestamp(value);
  if (typeof value === "string") return xmlEscape(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (isXmlArray(value)) return value.map((item) => xmlElement("member", item)).join("");
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => xmlElement(k, v))
    .join("");
}

/** `<name>content</name>`, or `<name/>` when empty. */
export function xmlElement(name: string, value: XmlValue): string {
  const content = xmlContent(value);
  return content === "" ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

// ---------------------------------------------------------------------------------------------
// percent-encoding of policy documents

/**
 * RFC 3986 percent-encoding: everything but the unreserved characters `A-Z a-z 0-9 - . _ ~` is
 * encoded. IAM returns policy documents this way ("URL-encoded compliant with RFC 3986"), and
 * `decodeURIComponent` turns them back into JSON.
 */
export function rfc3986Encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

// ---------------------------------------------------------------------------------------------
// responses

export interface QueryResponseOptions {
  /** The service's XML namespace: IAM_XMLNS, STS_XMLNS, CloudWatch's ... */
  xmlns: string;
  /** Defaults to a fresh UUID; sent as `x-amzn-requestid` too. */
  requestId?: string;
}

/**
 * A successful response: `<ActionResponse><ActionResult>result</ActionResult><ResponseMetadata>`.
 * An operation without output members passes `undefined` and gets no Result element.
 */
export function queryResponse(
  action: string,
  result: { readonly [member: string]: XmlValue } | undefined,
  opts: QueryResponseOptions,
): SimResponse {
  const requestId = opts.requestId ?? randomUUID();
  const resultXml = result === undefined ? "" : xmlElement(`${action}Result`, result);
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${action}Response xmlns="${xmlEscape(opts.xmlns)}">${resultXml}` +
    `<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>\n`;
  return { status: 200, headers: { "content-type": XML_CONTENT_TYPE, "x-amzn-requestid": requestId }, body };
}

/**
 * An AwsError in the Query form, with the error's HTTP status. Scalar `extra` members of the error
 * are written inside `<Error>` after the message, where awsQuery carries modelled error members.
 */
export function queryErrorResponse(err: AwsError, opts: QueryResponseOptions): SimResponse {
  const requestId = opts.requestId ?? randomUUID();
  const extra: Record<string, XmlValue> = {};
  for (const [k, v] of Object.entries(err.extra)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") extra[k] = v;
  }
  const error = xmlElement("Error", { Type: err.faultType, Code: err.code, Message: err.message, ...extra });
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${xmlEscape(opts.xmlns)}">${error}` +
    `<RequestId>${xmlEscape(requestId)}</RequestId></ErrorResponse>\n`;
  return {
    status: err.status,
    headers: { "content-type": XML_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body,
  };
}
