import { actionMatchesPattern } from "@cloud-copilot/iam-expand";
import type { Severity } from "@/lib/analysis/severity";
import { loadActionCatalog, type AccessLevel, type ActionCatalog, type ActionInfo } from "./action-catalog";
import {
  conditionNote,
  conditionValues,
  globToRegExp,
  hasWildcard,
  isAllAsterisks,
  lowerSeverity,
  quoteList,
  statementLabel,
  statementsOf,
  type NormalizedStatement,
} from "./statements";
import type { IamFinding, RoleFindingKind, RolePolicies, RolePolicy, StatementEvidence } from "./types";

/**
 * Findings about execution-role permissions: one per statement and kind, each naming every
 * function that runs with the role. Deny statements of the role (in any of its policies) take
 * actions back before anything is counted, since an explicit deny overrides any allow ("Policy
 * evaluation logic", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */

/** Data and secrets reads and writes: Resource "*" on these exposes every bucket, table, secret or key. */
const DATA_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "secretsmanager:GetSecretValue",
  "ssm:GetParameter*",
  "kms:Decrypt",
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

interface Escalation {
  action: string;
  /** Dangerous only when the statement reaches every resource (Resource "*" or NotResource). */
  onlyOnStar: boolean;
  why: string;
}

/**
 * Ways a role can give itself more power. Catalogue: Rhino Security Labs, "AWS IAM Privilege
 * Escalation – Methods and Mitigations"; iam:PassRole: "Grant a user permissions to pass a role to
 * an AWS service", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
const ESCALATIONS: Escalation[] = [
  {
    action: "iam:PassRole",
    onlyOnStar: true,
    why: "hand any role, however privileged, to a service it controls",
  },
  {
    action: "iam:CreatePolicyVersion",
    onlyOnStar: false,
    why: "rewrite a managed policy and make it the default",
  },
  {
    action: "iam:SetDefaultPolicyVersion",
    onlyOnStar: false,
    why: "switch a policy to another, broader version",
  },
  ...["Role", "User", "Group"].flatMap((target) => [
    {
      action: `iam:Attach${target}Policy`,
      onlyOnStar: false,
      why: `attach any managed policy to a ${target.toLowerCase()}`,
    },
    {
      action: `iam:Put${target}Policy`,
      onlyOnStar: false,
      why: `write any inline policy into a ${target.toLowerCase()}`,
    },
  ]),
  { action: "iam:UpdateAssumeRolePolicy", onlyOnStar: false, why: "change who may assume a role" },
  { action: "iam:CreateAccessKey", onlyOnStar: false, why: "create long-lived keys for another user" },
  { action: "lambda:UpdateFunctionCode", onlyOnStar: true, why: "run its own code as any function's role" },
  {
    action: "lambda:UpdateFunctionConfiguration",
    onlyOnStar: true,
    why: "add a layer or wrapper to any function and run as its role",
  },
  { action: "sts:AssumeRole", onlyOnStar: true, why: "assume any role that trusts the account" },
];

const CREATE_FUNCTION = "lambda:createfunction";
const PASS_ROLE = "iam:passrole";
const SAMPLE_SIZE = 5;
const LEVEL_RISK: Record<AccessLevel, number> = {
  "Permissions management": 0,
  Write: 1,
  Tagging: 2,
  Read: 3,
  List: 4,
};

interface Analyzed {
  role: RolePolicies;
  policy: RolePolicy;
  statement: NormalizedStatement;
  /** Action statements: each pattern as written and the real actions it still grants after denies. */
  granted: Array<{ pattern: string; actions: ActionInfo[] }>;
  /** Every real action the statement still grants, once each. */
  effective: ActionInfo[];
  /** Actions the statement names that Deny statements take back. */
  denied: number;
  /** Resource "*" or NotResource: the statement reaches resources nobody listed. */
  unbounded: boolean;
  resourceStar: boolean;
}

interface RoleContext {
  /** An Allow of iam:PassRole that can pass roles to Lambda, if the role has one. */
  passRoleToLambda?: Analyzed;
}

