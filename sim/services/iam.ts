import { MANAGED_POLICIES, managedPolicyByArn, type ManagedPolicy } from "../data/managed-policies";
import { MINUTE_MS } from "../model/workload";
import { derive, hashString } from "../model/rng";
import {
  IAM_XMLNS,
  parseQueryRequest,
  queryErrorResponse,
  queryOperationOf,
  queryResponse,
  rfc3986Encode,
  type QueryParams,
  type XmlValue,
} from "../protocol/query";
import type { CustomerPolicySpec, PolicyDocument, RoleSpec, Scenario } from "../scenario/schema";
import { AwsError, type SimContext, type SimRequest, type SimService } from "../types";

/**
 * IAM over awsQuery (API version 2010-05-08), the read operations the console needs for execution
 * roles: GetRole, ListAttachedRolePolicies, ListRolePolicies, GetRolePolicy, GetPolicy and
 * GetPolicyVersion. IAM is global: any region in the credential scope reaches the same account.
 *
 * As real IAM does, policy documents (a role's trust policy, inline policies, policy versions)
 * travel as RFC 3986 percent-encoded JSON inside the XML; the SDK hands them over still encoded
 * and the caller runs decodeURIComponent. Roles, their inline policies and customer managed
 * policies come from the scenario; AWS managed policies from data/managed-policies.ts.
 *
 * Ids (AROA..., ANPA...) and creation dates are derived from the account and the name, and dates
 * are placed before the sim's anchor, so they are stable for a scenario and clock.
 */

const OPERATIONS: ReadonlySet<string> = new Set([
  "GetRole",
  "ListAttachedRolePolicies",
  "ListRolePolicies",
  "GetRolePolicy",
  "GetPolicy",
  "GetPolicyVersion",
]);

/** The trust policy of a Lambda execution role, as the Lambda and IAM consoles create it. */
export const LAMBDA_TRUST_POLICY: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

const AWS_MANAGED_ARN_PREFIX = "arn:aws:iam::aws:policy/";
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy(\/.*)$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const VERSION_ID = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;
/** MaxItems: AWS default and upper bound for IAM list operations. */
const DEFAULT_MAX_ITEMS = 100;
const MAX_MAX_ITEMS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// ids, ARNs and dates

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A 21-character IAM unique id (`AROA` + 17) derived from a key, in the alphabet IAM uses. */
export function iamUniqueId(prefix: string, key: string): string {
  const base = hashString(key);
  let id = prefix;
  for (let i = 0; id.length < 21; i++) id += ID_ALPHABET[derive(base, i) % 32];
  return id;
}

export function roleArn(accountId: string, role: Pick<RoleSpec, "name" | "path">): string {
  return `arn:aws:iam::${accountId}:role${role.path}${role.name}`;
}

export function customerPolicyArn(accountId: string, policyName: string): string {
  return `arn:aws:iam::${accountId}:policy/${policyName}`;
}

/** The sim's anchor, epoch ms: IAM dates are placed before it. */
function anchorMs(ctx: SimContext): number {
  return ctx.model.anchorMinute * MINUTE_MS;
}

/** A whole-second date between `minDays` and `minDays + spanDays` before the anchor, fixed by the key. */
function pastDate(ctx: SimContext, key: string, minDays: number, spanDays: number): Date {
  const h = hashString(key);
  const offset = minDays * DAY_MS + (derive(h, 101) % (spanDays * 86_400)) * 1000;
  return new Date(Math.floor((anchorMs(ctx) - offset) / 1000) * 1000);
}

/** Percent-encoded JSON, as IAM returns every policy document. */
export function encodePolicyDocument(doc: unknown): string {
  return rfc3986Encode(JSON.stringify(doc, null, 2));
}

// ---------------------------------------------------------------------------------------------
// per-scenario indexes (built once; the scenario is immutable)

interface AccountIndex {
  /** Roles by lower-cased name: IAM role names are unique regardless of case. */
  rolesByLowerName: Map<string, RoleSpec>;
  /** Attachments per policy ARN. */
  attachmentCount: Map<string, number>;
  /** Region of the first function (by region, name) with traffic that runs under each role. */
  roleLastUsedRegion: Map<string, string>;
}

const indexes = new WeakMap<Scenario, AccountIndex>();

function accountIndex(scenario: Scenario): AccountIndex {
  const cached = indexes.get(scenario);
  if (cached) return cached;
  const rolesByLowerName = new Map<string, RoleSpec>();
  const attachmentCount = new Map<string, number>();
  for (const role of scenario.roles) {
    if (!rolesByLowerName.has(role.name.toLowerCase())) rolesByLowerName.set(role.name.toLowerCase(), role);
    for (const name of new Set(role.attachedPolicies)) {
      const arn = attachedPolicyArn(scenario, name);
      attachmentCount.set(arn, (attachmentCount.get(arn) ?? 0) + 1);
    }
  }
  const roleLastUsedRegion = new Map<string, string>();
  const used = [...scenario.functionIndex.values()]
    .filter((fn) => fn.workload.rpm > 0)
    .sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
  for (const fn of used) if (!roleLastUsedRegion.has(fn.role)) roleLastUsedRegion.set(fn.role, fn.region);
  const index = { rolesByLowerName, attachmentCount, roleLastUsedRegion };
  indexes.set(scenario, index);
  return index;
}

