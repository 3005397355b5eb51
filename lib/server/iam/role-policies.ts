import "server-only";
import {
  getManagedPolicy,
  getPolicyVersion,
  getRolePolicy,
  listAttachedRolePolicies,
  listRolePolicies,
  type IamPolicyDocument,
} from "@/lib/aws/iam";
import { findAccount, type AccountConfig } from "@/lib/config";
import type { Section, SectionError } from "@/lib/schemas/common";
import type { AttachedPolicy, InlinePolicy, RolePolicies } from "@/lib/schemas/iam";
import { getCache, type CacheResult } from "../cache";
import { NotFoundError, toAppError } from "../errors";
import { mapPool } from "../pool";
import { iso, pendingError } from "../section";

/**
 * Execution-role permissions, read once per role however many functions share it, and each
 * managed policy document once per account however many roles attach it:
 * ListAttachedRolePolicies + ListRolePolicies per role, GetPolicy + GetPolicyVersion (default
 * version) per managed policy, GetRolePolicy per inline policy. A denied read degrades only the
 * role it belongs to, and its message names the action and the role.
 */

interface RoleRead {
  data: RolePolicies;
  /** The first read that failed; the data then holds what could be read. */
  error?: SectionError;
}

function roleNameOf(roleArn: string): string {
  return roleArn.split("/").at(-1) ?? roleArn;
}

/** A managed policy's default version document. */
function managedPolicy(
  account: AccountConfig,
  arn: string,
): Promise<
  CacheResult<{ name: string; defaultVersionId: string | null; document: IamPolicyDocument | null }>
> {
  return getCache().read("iam", `policy:${account.id}:${arn}`, async () => {
    const p = await getManagedPolicy(account, arn);
    const document = p.defaultVersionId ? await getPolicyVersion(account, arn, p.defaultVersionId) : null;
    return { name: p.name, defaultVersionId: p.defaultVersionId, document };
  });
}

/** Names the role in a failure of one of its policies: "missing permission iam:GetRolePolicy on role X". */
function roleError(err: unknown, roleName: string): SectionError {
  const e = toAppError(err);
  const message =
    e.code === "access_denied" && !e.publicMessage.includes(`role ${roleName}`)
      ? `${e.publicMessage} (for role ${roleName})`
      : e.publicMessage;
  return { code: e.code, message };
}

async function readRole(account: AccountConfig, roleArn: string): Promise<RoleRead> {
  const roleName = roleNameOf(roleArn);
  const [attachedList, inlineNames] = await Promise.all([
    listAttachedRolePolicies(account, roleName),
    listRolePolicies(account, roleName),
  ]);
  let error: SectionError | undefined;
  const attached = await mapPool(attachedList, 4, async (p): Promise<AttachedPolicy> => {
    const r = await managedPolicy(account, p.arn);
    const awsManaged = p.arn.includes(":iam::aws:policy/");
    if (r.state === "ok")
      return {
        arn: p.arn,
        name: r.value.name,
        awsManaged,
        defaultVersionId: r.value.defaultVersionId,
        document: r.value.document,
      };
    error ??= roleError(r.state === "error" ? r.error : pendingError(), roleName);
    return { arn: p.arn, name: p.name, awsManaged, defaultVersionId: null, document: null };
  });
  const inline = await mapPool(inlineNames, 4, async (name): Promise<InlinePolicy> => {
    try {
      return { name, document: await getRolePolicy(account, roleName, name) };
    } catch (err) {
      error ??= roleError(err, roleName);
      return { name, document: null };
    }
  });
  return { data: { roleName, roleArn, attached, inline }, ...(error ? { error } : {}) };
}

/** One role's policies as a section. */
export async function getRolePolicySection(
  account: AccountConfig,
  roleArn: string,
): Promise<Section<RolePolicies>> {
  const r = await getCache().read("iam", `role:${account.id}:${roleArn}`, () => readRole(account, roleArn), {
    // A role read with a failure is re-read soon rather than kept for the whole TTL.
    isPartial: (v) => v.error !== undefined,
  });
  if (r.state === "pending") return { status: "error", error: pendingError().toSectionError() };
  if (r.state === "error") return { status: "error", error: roleError(r.error, roleNameOf(roleArn)) };
  if (r.value.error) return { status: "error", error: r.value.error, asOf: iso(r.asOf), data: r.value.data };
  if (r.refreshError)
    return {
      status: "error",
      error: roleError(r.refreshError, roleNameOf(roleArn)),
      asOf: iso(r.asOf),
      data: r.value.data,
    };
  return { status: "ok", data: r.value.data, asOf: iso(r.asOf), ...(r.stale ? { stale: true } : {}) };
}

/**
 * Role ARN → its policies, for a configured account. Each distinct role is read once; a role
 * whose reads fail (denied, throttled) is an error section of its own and the others are unaffected.
 */
export async function getRolePolicies(
  accountId: string,
  roleArns: readonly string[],
): Promise<Record<string, Section<RolePolicies>>> {
  const account = findAccount(accountId);
  if (!account) throw new NotFoundError(`no account "${accountId}" is configured`);
  const distinct = [...new Set(roleArns)];
  const sections = await mapPool(distinct, 8, (arn) => getRolePolicySection(account, arn));
  return Object.fromEntries(distinct.map((arn, i) => [arn, sections[i] as Section<RolePolicies>]));
}
