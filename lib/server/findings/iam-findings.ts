import "server-only";
import {
  analyzeResourcePolicies,
  resourcePolicyDocument,
} from "@/lib/analysis/iam/analyze-resource-policies";
import { analyzeRoles } from "@/lib/analysis/iam/analyze-roles";
import type {
  IamFinding,
  PolicyDocument,
  ResourcePolicyInput,
  RolePolicies as AnalysisRole,
  RolePolicy,
} from "@/lib/analysis/iam/types";
import { wildcardSpans } from "@/lib/analysis/iam/wildcard-spans";
import type { Section, SectionError } from "@/lib/schemas/common";
import type { Finding, FindingFunction, RoleSummary } from "@/lib/schemas/findings";
import type { FunctionConfig } from "@/lib/schemas/functions";
import type { RolePolicies } from "@/lib/schemas/iam";
import { toAppError } from "../errors";
import { getRolePolicies } from "../iam/role-policies";
import { log } from "../log";
import { awsAccountOf } from "./rules";

/**
 * Execution-role and resource-based policy findings. Roles are read once per account whatever the
 * number of functions and regions sharing them (IAM is global), and each finding names every
 * function that runs with the role: one finding per statement and kind, not one per function.
 */

export const IAM_REGION = "global";

function functionOf(c: FunctionConfig): FindingFunction {
  return { account: c.account, region: c.region, name: c.name, team: c.team };
}

/** The statement as shown: pretty-printed JSON and its wildcard spans. */
function statementText(
  statement: unknown,
): { statementJson: string; wildcardSpans: { start: number; end: number }[] } | undefined {
  if (statement === undefined) return undefined;
  const statementJson = JSON.stringify(statement, null, 2);
  return { statementJson, wildcardSpans: wildcardSpans(statementJson) };
}

function statementsOfDocument(document: PolicyDocument | undefined): unknown[] {
  if (!document) return [];
  const s: unknown = document.Statement;
  return Array.isArray(s) ? s : [s];
}

function toApi(
  f: IamFinding,
  category: "iam" | "resource-policy",
  scope: { account: string; region: string },
  functions: FindingFunction[],
  statement: unknown,
  role: { name: string; arn: string } | undefined,
): Finding {
  const evidence =
    f.evidence.source === "statement" ? { ...f.evidence, ...statementText(statement) } : f.evidence;
  return {
    id: f.id,
    kind: f.kind,
    category,
    severity: f.severity,
    title: f.title,
    detail: f.detail,
    recommendation: f.recommendation,
    scope,
    functions,
    ...(role ? { role } : {}),
    evidence,
  };
}

export interface RoleFindingsResult {
  findings: Finding[];
  roles: RoleSummary[];
  /** The first failure (a denied or throttled role read), for the scope status. */
  error?: SectionError;
  partial: boolean;
  asOf?: number;
}

/** Converts a role's API read (attached + inline) to the analysis shape; unreadable documents are left out. */
function analysisRole(data: RolePolicies, functions: AnalysisRole["functions"]): AnalysisRole {
  const policies: RolePolicy[] = [
    ...data.attached.flatMap((p): RolePolicy[] =>
      p.document
        ? [
            {
              name: p.name,
              arn: p.arn,
              kind: p.awsManaged ? "aws-managed" : "customer-managed",
              document: p.document as unknown as PolicyDocument,
            },
          ]
        : [],
    ),
    ...data.inline.flatMap((p): RolePolicy[] =>
      p.document ? [{ name: p.name, kind: "inline", document: p.document as unknown as PolicyDocument }] : [],
    ),
  ];
  return { roleName: data.roleName, roleArn: data.roleArn, policies, functions };
}