/** The ARN of a policy attached by name in the scenario: AWS managed first, as the scenario loader resolves it. */
function attachedPolicyArn(scenario: Scenario, name: string): string {
  const managed = MANAGED_POLICIES[name];
  return managed ? managed.arn : customerPolicyArn(scenario.accountId, name);
}

// ---------------------------------------------------------------------------------------------
// lookups that fail as IAM does

function noSuchEntity(message: string): AwsError {
  return new AwsError("NoSuchEntity", message, 404);
}

function patternError(member: string, value: string, pattern: string): AwsError {
  return new AwsError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
  );
}

function findRole(ctx: SimContext, params: QueryParams): RoleSpec {
  const name = params.requiredString("RoleName");
  if (!ROLE_NAME.test(name)) throw patternError("roleName", name, "[\\w+=,.@-]+");
  const role =
    ctx.scenario.roleIndex.get(name) ?? accountIndex(ctx.scenario).rolesByLowerName.get(name.toLowerCase());
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

type ResolvedPolicy =
  | { kind: "aws"; arn: string; policy: ManagedPolicy }
  | { kind: "customer"; arn: string; policy: CustomerPolicySpec };

function findPolicy(ctx: SimContext, params: QueryParams): ResolvedPolicy {
  const arn = params.requiredString("PolicyArn");
  const m = POLICY_ARN.exec(arn);
  if (!m || arn.length < 20 || arn.length > 2048)
    throw new AwsError("InvalidInput", `ARN ${arn} is not valid.`);
  const notFound = () => noSuchEntity(`Policy ${arn} was not found.`);
  if (arn.startsWith(AWS_MANAGED_ARN_PREFIX)) {
    const policy = managedPolicyByArn(arn);
    if (!policy) throw notFound();
    return { kind: "aws", arn, policy };
  }
  const [, account, pathAndName = ""] = m;
  // Customer managed policies in a scenario have the path "/".
  const name = pathAndName.slice(1);
  const policy = account === ctx.scenario.accountId ? ctx.scenario.policyIndex.get(name) : undefined;
  if (!policy) throw notFound();
  return { kind: "customer", arn, policy };
}

// ---------------------------------------------------------------------------------------------
// paging

/** Opaque markers: the list they belong to and the offset of the next item, base64. */
function encodeMarker(list: string, offset: number): string {
  return Buffer.from(`${list}\n${offset}`, "utf8").toString("base64");
}

function decodeMarker(list: string, marker: string): number {
  const [owner, offset] = Buffer.from(marker, "base64").toString("utf8").split("\n");
  const n = Number(offset);
  if (owner !== list || !Number.isInteger(n) || n < 0)
    throw new AwsError("ValidationError", "Invalid Marker.");
  return n;
}

function page<T>(
  items: readonly T[],
  list: string,
  params: QueryParams,
): { items: T[]; isTruncated: boolean; marker?: string } {
  const maxItems = params.integer("MaxItems", 1, MAX_MAX_ITEMS) ?? DEFAULT_MAX_ITEMS;
  const marker = params.string("Marker");
  const start = marker === undefined ? 0 : decodeMarker(list, marker);
  const end = start + maxItems;
  const isTruncated = end < items.length;
  return {
    items: items.slice(start, end),
    isTruncated,
    marker: isTruncated ? encodeMarker(list, end) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// operations

type Result = { readonly [member: string]: XmlValue };
type Handler = (params: QueryParams, ctx: SimContext) => Result;

const HANDLERS: Record<string, Handler> = {
  GetRole(params, ctx) {
    const role = findRole(ctx, params);
    const { accountId } = ctx.scenario;
    const key = `${accountId}/role/${role.name}`;
    const region = accountIndex(ctx.scenario).roleLastUsedRegion.get(role.name);
    return {
      Role: {
        Path: role.path,
        RoleName: role.name,
        RoleId: iamUniqueId("AROA", key),
        Arn: roleArn(accountId, role),
        CreateDate: pastDate(ctx, key, 120, 900),
        AssumeRolePolicyDocument: encodePolicyDocument(LAMBDA_TRUST_POLICY),
        MaxSessionDuration: 3600,
        // IAM tracks last use per role within about four hours; a role no function uses shows none.
        RoleLastUsed:
          region === undefined
            ? {}
            : {
                LastUsedDate: new Date(anchorMs(ctx) - (derive(hashString(key), 7) % 240) * MINUTE_MS),
                Region: region,
              },
      },
    };
  },

  ListAttachedRolePolicies(params, ctx) {
    const role = findRole(ctx, params);
    const pathPrefix = params.string("PathPrefix") ?? "/";
    const attached = [...new Set(role.attachedPolicies)]
      .map((name) => {
        const managed = MANAGED_POLICIES[name];
        return managed
          ? { PolicyName: name, PolicyArn: managed.arn, path: managed.path }
          : { PolicyName: name, PolicyArn: customerPolicyArn(ctx.scenario.accountId, name), path: "/" };
      })
      .filter((p) => p.path.startsWith(pathPrefix))
      .map(({ PolicyName, PolicyArn }) => ({ PolicyName, PolicyArn }));
    const p = page(attached, `attached/${role.name}/${pathPrefix}`, params);
    return { AttachedPolicies: p.items, IsTruncated: p.isTruncated, Marker: p.marker };
  },

  ListRolePolicies(params, ctx) {
    const role = findRole(ctx, params);
    const names = Object.keys(role.inlinePolicies).sort();
    const p = page(names, `inline/${role.name}`, params);
    return { PolicyNames: p.items, IsTruncated: p.isTruncated, Marker: p.marker };
  },

  GetRolePolicy(params, ctx) {
    const role = findRole(ctx, params);
    const policyName = params.requiredString("PolicyName");
    if (!POLICY_NAME.test(policyName)) throw patternError("policyName", policyName, "[\\w+=,.@-]+");
    const doc = role.inlinePolicies[policyName];
    if (!doc) throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
    return { RoleName: role.name, PolicyName: policyName, PolicyDocument: encodePolicyDocument(doc) };
  },

  GetPolicy(params, ctx) {
    const resolved = findPolicy(ctx, params);
    const attachmentCount = accountIndex(ctx.scenario).attachmentCount.get(resolved.arn) ?? 0;
    if (resolved.kind === "aws") {
      const p = resolved.policy;
      return {
        Policy: {
          PolicyName: p.name,
          PolicyId: p.policyId,
          Arn: p.arn,
          Path: p.path,
          DefaultVersionId: p.defaultVersionId,
          AttachmentCount: attachmentCount,
          PermissionsBoundaryUsageCount: 0,
          IsAttachable: true,
          Description: p.description,
          CreateDate: new Date(p.createDate),
          UpdateDate: new Date(p.updateDate),
        },
      };
    }
    const p = resolved.policy;
    const created = customerPolicyDate(ctx, p.name);
    return {
      Policy: {
        PolicyName: p.name,
        PolicyId: iamUniqueId("ANPA", `${ctx.scenario.accountId}/policy/${p.name}`),
        Arn: resolved.arn,
        Path: "/",
        DefaultVersionId: "v1",
        AttachmentCount: attachmentCount,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        // IAM leaves the member out when the policy has no description.
        Description: p.description === "" ? undefined : p.description,
        CreateDate: created,
        UpdateDate: created,
      },
    };
  },

  GetPolicyVersion(params, ctx) {
    const resolved = findPolicy(ctx, params);
    const versionId = params.requiredString("VersionId");
    if (!VERSION_ID.test(versionId))
      throw patternError("versionId", versionId, "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    const defaultVersion = resolved.kind === "aws" ? resolved.policy.defaultVersionId : "v1";
    // Only the default version's document is known (older AWS managed versions are not shipped).
    if (versionId !== defaultVersion)
      throw noSuchEntity(`Policy ${resolved.arn} version ${versionId} does not exist or is not attachable.`);
    const created =
      resolved.kind === "aws"
        ? new Date(resolved.policy.updateDate)
        : customerPolicyDate(ctx, resolved.policy.name);
    return {
      PolicyVersion: {
        Document: encodePolicyDocument(resolved.policy.document),
        VersionId: versionId,
        IsDefaultVersion: true,
        CreateDate: created,
      },
    };
  },
};

/** A customer managed policy has a single version, created with the policy. */
function customerPolicyDate(ctx: SimContext, name: string): Date {
  return pastDate(ctx, `${ctx.scenario.accountId}/policy/${name}`, 60, 700);
}

export const iamService: SimService = {
  signingNames: ["iam"],
  actionPrefix: "iam",
  operationOf: (req: SimRequest) => queryOperationOf(req, OPERATIONS),
  handle(req, operation, ctx) {
    const handler = HANDLERS[operation];
    if (!handler)
      throw new AwsError("InvalidAction", `Could not find operation ${operation} for version 2010-05-08`);
    return queryResponse(operation, handler(parseQueryRequest(req), ctx), { xmlns: IAM_XMLNS });
  },
  errorResponse: (err) => queryErrorResponse(err, { xmlns: IAM_XMLNS }),
};