/** Loads the AWS action data the roles need, then analyzes them. */
export async function analyzeRoles(roles: readonly RolePolicies[]): Promise<IamFinding[]> {
  const statements = roles.flatMap((r) => r.policies.flatMap((p) => statementsOf(p.document)));
  const patterns = statements.flatMap((s) => s.actions);
  if (statements.some((s) => s.actionElement === "NotAction")) patterns.push("*");
  return roleFindings(roles, await loadActionCatalog(patterns));
}

/** The synchronous core, for a catalog that already holds every pattern of these roles. */
export function roleFindings(roles: readonly RolePolicies[], catalog: ActionCatalog): IamFinding[] {
  return roles.flatMap((role) => {
    const located = role.policies.flatMap((policy) =>
      statementsOf(policy.document).map((statement) => ({ policy, statement })),
    );
    const denies = located.filter((l) => l.statement.effect === "Deny").map((l) => l.statement);
    const allows = located
      .filter((l) => l.statement.effect === "Allow")
      .map(({ policy, statement }) => analyze(role, policy, statement, denies, catalog))
      .filter((a) => a.effective.length > 0);
    const context: RoleContext = {
      passRoleToLambda: allows.find((a) => hasAction(a, PASS_ROLE) && canPassToLambda(a.statement)),
    };
    return allows.flatMap((a) => statementFindings(a, context));
  });
}

/** The real actions a statement names: its Action patterns, or everything but its NotAction patterns. */
function statementActions(statement: NormalizedStatement, catalog: ActionCatalog): ActionInfo[] {
  const named = uniqueActions(statement.actions.flatMap((p) => catalog.expand(p)));
  if (statement.actionElement === "Action") return named;
  const excluded = new Set(named.map((a) => a.key));
  return catalog.expand("*").filter((a) => !excluded.has(a.key));
}

/**
 * Whether a Deny takes back the Allow's actions on all of the Allow's resources. A conditional Deny
 * may not apply, and a NotResource Deny leaves resources out, so neither is assumed to cancel.
 */
function denyCovers(deny: NormalizedStatement, allow: NormalizedStatement): boolean {
  if (deny.condition || deny.resourceElement === "NotResource") return false;
  if (deny.resources.includes("*")) return true;
  if (allow.resourceElement === "NotResource" || allow.resources.length === 0) return false;
  return allow.resources.every((r) => deny.resources.some((d) => globToRegExp(d).test(r)));
}

function analyze(
  role: RolePolicies,
  policy: RolePolicy,
  statement: NormalizedStatement,
  denies: NormalizedStatement[],
  catalog: ActionCatalog,
): Analyzed {
  const denied = new Set(
    denies
      .filter((d) => denyCovers(d, statement))
      .flatMap((d) => statementActions(d, catalog).map((a) => a.key)),
  );
  const keep = (actions: readonly ActionInfo[]) => actions.filter((a) => !denied.has(a.key));
  const granted =
    statement.actionElement === "Action"
      ? statement.actions.map((pattern) => ({ pattern, actions: keep(catalog.expand(pattern)) }))
      : [];
  const named = statementActions(statement, catalog);
  const effective = keep(named);
  const resourceStar = statement.resourceElement === "Resource" && statement.resources.includes("*");
  return {
    role,
    policy,
    statement,
    granted,
    effective,
    denied: named.length - effective.length,
    unbounded: resourceStar || statement.resourceElement === "NotResource",
    resourceStar,
  };
}

function hasAction(a: Analyzed, key: string): boolean {
  return a.effective.some((x) => x.key === key);
}

/** iam:PassedToService, when present, must admit lambda.amazonaws.com (negated operators are assumed to). */
function canPassToLambda(statement: NormalizedStatement): boolean {
  return conditionValues(statement.condition, "iam:PassedToService").every(
    (test) =>
      /not/i.test(test.operator) ||
      test.values.some((v) => globToRegExp(v, "i").test("lambda.amazonaws.com")),
  );
}

