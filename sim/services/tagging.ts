import { createHash } from "node:crypto";
import type { IndexedFunction, Scenario } from "../scenario/schema";
import { jsonObjectBody, targetOperation } from "../protocol/aws-json";
import { AwsError, type SimContext, type SimRequest, type SimResponse, type SimService } from "../types";

/**
 * The Resource Groups Tagging API over awsJson1_1, as @aws-sdk/client-resource-groups-tagging-api
 * speaks it: `POST /` with `x-amz-target: ResourceGroupsTaggingAPI_20170126.<Operation>`, signing
 * name `tagging`, IAM prefix `tag`. Errors are HTTP 400 (500 for InternalServiceException) with
 * `{"__type": "<Code>", "Message": ...}`.
 *
 * GetResources over the account's Lambda functions, the only taggable resources the sim has. As
 * in AWS, a resource appears only once it has tags: an untagged function is absent, which means
 * "no tags" (the sim has no history of removed tags, so the `"Tags": []` form never occurs).
 * Semantics from the API reference (GetResources, TagFilter, Errors): several TagFilters must all
 * match, a filter's Values match any, a filter without Values matches any value of its key;
 * ResourcesPerPage 1 to 100, TagsPerPage 100 to 500; ResourceARNList excludes the filters and the
 * paging parameters; a PaginationToken lives 15 minutes; the last page carries an empty token.
 */

const TARGET_PREFIX = "ResourceGroupsTaggingAPI_20170126.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

/** AWS does not document the page size without ResourcesPerPage; the sim uses half the maximum. */
const DEFAULT_RESOURCES_PER_PAGE = 50;
const MAX_RESOURCES_PER_PAGE = 100;
const MIN_TAGS_PER_PAGE = 100;
const MAX_TAGS_PER_PAGE = 500;
const MAX_TAG_FILTERS = 50;
const MAX_TAG_FILTER_VALUES = 20;
const MAX_RESOURCE_TYPE_FILTERS = 100;
const MAX_RESOURCE_ARNS = 100;
/** "A PaginationToken is valid for a maximum of 15 minutes" (API reference, PaginationTokenExpiredException). */
export const PAGINATION_TOKEN_TTL_MS = 15 * 60_000;

// ---------------------------------------------------------------------------------------------
// input decoding

const invalid = (message: string) => new AwsError("InvalidParameterException", message);

