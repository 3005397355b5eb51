import { describe, expect, it } from "vitest";
import type { Severity } from "@/lib/analysis/severity";
import { analyzeResourcePolicies, policyGrantsUrlInvoke } from "./analyze-resource-policies";
import type { IamFinding, PolicyStatement, ResourcePolicyInput } from "./types";

const ACCOUNT = "111111111111";
const fn = {
  account: ACCOUNT,
  region: "eu-west-1",
  name: "thumbnails",
  arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:thumbnails`,
};

const invoke = (
  Principal: PolicyStatement["Principal"],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement => ({
  Sid: "Invoke",
  Effect: "Allow",
  Principal,
  Action: "lambda:InvokeFunction",
  Resource: fn.arn,
  ...extra,
});

/** The statement Lambda adds for a public function URL ("Control access to Lambda function URLs"). */
const urlStatement: PolicyStatement = {
  Sid: "FunctionURLAllowPublicAccess",
  Effect: "Allow",
  Principal: "*",
  Action: "lambda:InvokeFunctionUrl",
  Resource: fn.arn,
  Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
};

const input = (
  statements: PolicyStatement[],
  functionUrl?: ResourcePolicyInput["functionUrl"],
): ResourcePolicyInput => ({
  function: fn,
  policy: { Version: "2012-10-17", Statement: statements },
  ...(functionUrl ? { functionUrl } : {}),
});

const rows = (findings: IamFinding[]): Array<[string, Severity]> => findings.map((f) => [f.kind, f.severity]);
const principals = (f: IamFinding | undefined) =>
  f?.evidence.source === "statement" ? f.evidence.principals : undefined;

describe("analyzeResourcePolicies: principals", () => {
  it.each<[string, PolicyStatement[], Array<[string, Severity]>]>([
    ['Principal "*"', [invoke("*")], [["public-invoke", "critical"]]],
    ['Principal { AWS: "*" }', [invoke({ AWS: "*" })], [["public-invoke", "critical"]]],
    ['"*" among other AWS principals', [invoke({ AWS: [ACCOUNT, "*"] })], [["public-invoke", "critical"]]],
    [
      '"*" with aws:SourceArn',
      [invoke("*", { Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } })],
      [],
    ],
    [
      '"*" with aws:PrincipalOrgID',
      [invoke("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })],
      [],
    ],
    [
      '"*" with aws:SourceOrgID',
      [invoke("*", { Condition: { StringEquals: { "aws:SourceOrgID": "o-abc" } } })],
      [],
    ],
    [
      '"*" with an unrelated condition is lowered, not dropped',
      [invoke("*", { Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })],
      [["public-invoke", "warning"]],
    ],
    ["own account", [invoke({ AWS: `arn:aws:iam::${ACCOUNT}:root` })], []],
    ["another account by id", [invoke({ AWS: "222222222222" })], [["cross-account-invoke", "info"]]],
    [
      "another account's role",
      [invoke({ AWS: "arn:aws:iam::333333333333:role/deployer" })],
      [["cross-account-invoke", "info"]],
    ],
    [
      "service without source",
      [invoke({ Service: "s3.amazonaws.com" })],
      [["service-invoke-unscoped", "warning"]],
    ],
    [
      "service with aws:SourceArn",
      [
        invoke(
          { Service: "s3.amazonaws.com" },
          { Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::uploads" } } },
        ),
      ],
      [],
    ],
    [
      "service with aws:SourceAccount",
      [
        invoke(
          { Service: "sns.amazonaws.com" },
          { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
        ),
      ],
      [],
    ],
    [
      "service with only an unrelated condition",
      [
        invoke(
          { Service: "events.amazonaws.com" },
          { Condition: { Bool: { "aws:SecureTransport": "true" } } },
        ),
      ],
      [["service-invoke-unscoped", "info"]],
    ],
    ["a Deny to everyone is no exposure", [{ ...invoke("*"), Effect: "Deny" }], []],
  ])("%s", (_name, statements, want) => {
    expect(rows(analyzeResourcePolicies([input(statements)]))).toEqual(want);
  });

  it("lists every other account once in one finding, leaving out the function's own", () => {
    const [finding, ...rest] = analyzeResourcePolicies([
      input([
        invoke({
          AWS: [
            "222222222222",
            `arn:aws:iam::${ACCOUNT}:root`,
            "arn:aws:iam::333333333333:root",
            "arn:aws:sts::222222222222:assumed-role/x/y",
          ],
        }),
      ]),
    ]);
    expect(rest).toEqual([]);
    expect(principals(finding)).toEqual(["222222222222", "333333333333"]);
    expect(finding?.detail).toContain("222222222222, 333333333333");
  });

  it("shows the condition and names the function as blast radius", () => {
    const condition = { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } };
    const [finding] = analyzeResourcePolicies([input([invoke("*", { Condition: condition })])]);
    expect(finding?.evidence).toMatchObject({
      source: "statement",
      policyKind: "resource-based",
      statementIndex: 0,
      sid: "Invoke",
      actions: ["lambda:InvokeFunction"],
      condition,
      principals: ["*"],
    });
    expect(finding?.functions).toEqual([{ account: ACCOUNT, region: "eu-west-1", name: "thumbnails" }]);
    expect(finding?.id).toBe(`public-invoke|${fn.arn}|policy|0`);
  });

  it("a function without a resource-based policy or URL has no findings", () => {
    expect(analyzeResourcePolicies([{ function: fn, policy: undefined }])).toEqual([]);
  });
});

describe("analyzeResourcePolicies: function URLs", () => {
  it.each<[string, ResourcePolicyInput, Array<[string, Severity]>]>([
    ["AuthType NONE", input([urlStatement], { authType: "NONE" }), [["function-url-public", "critical"]]],
    ["AuthType AWS_IAM", input([], { authType: "AWS_IAM" }), []],
    [
      "CORS allowing any origin",
      input([], { authType: "AWS_IAM", cors: { allowOrigins: ["https://app.example.com", "*"] } }),
      [["function-url-cors-any", "warning"]],
    ],
    [
      "CORS with listed origins",
      input([], { authType: "AWS_IAM", cors: { allowOrigins: ["https://app.example.com"] } }),
      [],
    ],
    [
      "public and any origin",
      input([urlStatement], { authType: "NONE", cors: { allowOrigins: ["*"] } }),
      [
        ["function-url-public", "critical"],
        ["function-url-cors-any", "warning"],
      ],
    ],
    // The URL statement exposes nothing while no URL exists.
    ["URL statement without a URL", input([urlStatement]), []],
    // Principal "*" on an IAM-authenticated URL: any AWS account's principal may call it.
    [
      'Principal "*" on an AWS_IAM URL',
      input([{ ...urlStatement, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } } }], {
        authType: "AWS_IAM",
      }),
      [["public-invoke", "warning"]],
    ],
  ])("%s", (_name, value, want) => {
    expect(rows(analyzeResourcePolicies([value]))).toEqual(want);
  });

  it("keeps the URL's settings as evidence", () => {
    const [publicUrl] = analyzeResourcePolicies([
      input([], { authType: "NONE", cors: { allowOrigins: ["*"] } }),
    ]);
    expect(publicUrl?.evidence).toEqual({ source: "function-url", authType: "NONE", allowOrigins: ["*"] });
    expect(publicUrl?.id).toBe(`function-url-public|${fn.arn}|url`);
  });
});

describe("policyGrantsUrlInvoke", () => {
  const doc = (...Statement: PolicyStatement[]) => ({ Version: "2012-10-17", Statement });
  const allow = (Action: string | string[]): PolicyStatement => ({
    Effect: "Allow",
    Principal: "*",
    Action,
    Resource: "*",
  });

  it("is false without a policy or without a statement that covers the action", () => {
    expect(policyGrantsUrlInvoke(undefined)).toBe(false);
    expect(policyGrantsUrlInvoke(doc(allow("lambda:InvokeFunction")))).toBe(false);
    expect(policyGrantsUrlInvoke(doc({ ...allow("lambda:InvokeFunctionUrl"), Effect: "Deny" }))).toBe(false);
  });

  it("matches the action by name, case-insensitively, and through wildcards", () => {
    for (const action of [
      "lambda:InvokeFunctionUrl",
      "LAMBDA:invokefunctionurl",
      "lambda:*",
      "*",
      "lambda:Invoke*",
    ])
      expect(policyGrantsUrlInvoke(doc(allow(action))), action).toBe(true);
    expect(policyGrantsUrlInvoke(doc(allow(["lambda:GetFunction", "lambda:InvokeFunction?rl"])))).toBe(true);
  });

  it("reads NotAction as everything but the listed actions", () => {
    const notAction = (NotAction: string): PolicyStatement => ({
      Effect: "Allow",
      Principal: "*",
      NotAction,
      Resource: "*",
    });
    expect(policyGrantsUrlInvoke(doc(notAction("lambda:DeleteFunction")))).toBe(true);
    expect(policyGrantsUrlInvoke(doc(notAction("lambda:Invoke*")))).toBe(false);
  });
});