function statementFindings(a: Analyzed, context: RoleContext): IamFinding[] {
  const escalations = escalationsOf(a, context);
  const full = fullAdmin(a, escalations);
  if (full) return [full];
  if (a.statement.actionElement === "NotAction")
    return [notAction(a, escalations), notResource(a)].filter(isFinding);
  const escalation = escalationFinding(a, escalations);
  const reported = new Set(escalations.map((e) => e.action.key));
  return [notResource(a), ...wildcards(a), resourceStar(a, reported), escalation].filter(isFinding);
}

function isFinding(f: IamFinding | undefined): f is IamFinding {
  return f !== undefined;
}

// ---- Rules -------------------------------------------------------------------------------

/** Action "*" on every resource: AdministratorAccess. Subsumes every other finding of the statement. */
function fullAdmin(a: Analyzed, escalations: EscalationHit[]): IamFinding | undefined {
  const stars = a.statement.actions.filter(isAllAsterisks);
  if (a.statement.actionElement !== "Action" || stars.length === 0 || !a.unbounded) return undefined;
  return finding(a, "iam-full-admin", "critical", {
    title: "Role has full administrator access",
    detail:
      `${label(a)} allows "*" on ${a.resourceStar ? "every resource" : "every resource but those in NotResource"}: ` +
      `${count(a.effective.length)} actions across every AWS service${a.denied === 0 ? ", IAM included" : ""}. ` +
      "Any code running in these functions, or anyone who obtains their credentials, controls the account.",
    recommendation:
      "Replace it with a policy that lists only the actions and resources these functions use; IAM Access Analyzer can generate one from CloudTrail activity.",
    actions: stars,
    counted: a.effective,
    sample: escalations.map((e) => e.action.name).slice(0, SAMPLE_SIZE),
  });
}

/** Allow + NotAction: everything not listed, including actions AWS adds later ("IAM JSON policy elements: NotAction"). */
function notAction(a: Analyzed, escalations: EscalationHit[]): IamFinding {
  const listed = escalations.map((e) => e.action.name);
  return finding(a, "iam-not-action", a.unbounded ? "critical" : "warning", {
    title: a.unbounded
      ? "NotAction grants almost every action in the account"
      : "NotAction grants every action not listed",
    detail:
      `${label(a)} allows every action except ${quoteList(a.statement.actions)}${a.unbounded ? " on every resource" : ""}: ` +
      `${count(a.effective.length)} actions today, and every action AWS adds in future. ` +
      (a.unbounded ? "That is close to administrator access (PowerUserAccess is built this way). " : "") +
      (listed.length > 0 ? `It includes privilege-escalation actions: ${listed.join(", ")}.` : ""),
    recommendation: "Replace NotAction with an Action list of what the functions call.",
    actions: a.statement.actions,
    counted: a.effective,
    sample: listed,
  });
}

/** Allow + NotResource: every resource not listed, in this and other accounts ("IAM JSON policy elements: NotResource"). */
function notResource(a: Analyzed): IamFinding | undefined {
  if (a.statement.resourceElement !== "NotResource") return undefined;
  return finding(a, "iam-not-resource", "warning", {
    title: "NotResource grants access to every other resource",
    detail:
      `${label(a)} allows its actions on every resource except ${quoteList(a.statement.resources)}, ` +
      "including resources created later and resources in other accounts.",
    recommendation:
      "List the resources the functions use under Resource instead of excluding some with NotResource.",
    actions: a.statement.actions,
    counted: a.effective,
  });
}