/** `1 validation error detected: Value '101' at 'resourcesPerPage' failed to satisfy constraint: ...` */
function constraint(field: string, value: unknown, rule: string): AwsError {
  return invalid(
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`,
  );
}

const serialization = (message: string) => new AwsError("SerializationException", message);

type Obj = Record<string, unknown>;

function optional(o: Obj, key: string): unknown {
  const v = o[key];
  return v === null ? undefined : v;
}

function stringOf(o: Obj, key: string): string | undefined {
  const v = optional(o, key);
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw serialization(`${key} must be a string`);
  return v;
}

function integerOf(o: Obj, key: string): number | undefined {
  const v = optional(o, key);
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw serialization(`${key} must be an integer`);
  return v;
}

function booleanOf(o: Obj, key: string): boolean | undefined {
  const v = optional(o, key);
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw serialization(`${key} must be a boolean`);
  return v;
}

function stringListOf(o: Obj, key: string): string[] | undefined {
  const v = optional(o, key);
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    throw serialization(`${key} must be a list of strings`);
  return v as string[];
}

/** camelCase member path as AWS's validation messages spell it: `tagFilters.1.member.values`. */
const memberPath = (key: string) => key.charAt(0).toLowerCase() + key.slice(1);

function inRange(key: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (value < min)
    throw constraint(memberPath(key), value, `Member must have value greater than or equal to ${min}`);
  if (value > max)
    throw constraint(memberPath(key), value, `Member must have value less than or equal to ${max}`);
  return value;
}

function listLength(key: string, list: readonly unknown[] | undefined, min: number, max: number): void {
  if (list === undefined) return;
  if (list.length < min)
    throw constraint(
      memberPath(key),
      `[${list.join(", ")}]`,
      `Member must have length greater than or equal to ${min}`,
    );
  if (list.length > max)
    throw constraint(
      memberPath(key),
      `[${list.join(", ")}]`,
      `Member must have length less than or equal to ${max}`,
    );
}

interface TagFilter {
  key: string;
  /** Undefined or empty: any value of the key. */
  values: readonly string[] | undefined;
}

function tagFiltersOf(o: Obj): TagFilter[] | undefined {
  const v = optional(o, "TagFilters");
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw serialization("TagFilters must be a list");
  listLength("TagFilters", v, 0, MAX_TAG_FILTERS);
  return v.map((raw: unknown, i) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw serialization("TagFilters members must be structures");
    const f = raw as Obj;
    const key = stringOf(f, "Key");
    // "Each TagFilter must contain a key with values optional."
    if (key === undefined || key === "") throw invalid("TagFilter must contain a Key.");
    if (key.length > 128)
      throw constraint(
        `tagFilters.${i + 1}.member.key`,
        key,
        "Member must have length less than or equal to 128",
      );
    const values = stringListOf(f, "Values");
    if (values && values.length > MAX_TAG_FILTER_VALUES)
      throw constraint(
        `tagFilters.${i + 1}.member.values`,
        `[${values.join(", ")}]`,
        `Member must have length less than or equal to ${MAX_TAG_FILTER_VALUES}`,
      );
    return { key, values };
  });
}

// ---------------------------------------------------------------------------------------------
// resources

/** The region's tagged functions by name (the order pages follow). */
const taggedByRegion = new WeakMap<Scenario, Map<string, IndexedFunction[]>>();

function taggedFunctions(scenario: Scenario, region: string): IndexedFunction[] {
  let regions = taggedByRegion.get(scenario);
  if (!regions) {
    regions = new Map();
    taggedByRegion.set(scenario, regions);
  }
  let list = regions.get(region);
  if (!list) {
    list = [...scenario.functionIndex.values()]
      .filter((f) => f.region === region && Object.keys(f.tags).length > 0)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    regions.set(region, list);
  }
  return list;
}

/** `service[:resourceType]`, as embedded in ARNs: the sim's resources are `lambda:function`. */
const matchesType = (filter: string) => filter === "lambda" || filter === "lambda:function";

function matchesTags(fn: IndexedFunction, filters: readonly TagFilter[]): boolean {
  return filters.every(({ key, values }) => {
    const v = fn.tags[key];
    if (v === undefined) return false;
    return !values || values.length === 0 || values.includes(v);
  });
}

interface Mapping {
  ResourceARN: string;
  Tags: Array<{ Key: string; Value: string }>;
  ComplianceDetails?: {
    NoncompliantKeys: string[];
    KeysWithNoncompliantValues: string[];
    ComplianceStatus: boolean;
  };
}

function mappingOf(fn: IndexedFunction, compliance: boolean): Mapping {
  return {
    ResourceARN: fn.arn,
    Tags: Object.entries(fn.tags).map(([Key, Value]) => ({ Key, Value })),
    // No tag policies in the sim: every resource is compliant.
    ...(compliance
      ? {
          ComplianceDetails: { NoncompliantKeys: [], KeysWithNoncompliantValues: [], ComplianceStatus: true },
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// pagination tokens: base64url JSON bound to the request's region and filters

const fingerprintOf = (parts: unknown): string =>
  createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);

function encodeToken(h: string, offset: number, issuedAt: number): string {
  return Buffer.from(JSON.stringify({ h, o: offset, t: issuedAt })).toString("base64url");
}

function decodeToken(token: string, h: string, now: number): number {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    v = undefined;
  }
  const t = (typeof v === "object" && v !== null ? v : {}) as Obj;
  if (t.h !== h || typeof t.o !== "number" || typeof t.t !== "number")
    throw invalid("The specified PaginationToken is not valid for this request.");
  if (now - t.t > PAGINATION_TOKEN_TTL_MS)
    throw new AwsError(
      "PaginationTokenExpiredException",
      "The specified PaginationToken has expired: a token is valid for 15 minutes.",
    );
  return t.o;
}

// ---------------------------------------------------------------------------------------------

function getResources(body: Obj, req: SimRequest, ctx: SimContext): unknown {
  const token = stringOf(body, "PaginationToken") || undefined;
  const tagFilters = tagFiltersOf(body);
  const resourcesPerPage = inRange(
    "ResourcesPerPage",
    integerOf(body, "ResourcesPerPage"),
    1,
    MAX_RESOURCES_PER_PAGE,
  );
  const tagsPerPage = inRange(
    "TagsPerPage",
    integerOf(body, "TagsPerPage"),
    MIN_TAGS_PER_PAGE,
    MAX_TAGS_PER_PAGE,
  );
  const typeFilters = stringListOf(body, "ResourceTypeFilters");
  listLength("ResourceTypeFilters", typeFilters, 0, MAX_RESOURCE_TYPE_FILTERS);
  const includeCompliance = booleanOf(body, "IncludeComplianceDetails") ?? false;
  const excludeCompliant = booleanOf(body, "ExcludeCompliantResources") ?? false;
  const arnList = stringListOf(body, "ResourceARNList");
  if (excludeCompliant && !includeCompliance)
    throw invalid("ExcludeCompliantResources can be used only when IncludeComplianceDetails is true.");

  const fns = taggedFunctions(ctx.scenario, req.region);
  if (arnList !== undefined) {
    listLength("ResourceARNList", arnList, 1, MAX_RESOURCE_ARNS);
    if (typeFilters !== undefined || tagFilters !== undefined)
      throw invalid("ResourceARNList cannot be combined with ResourceTypeFilters or TagFilters.");
    if (token !== undefined || resourcesPerPage !== undefined || tagsPerPage !== undefined)
      throw invalid(
        "ResourceARNList cannot be combined with PaginationToken, ResourcesPerPage or TagsPerPage.",
      );
    const wanted = new Set(arnList);
    return {
      PaginationToken: "",
      ResourceTagMappingList: excludeCompliant
        ? []
        : fns.filter((f) => wanted.has(f.arn)).map((f) => mappingOf(f, includeCompliance)),
    };
  }

  const matching =
    excludeCompliant ||
    (typeFilters !== undefined && typeFilters.length > 0 && !typeFilters.some(matchesType))
      ? []
      : tagFilters
        ? fns.filter((f) => matchesTags(f, tagFilters))
        : fns;
  const fingerprint = fingerprintOf([
    req.region,
    typeFilters ?? null,
    tagFilters ?? null,
    includeCompliance,
    excludeCompliant,
  ]);
  const now = ctx.now();
  const offset = token === undefined ? 0 : decodeToken(token, fingerprint, now);

  // A page ends at ResourcesPerPage resources, or before TagsPerPage tags would be exceeded
  // (a resource is never split; an untagged one would count as one tag).
  const perPage =
    resourcesPerPage ?? (tagsPerPage === undefined ? DEFAULT_RESOURCES_PER_PAGE : MAX_RESOURCES_PER_PAGE);
  const page: Mapping[] = [];
  let tags = 0;
  let next = offset;
  while (next < matching.length && page.length < perPage) {
    const fn = matching[next];
    if (!fn) break;
    const count = Math.max(1, Object.keys(fn.tags).length);
    if (tagsPerPage !== undefined && page.length > 0 && tags + count > tagsPerPage) break;
    tags += count;
    page.push(mappingOf(fn, includeCompliance));
    next++;
  }
  return {
    PaginationToken: next < matching.length ? encodeToken(fingerprint, next, now) : "",
    ResourceTagMappingList: page,
  };
}

type Handler = (body: Obj, req: SimRequest, ctx: SimContext) => unknown;

const HANDLERS: Readonly<Record<string, Handler>> = {
  GetResources: getResources,
};

export const taggingService: SimService = {
  signingNames: ["tagging"],
  actionPrefix: "tag",
  operationOf: (req) => targetOperation(req, TARGET_PREFIX, HANDLERS),
  handle(req, operation, ctx): SimResponse {
    const handler = HANDLERS[operation];
    if (!handler) throw new AwsError("UnknownOperationException", `Unknown operation ${operation}`);
    return {
      status: 200,
      headers: { "content-type": CONTENT_TYPE },
      body: JSON.stringify(handler(jsonObjectBody(req), req, ctx)),
    };
  },
  errorResponse(err) {
    return {
      status: err.status,
      headers: { "content-type": CONTENT_TYPE, "x-amzn-errortype": err.code },
      body: JSON.stringify({ __type: err.code, Message: err.message, ...err.extra }),
    };
  },
};
