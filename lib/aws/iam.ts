import "server-only";
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from "@aws-sdk/client-iam";
import type { AccountConfig } from "@/lib/config";
import { iamClient } from "./clients";
import { call, type CallContext } from "./errors";

/**
 * IAM reads for execution roles. IAM is global: calls are attributed to the account's first
 * region. Policy documents arrive URL-encoded (RFC 3986) and are decoded and parsed here.
 */

export interface IamPolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Array<Record<string, unknown>>;
}

const ctx = (account: AccountConfig, operation: string, resource: string): CallContext => ({
  service: "iam",
  operation,
  account: account.id,
  region: account.regions[0] ?? "us-east-1",
  resource,
});

/** Decodes and parses a policy document; null when it is not a JSON object. */
export function parsePolicyDocument(encoded: string | undefined): IamPolicyDocument | null {
  if (!encoded) return null;
  let text = encoded;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    // Not URL-encoded (some SDKs decode already).
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return null;
  const d = doc as { Version?: unknown; Id?: unknown; Statement?: unknown };
  const raw = Array.isArray(d.Statement) ? d.Statement : d.Statement === undefined ? [] : [d.Statement];
  return {
    ...(typeof d.Version === "string" ? { Version: d.Version } : {}),
    ...(typeof d.Id === "string" ? { Id: d.Id } : {}),
    Statement: raw.filter(
      (s): s is Record<string, unknown> => typeof s === "object" && s !== null && !Array.isArray(s),
    ),
  };
}

export async function listAttachedRolePolicies(
  account: AccountConfig,
  roleName: string,
): Promise<Array<{ arn: string; name: string }>> {
  return call(ctx(account, "ListAttachedRolePolicies", `role ${roleName}`), async () => {
    const out: Array<{ arn: string; name: string }> = [];
    for await (const page of paginateListAttachedRolePolicies(
      { client: iamClient(account), pageSize: 100 },
      { RoleName: roleName },
    ))
      for (const p of page.AttachedPolicies ?? [])
        out.push({ arn: p.PolicyArn ?? "", name: p.PolicyName ?? "" });
    return out;
  });
}

export async function listRolePolicies(account: AccountConfig, roleName: string): Promise<string[]> {
  return call(ctx(account, "ListRolePolicies", `role ${roleName}`), async () => {
    const out: string[] = [];
    for await (const page of paginateListRolePolicies(
      { client: iamClient(account), pageSize: 100 },
      { RoleName: roleName },
    ))
      out.push(...(page.PolicyNames ?? []));
    return out;
  });
}

export async function getRolePolicy(
  account: AccountConfig,
  roleName: string,
  policyName: string,
): Promise<IamPolicyDocument | null> {
  const res = await call(ctx(account, "GetRolePolicy", `role ${roleName}`), () =>
    iamClient(account).send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
  );
  return parsePolicyDocument(res.PolicyDocument);
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  defaultVersionId: string | null;
}

export async function getManagedPolicy(account: AccountConfig, arn: string): Promise<ManagedPolicy> {
  const res = await call(ctx(account, "GetPolicy", `policy ${arn}`), () =>
    iamClient(account).send(new GetPolicyCommand({ PolicyArn: arn })),
  );
  return {
    arn,
    name: res.Policy?.PolicyName ?? arn.split("/").at(-1) ?? arn,
    defaultVersionId: res.Policy?.DefaultVersionId ?? null,
  };
}

export async function getPolicyVersion(
  account: AccountConfig,
  arn: string,
  versionId: string,
): Promise<IamPolicyDocument | null> {
  const res = await call(ctx(account, "GetPolicyVersion", `policy ${arn}`), () =>
    iamClient(account).send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })),
  );
  return parsePolicyDocument(res.PolicyVersion?.Document);
}