/** `s3:*` (service wildcard) and `iam:*Policy*` (wildcard inside a name), with what they expand to. */
function wildcards(a: Analyzed): IamFinding[] {
  const isService = (pattern: string) =>
    isAllAsterisks(pattern) || isAllAsterisks(pattern.split(":")[1] ?? "");
  const hits = a.granted.filter((g) => hasWildcard(g.pattern) && g.actions.length > 0);
  const groups: Array<[RoleFindingKind, typeof hits]> = [
    ["iam-service-wildcard", hits.filter((g) => isService(g.pattern))],
    ["iam-name-wildcard", hits.filter((g) => !isService(g.pattern))],
  ];
  return groups.flatMap(([kind, group]) => {
    if (group.length === 0) return [];
    const actions = uniqueActions(group.flatMap((g) => g.actions));
    const changes = actions.some((x) => x.accessLevel !== "Read" && x.accessLevel !== "List");
    const patterns = group.map((g) => g.pattern);
    const service = kind === "iam-service-wildcard";
    return [
      finding(a, kind, changes ? "warning" : "info", {
        title: `${service ? "Service wildcard" : "Wildcard"} ${quoteList(patterns, 2)} ${service ? "grants" : "matches"} ${count(actions.length)} actions`,
        detail:
          `${label(a)} uses ${quoteList(patterns)}, which ${service ? "grant" : "match"} ${count(actions.length)} actions ` +
          `(${levelSummary(actions)}), and any action AWS adds later ${service ? `to ${patterns.length === 1 ? "that service" : "those services"}` : "whose name matches"}.` +
          (changes
            ? " Write and permissions-management actions let the functions change or delete, not only read."
            : ""),
        recommendation: "Replace the wildcard with the specific actions the functions call.",
        actions: patterns,
        counted: actions,
      }),
    ];
  });
}

/**
 * Resource "*" on actions that accept resource ARNs (the Service Authorization Reference lists
 * resource types for them): info, or warning when the actions read or write data or secrets.
 * Actions already reported as privilege escalation are left out.
 */
function resourceStar(a: Analyzed, reported: Set<string>): IamFinding | undefined {
  if (!a.resourceStar) return undefined;
  const candidates = a.effective.filter((x) => !reported.has(x.key));
  const data = candidates.filter((x) => DATA_ACTIONS.some((p) => actionMatchesPattern(x.name, p)));
  const scopable = candidates.filter((x) => x.resourceLevel);
  const offending = data.length > 0 ? data : scopable;
  if (offending.length === 0) return undefined;
  const keys = new Set(offending.map((x) => x.key));
  const patterns = a.granted.filter((g) => g.actions.some((x) => keys.has(x.key))).map((g) => g.pattern);
  if (data.length > 0) {
    return finding(a, "iam-resource-star-data", "warning", {
      title: `Data and secrets actions allowed on every resource`,
      detail:
        `${label(a)} allows ${names(data)} on Resource "*": every bucket, table, secret, parameter or key ` +
        "in reach of the account, not just the ones these functions need.",
      recommendation:
        "Scope Resource to the ARNs of the buckets, tables, secrets, parameters or keys the functions use.",
      actions: patterns,
      counted: data,
    });
  }
  return finding(a, "iam-resource-star-scopable", "info", {
    title: `${count(scopable.length)} actions on Resource "*" could be scoped`,
    detail: `${label(a)} allows ${names(scopable)} on Resource "*", though these actions accept specific resource ARNs.`,
    recommendation: "Narrow Resource to the ARNs the functions use (for logs, the function's own log group).",
    actions: patterns,
    counted: scopable,
  });
}

interface EscalationHit {
  action: ActionInfo;
  why: string;
}

function escalationsOf(a: Analyzed, context: RoleContext): EscalationHit[] {
  const byKey = new Map(a.effective.map((x) => [x.key, x]));
  const hits = ESCALATIONS.filter((e) => (e.onlyOnStar ? a.unbounded : reachesService(a, e.action))).flatMap(
    (e) => {
      const action = byKey.get(e.action.toLowerCase());
      return action ? [{ action, why: e.why }] : [];
    },
  );
  const create = byKey.get(CREATE_FUNCTION);
  const passRole = context.passRoleToLambda;
  if (create && passRole && reachesService(a, CREATE_FUNCTION)) {
    const where = passRole === a ? "this statement" : label(passRole);
    hits.push({
      action: create,
      why: `create a function that runs as any role it may pass (iam:PassRole in ${where})`,
    });
  }
  return hits;
}

/**
 * Whether the statement's resources can include resources of the action's service: an action only
 * applies to its own service's resource types, so iam:AttachRolePolicy on an S3 ARN grants nothing.
 */