/** Every execution role of an account's functions (configs from any of its regions), analyzed. */
export async function roleFindings(
  accountId: string,
  configs: readonly FunctionConfig[],
): Promise<RoleFindingsResult> {
  const byRole = new Map<string, FunctionConfig[]>();
  for (const c of configs) byRole.set(c.role.arn, [...(byRole.get(c.role.arn) ?? []), c]);
  if (byRole.size === 0) return { findings: [], roles: [], partial: false };
  const sections: Record<string, Section<RolePolicies>> = await getRolePolicies(accountId, [
    ...byRole.keys(),
  ]);

  const roles: RoleSummary[] = [];
  const inputs: AnalysisRole[] = [];
  let error: RoleFindingsResult["error"];
  let asOf: number | undefined;
  for (const [arn, fns] of byRole) {
    const section = sections[arn];
    const name = fns[0]?.role.name ?? arn;
    const functions = fns.map(functionOf);
    if (section?.asOf) asOf = Math.min(asOf ?? Infinity, Date.parse(section.asOf));
    if (!section || section.status === "error") {
      const e =
        section?.status === "error"
          ? section.error
          : { code: "internal_error" as const, message: "role not read" };
      error ??= e;
      roles.push({ account: accountId, name, arn, functions, status: "error", error: e });
    } else {
      roles.push({ account: accountId, name, arn, functions, status: "ok" });
    }
    // A role read with a failure may still carry what could be read: analyze that much.
    if (section?.data)
      inputs.push(
        analysisRole(
          section.data,
          fns.map((c) => ({ account: c.account, region: c.region, name: c.name })),
        ),
      );
  }

  let analyzed: IamFinding[] = [];
  try {
    analyzed = await analyzeRoles(inputs);
  } catch (err) {
    const e = toAppError(err);
    log().error({ err }, "execution-role analysis failed");
    error ??= e.toSectionError();
  }
  const findings = analyzed.map((f) => {
    const input = inputs.find((r) => r.roleArn === f.role?.arn);
    const fns = byRole.get(f.role?.arn ?? "") ?? [];
    let statement: unknown;
    if (f.evidence.source === "statement" && input) {
      const ev = f.evidence;
      const policy = input.policies.find((p) =>
        ev.policyArn ? p.arn === ev.policyArn : p.kind === ev.policyKind && p.name === ev.policyName,
      );
      statement = statementsOfDocument(policy?.document)[ev.statementIndex];
    }
    return toApi(
      f,
      "iam",
      { account: accountId, region: IAM_REGION },
      fns.map(functionOf),
      statement,
      f.role,
    );
  });
  roles.sort((a, b) => a.name.localeCompare(b.name));
  return {
    findings,
    roles,
    ...(error ? { error } : {}),
    partial: false,
    ...(asOf !== undefined ? { asOf } : {}),
  };
}

/**
 * Resource-based policy and function URL findings of a region's functions. A function whose policy
 * or URL config could not be read is judged on what was read (the config lists the gap).
 */
export function resourcePolicyFindings(configs: readonly FunctionConfig[]): Finding[] {
  const inputs: Array<{ input: ResourcePolicyInput; config: FunctionConfig }> = configs.map((c) => ({
    config: c,
    input: {
      // The analysis compares principals' 12-digit accounts with the function's own.
      function: { account: awsAccountOf(c.arn) ?? c.account, region: c.region, name: c.name, arn: c.arn },
      policy: resourcePolicyDocument(c.resourcePolicy),
      ...(c.functionUrl
        ? {
            functionUrl: {
              authType: c.functionUrl.authType,
              cors: { allowOrigins: c.functionUrl.corsAllowOrigins },
            },
          }
        : {}),
    },
  }));
  return inputs.flatMap(({ input, config }) =>
    analyzeResourcePolicies([input]).map((f) =>
      toApi(
        f,
        "resource-policy",
        { account: config.account, region: config.region },
        [functionOf(config)],
        f.evidence.source === "statement" ? config.resourcePolicy?.[f.evidence.statementIndex] : undefined,
        config.role,
      ),
    ),
  );
}
