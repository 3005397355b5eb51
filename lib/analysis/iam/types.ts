import type { Severity } from "@/lib/analysis/severity";

/**
 * IAM policy documents as AWS returns them (URL-decoded and parsed), and the findings the IAM and
 * resource-policy rules produce. Grammar: "IAM JSON policy element reference",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */

export type StringOrList = string | string[];

export type ConditionValue = string | number | boolean | Array<string | number | boolean>;

/** `{ "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } }`: operator, then key, then value(s). */
export type PolicyCondition = Record<string, Record<string, ConditionValue>>;

export type PolicyPrincipal =
  | "*"
  | { AWS?: StringOrList; Service?: StringOrList; Federated?: StringOrList; CanonicalUser?: StringOrList };

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  /** One of Action or NotAction. */
  Action?: StringOrList;
  NotAction?: StringOrList;
  /** One of Resource or NotResource. */
  Resource?: StringOrList;
  NotResource?: StringOrList;
  /** Resource-based policies only. */
  Principal?: PolicyPrincipal;
  Condition?: PolicyCondition;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export type PolicyKind = "aws-managed" | "customer-managed" | "inline";

export interface RolePolicy {
  name: string;
  /** Managed policies only. */
  arn?: string;
  kind: PolicyKind;
  document: PolicyDocument;
}

export interface FunctionRef {
  account: string;
  region: string;
  name: string;
}

/** An execution role, all its policies, and the functions that run with it. */
export interface RolePolicies {
  roleName: string;
  roleArn: string;
  policies: RolePolicy[];
  functions: FunctionRef[];
}

/** A function's resource-based policy (GetPolicy) and its function URL config, if it has one. */
export interface ResourcePolicyInput {
  function: FunctionRef & { arn: string };
  /** Undefined when the function has no resource-based policy. */
  policy: PolicyDocument | undefined;
  functionUrl?: { authType: "NONE" | "AWS_IAM"; cors?: { allowOrigins: string[] } };
}

export type RoleFindingKind =
  | "iam-full-admin"
  | "iam-not-action"
  | "iam-not-resource"
  | "iam-service-wildcard"
  | "iam-name-wildcard"
  | "iam-resource-star-scopable"
  | "iam-resource-star-data"
  | "iam-privilege-escalation";

export type ResourcePolicyFindingKind =
  | "public-invoke"
  | "cross-account-invoke"
  | "service-invoke-unscoped"
  | "function-url-public"
  | "function-url-cors-any";

export type IamFindingKind = RoleFindingKind | ResourcePolicyFindingKind;

/** The statement a finding is about, and what in it is wrong. */
export interface StatementEvidence {
  source: "statement";
  policyName: string;
  policyArn?: string;
  policyKind: PolicyKind | "resource-based";
  /** 0-based position in the policy's Statement list. */
  statementIndex: number;
  sid?: string;
  /** Whether `actions` were written under Action or NotAction. */
  actionElement: "Action" | "NotAction";
  /** The offending action patterns exactly as written. */
  actions: string[];
  /** Whether `resources` were written under Resource or NotResource. */
  resourceElement: "Resource" | "NotResource";
  resources: string[];
  /** Shown whenever the statement has one: a condition lowers severity, it never hides a finding. */
  condition?: PolicyCondition;
  /** Resource-based policies: the principals the finding is about (account ids, ARNs, service names, "*"). */
  principals?: string[];
  /** Real actions granted (after Deny statements are taken off). */
  expandedActionCount?: number;
  /** Of those, how many AWS classes as Write, and as Permissions management (not overlapping). */
  writeActions?: number;
  permissionsManagementActions?: number;
  /** A few of the real actions, the riskiest first. */
  sampleActions?: string[];
}

export interface FunctionUrlEvidence {
  source: "function-url";
  authType: "NONE" | "AWS_IAM";
  allowOrigins?: string[];
}

export interface IamFinding {
  /** Stable: kind, role or function ARN, policy and statement index. */
  id: string;
  kind: IamFindingKind;
  severity: Severity;
  title: string;
  detail: string;
  recommendation: string;
  evidence: StatementEvidence | FunctionUrlEvidence;
  /** Execution-role findings only. */
  role?: { name: string; arn: string };
  /** Blast radius: every function the finding affects. */
  functions: FunctionRef[];
}

/** Alias under the name the issue uses; `IamFinding` avoids clashing with lib/analysis/headroom's Finding. */
export type Finding = IamFinding;