function reachesService(a: Analyzed, action: string): boolean {
  const service = action.split(":")[0] ?? "";
  return (
    a.unbounded || a.statement.resources.some((r) => globToRegExp(r.split(":")[2] ?? "", "i").test(service))
  );
}

function escalationFinding(a: Analyzed, hits: EscalationHit[]): IamFinding | undefined {
  if (hits.length === 0) return undefined;
  const keys = new Set(hits.map((h) => h.action.key));
  const patterns = a.granted.filter((g) => g.actions.some((x) => keys.has(x.key))).map((g) => g.pattern);
  return finding(a, "iam-privilege-escalation", "critical", {
    title: "Role can escalate its own privileges",
    detail: `${label(a)} lets code running as this role give itself more power: ${hits.map((h) => `${h.action.name} to ${h.why}`).join("; ")}.`,
    recommendation:
      "Remove these actions, or scope them to specific resource ARNs and add conditions (for iam:PassRole, iam:PassedToService and the exact role ARNs).",
    actions: patterns,
    counted: hits.map((h) => h.action),
    sample: hits.map((h) => h.action.name),
  });
}

// ---- Building findings ------------------------------------------------------------------

interface FindingText {
  title: string;
  detail: string;
  recommendation: string;
  /** The offending patterns as written. */
  actions: string[];
  /** The real actions behind the finding, for its counts. */
  counted: readonly ActionInfo[];
  /** Defaults to the riskiest of `counted`. */
  sample?: string[];
}

function finding(a: Analyzed, kind: RoleFindingKind, base: Severity, text: FindingText): IamFinding {
  const { statement, policy, role } = a;
  const severity = statement.condition ? lowerSeverity(base) : base;
  const notes = [
    a.denied > 0
      ? `Deny statements of this role take back ${count(a.denied)} of the actions named here; they are not counted.`
      : "",
    statement.condition ? conditionNote(base, severity) : "",
  ].filter(Boolean);
  const evidence: StatementEvidence = {
    source: "statement",
    policyName: policy.name,
    ...(policy.arn ? { policyArn: policy.arn } : {}),
    policyKind: policy.kind,
    statementIndex: statement.index,
    ...(statement.sid ? { sid: statement.sid } : {}),
    actionElement: statement.actionElement,
    actions: text.actions,
    resourceElement: statement.resourceElement,
    resources: statement.resources,
    ...(statement.condition ? { condition: statement.condition } : {}),
    expandedActionCount: text.counted.length,
    writeActions: text.counted.filter((x) => x.accessLevel === "Write").length,
    permissionsManagementActions: text.counted.filter((x) => x.accessLevel === "Permissions management")
      .length,
    sampleActions: text.sample ?? riskiest(text.counted),
  };
  return {
    id: [kind, role.roleArn, policy.arn ?? `inline:${policy.name}`, statement.index].join("|"),
    kind,
    severity,
    title: text.title,
    detail: [text.detail, ...notes].join(" "),
    recommendation: text.recommendation,
    evidence,
    role: { name: role.roleName, arn: role.roleArn },
    functions: role.functions,
  };
}

function label(a: Analyzed): string {
  return statementLabel(a.policy.name, a.statement);
}

function uniqueActions(actions: readonly ActionInfo[]): ActionInfo[] {
  return [...new Map(actions.map((x) => [x.key, x])).values()];
}

function riskiest(actions: readonly ActionInfo[]): string[] {
  return [...actions]
    .sort((x, y) => LEVEL_RISK[x.accessLevel] - LEVEL_RISK[y.accessLevel] || x.name.localeCompare(y.name))
    .slice(0, SAMPLE_SIZE)
    .map((x) => x.name);
}

function names(actions: readonly ActionInfo[]): string {
  const shown = riskiest(actions);
  return (
    shown.join(", ") + (actions.length > shown.length ? ` and ${actions.length - shown.length} more` : "")
  );
}

function levelSummary(actions: readonly ActionInfo[]): string {
  const pm = actions.filter((x) => x.accessLevel === "Permissions management").length;
  const write = actions.filter((x) => x.accessLevel === "Write").length;
  return `${count(write)} write, ${count(pm)} permissions management`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
