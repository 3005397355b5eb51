import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  type AttachedPolicy,
} from "@aws-sdk/client-iam";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MANAGED_POLICIES } from "../data/managed-policies";
import type { PolicyDocument, ScenarioInput } from "../scenario/schema";
import { baseScenario, startTestSim, type TestSim } from "../testing";

/**
 * IAM through the official SDK client against the sim: every operation, paging, documents that
 * travel percent-encoded as real IAM sends them, AWS managed vs customer managed policies, and the
 * errors (NoSuchEntity, injected AccessDenied, Throttling) with the names and statuses the SDK sees.
 */

const NOW = Date.parse("2026-11-20T12:00:00Z");
const ACCOUNT = "111122223333";

const S3_READ: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "ReadUploads",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: ["arn:aws:s3:::uploads-été", "arn:aws:s3:::uploads-été/*"],
      // Characters that must survive percent-encoding and XML: & < > ' " + space * ~ ! ( ) and a non-ASCII letter.
      Condition: { StringLike: { "s3:prefix": ["a&b/<c>/'d'/\"e\"/f+g h/*~!(x)"] } },
    },
  ],
};
const KMS: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }],
};
const TABLE_ACCESS: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
      Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
    },
  ],
};

function scenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  const base = baseScenario();
  return {
    ...base,
    roles: [
      {
        name: "orders-role",
        attachedPolicies: [
          "AWSLambdaBasicExecutionRole",
          "orders-table-access",
          "AWSLambdaVPCAccessExecutionRole",
          "AWSXRayDaemonWriteAccess",
        ],
        inlinePolicies: { "s3-read": S3_READ, "kms-decrypt": KMS },
      },
      { name: "admin-role", path: "/", attachedPolicies: ["AdministratorAccess"] },
      { name: "basic-role", attachedPolicies: [] },
    ],
    policies: [
      { name: "orders-table-access", description: "Read and write the orders table", document: TABLE_ACCESS },
      { name: "unused-policy", document: KMS },
    ],
    functions: (base.functions ?? []).map((fn) => ({ ...fn, role: "orders-role" })),
    ...overrides,
  };
}

let sim: TestSim;
let iam: IAMClient;

beforeAll(async () => {
  sim = await startTestSim(scenario(), { now: NOW, rateLimits: false });
  iam = new IAMClient(sim.clientConfig("us-east-1"));
});

afterAll(async () => {
  iam.destroy();
  await sim.close();
});

afterEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: "DELETE" });
});

async function caught(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

function statusOf(err: Record<string, unknown>): unknown {
  const meta = err.$metadata as { httpStatusCode?: number } | undefined;
  return meta?.httpStatusCode;
}

/** What the console does with a document string: URL-decode, then parse. */
function decodeDocument(encoded: string | undefined): unknown {
  if (encoded === undefined) throw new Error("no document");
  return JSON.parse(decodeURIComponent(encoded));
}

/** Percent-encoded per RFC 3986: nothing but unreserved characters and %XX escapes. */
const RFC3986 = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+$/;

async function putFaults(faults: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

const roleArn = (path: string, name: string) => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;
const customerArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const ORDERS_ATTACHED: AttachedPolicy[] = [
  {
    PolicyName: "AWSLambdaBasicExecutionRole",
    PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  },
  { PolicyName: "orders-table-access", PolicyArn: customerArn("orders-table-access") },
  {
    PolicyName: "AWSLambdaVPCAccessExecutionRole",
    PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
  },
  { PolicyName: "AWSXRayDaemonWriteAccess", PolicyArn: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess" },
];

describe("MANAGED_POLICIES", () => {
  const entries = Object.entries(MANAGED_POLICIES);

  it("ships the facts sheet's policies with their real ARNs, ids and versions", () => {
    expect(entries.length).toBeGreaterThanOrEqual(11);
    expect(MANAGED_POLICIES.AWSLambdaBasicExecutionRole).toMatchObject({
      arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      policyId: "ANPAJNCQGXC42545SKXIK",
      path: "/service-role/",
      defaultVersionId: "v1",
      createDate: "2015-04-09T15:03:43Z",
    });
    expect(MANAGED_POLICIES.AWSLambda_FullAccess).toMatchObject({
      arn: "arn:aws:iam::aws:policy/AWSLambda_FullAccess",
      policyId: "ANPAZKAPJZG4OXQPYWZ5D",
      path: "/",
      defaultVersionId: "v7",
    });
    expect(MANAGED_POLICIES.PowerUserAccess?.defaultVersionId).toBe("v12");
    expect(MANAGED_POLICIES.AmazonDynamoDBFullAccess?.defaultVersionId).toBe("v15");
    expect(MANAGED_POLICIES.AdministratorAccess?.document.Statement).toEqual([
      { Effect: "Allow", Action: "*", Resource: "*" },
    ]);
  });

  it.each(entries)(
    "%s is a well-formed policy whose document parses as JSON with a Statement array",
    (name, p) => {
      expect(p.name).toBe(name);
      expect(p.arn).toBe(`arn:aws:iam::aws:policy${p.path}${name}`);
      expect(p.path === "/" || p.path === "/service-role/").toBe(true);
      expect(p.policyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
      expect(p.defaultVersionId).toMatch(/^v[1-9]\d*$/);
      expect(p.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(p.updateDate)).toBeGreaterThanOrEqual(Date.parse(p.createDate));
      expect(p.description.length).toBeGreaterThan(10);
      const parsed: unknown = JSON.parse(JSON.stringify(p.document));
      expect(parsed).toMatchObject({ Version: "2012-10-17" });
      const statements = (parsed as { Statement: unknown }).Statement;
      expect(Array.isArray(statements)).toBe(true);
      expect((statements as unknown[]).length).toBeGreaterThan(0);
      for (const s of statements as Array<Record<string, unknown>>) {
        expect(["Allow", "Deny"]).toContain(s.Effect);
        expect("Action" in s || "NotAction" in s).toBe(true);
        expect("Resource" in s).toBe(true);
      }
    },
  );

  it("has unique ARNs and policy ids", () => {
    expect(new Set(entries.map(([, p]) => p.arn)).size).toBe(entries.length);
    expect(new Set(entries.map(([, p]) => p.policyId)).size).toBe(entries.length);
  });
});

describe("GetRole", () => {
  it("returns the role with a deterministic AROA id and the Lambda trust policy, URL-encoded", async () => {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "orders-role" }));
    expect(role).toMatchObject({
      Path: "/service-role/",
      RoleName: "orders-role",
      Arn: roleArn("/service-role/", "orders-role"),
      MaxSessionDuration: 3600,
    });
    expect(role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role?.CreateDate).toBeInstanceOf(Date);
    expect(role?.CreateDate?.getTime()).toBeLessThan(NOW - 100 * 86_400_000);
    expect(role?.CreateDate?.getMilliseconds()).toBe(0);
    // The SDK hands the document over as IAM sends it: percent-encoded, not JSON.
    expect(role?.AssumeRolePolicyDocument).toMatch(RFC3986);
    expect(decodeDocument(role?.AssumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    });
    // Used by orders-api within IAM's four-hour tracking window.
    expect(role?.RoleLastUsed?.Region).toBe("us-east-1");
    const lastUsed = role?.RoleLastUsed?.LastUsedDate?.getTime() ?? 0;
    expect(lastUsed).toBeLessThanOrEqual(NOW);
    expect(lastUsed).toBeGreaterThan(NOW - 4 * 3_600_000);
  });

  it("keeps ids stable across calls and distinct across roles; answers from any region", async () => {
    const a = await iam.send(new GetRoleCommand({ RoleName: "orders-role" }));
    const eu = new IAMClient(sim.clientConfig("eu-west-1"));
    const b = await eu.send(new GetRoleCommand({ RoleName: "orders-role" }));
    eu.destroy();
    const admin = await iam.send(new GetRoleCommand({ RoleName: "admin-role" }));
    expect(b.Role?.RoleId).toBe(a.Role?.RoleId);
    expect(b.Role?.CreateDate).toEqual(a.Role?.CreateDate);
    expect(admin.Role?.RoleId).not.toBe(a.Role?.RoleId);
    expect(admin.Role?.Arn).toBe(roleArn("/", "admin-role"));
  });

  it("reports no last use for a role no function runs under", async () => {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "basic-role" }));
    expect(role?.RoleLastUsed?.LastUsedDate).toBeUndefined();
    expect(role?.RoleLastUsed?.Region).toBeUndefined();
  });

  it("fails with NoSuchEntity (404) and IAM's message for an unknown role", async () => {
    const err = await caught(iam.send(new GetRoleCommand({ RoleName: "no-such-role" })));
    // IAM models the NoSuchEntity code as NoSuchEntityException; the wire code stays on `Code`.
    expect(err.name).toBe("NoSuchEntityException");
    expect(err.Code).toBe("NoSuchEntity");
    expect(err.message).toBe("The role with name no-such-role cannot be found.");
    expect(statusOf(err)).toBe(404);
    expect(err.$fault).toBe("client");
  });

  it("rejects a role name IAM would not accept", async () => {
    const err = await caught(iam.send(new GetRoleCommand({ RoleName: "bad/name" })));
    expect(err.name).toBe("ValidationError");
    expect(err.message).toContain("at 'roleName' failed to satisfy constraint");
    expect(statusOf(err)).toBe(400);
  });
});

describe("ListAttachedRolePolicies", () => {
  it("lists AWS managed and customer managed policies with their ARNs", async () => {
    const out = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "orders-role" }));
    expect(out.AttachedPolicies).toEqual(ORDERS_ATTACHED);
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
  });

  it("returns an empty list for a role without attached policies", async () => {
    const out = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "basic-role" }));
    expect(out.AttachedPolicies).toEqual([]);
    expect(out.IsTruncated).toBe(false);
  });

  it("pages with MaxItems 1 and Marker, one policy a page", async () => {
    const seen: AttachedPolicy[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName: "orders-role", MaxItems: 1, Marker: marker }),
      );
      pages++;
      expect(out.AttachedPolicies).toHaveLength(1);
      seen.push(...(out.AttachedPolicies ?? []));
      expect(out.IsTruncated).toBe(pages < ORDERS_ATTACHED.length);
      marker = out.Marker;
      if (pages > 10) throw new Error("paging does not end");
    } while (marker);
    expect(pages).toBe(4);
    expect(seen).toEqual(ORDERS_ATTACHED);
  });

  it("pages through the SDK paginator", async () => {
    sim.resetCalls();
    const pages: string[][] = [];
    for await (const page of paginateListAttachedRolePolicies(
      { client: iam, pageSize: 1 },
      { RoleName: "orders-role" },
    ))
      pages.push((page.AttachedPolicies ?? []).map((p) => p.PolicyName ?? ""));
    expect(pages).toEqual(ORDERS_ATTACHED.map((p) => [p.PolicyName]));
    expect(sim.calls()["iam:ListAttachedRolePolicies"]?.calls).toBe(4);
  });

  it("filters by PathPrefix", async () => {
    const out = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "orders-role", PathPrefix: "/service-role/" }),
    );
    expect(out.AttachedPolicies?.map((p) => p.PolicyName)).toEqual([
      "AWSLambdaBasicExecutionRole",
      "AWSLambdaVPCAccessExecutionRole",
    ]);
  });

  it("rejects MaxItems 0 and a forged marker with ValidationError", async () => {
    const zero = await caught(
      iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "orders-role", MaxItems: 0 })),
    );
    expect(zero.name).toBe("ValidationError");
    expect(zero.message).toBe(
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    const forged = await caught(
      iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "orders-role", Marker: "bm90LWEtbWFya2Vy" })),
    );
    expect(forged.name).toBe("ValidationError");
    expect(statusOf(forged)).toBe(400);
  });

  it("fails with NoSuchEntity for an unknown role", async () => {
    const err = await caught(iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "ghost" })));
    expect(err.name).toBe("NoSuchEntityException");
    expect(err.message).toBe("The role with name ghost cannot be found.");
  });
});

describe("ListRolePolicies and GetRolePolicy", () => {
  it("lists inline policy names in order and pages them", async () => {
    const all = await iam.send(new ListRolePoliciesCommand({ RoleName: "orders-role" }));
    expect(all.PolicyNames).toEqual(["kms-decrypt", "s3-read"]);
    expect(all.IsTruncated).toBe(false);
    const pages: string[][] = [];
    for await (const page of paginateListRolePolicies(
      { client: iam, pageSize: 1 },
      { RoleName: "orders-role" },
    ))
      pages.push(page.PolicyNames ?? []);
    expect(pages).toEqual([["kms-decrypt"], ["s3-read"]]);
    const none = await iam.send(new ListRolePoliciesCommand({ RoleName: "admin-role" }));
    expect(none.PolicyNames).toEqual([]);
  });

  it("returns the inline document percent-encoded (RFC 3986), decoding to the scenario's document", async () => {
    const out = await iam.send(new GetRolePolicyCommand({ RoleName: "orders-role", PolicyName: "s3-read" }));
    expect(out.RoleName).toBe("orders-role");
    expect(out.PolicyName).toBe("s3-read");
    expect(out.PolicyDocument).toMatch(RFC3986);
    // RFC 3986 leaves only unreserved characters: no `*`, `'`, `(` or `)` as encodeURIComponent would.
    expect(out.PolicyDocument).toContain("%2A");
    expect(out.PolicyDocument).toContain("%27");
    expect(decodeDocument(out.PolicyDocument)).toEqual(S3_READ);
  });

  it("fails with IAM's messages for an unknown inline policy or role", async () => {
    const policy = await caught(
      iam.send(new GetRolePolicyCommand({ RoleName: "orders-role", PolicyName: "nope" })),
    );
    expect(policy.name).toBe("NoSuchEntityException");
    expect(policy.message).toBe("The role policy with name nope cannot be found.");
    expect(statusOf(policy)).toBe(404);
    const role = await caught(
      iam.send(new GetRolePolicyCommand({ RoleName: "ghost", PolicyName: "s3-read" })),
    );
    expect(role.message).toBe("The role with name ghost cannot be found.");
  });
});

describe("GetPolicy and GetPolicyVersion", () => {
  it("describes an AWS managed policy as published, with this account's attachment count", async () => {
    const arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    const { Policy: policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(policy).toEqual({
      PolicyName: "AWSLambdaBasicExecutionRole",
      PolicyId: "ANPAJNCQGXC42545SKXIK",
      Arn: arn,
      Path: "/service-role/",
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Description: "Provides write permissions to CloudWatch Logs.",
      CreateDate: new Date("2015-04-09T15:03:43Z"),
      UpdateDate: new Date("2015-04-09T15:03:43Z"),
    });
    const power = await iam.send(
      new GetPolicyCommand({ PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
    );
    expect(power.Policy?.AttachmentCount).toBe(0);
    expect(power.Policy?.DefaultVersionId).toBe("v12");
  });

  it.each(Object.values(MANAGED_POLICIES).map((p) => [p.name, p] as const))(
    "serves %s's default version, decoding to the published document",
    async (_name, managed) => {
      const { Policy: policy } = await iam.send(new GetPolicyCommand({ PolicyArn: managed.arn }));
      expect(policy?.DefaultVersionId).toBe(managed.defaultVersionId);
      expect(policy?.UpdateDate).toEqual(new Date(managed.updateDate));
      const { PolicyVersion: version } = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: managed.arn, VersionId: managed.defaultVersionId }),
      );
      expect(version?.VersionId).toBe(managed.defaultVersionId);
      expect(version?.IsDefaultVersion).toBe(true);
      expect(version?.CreateDate).toEqual(new Date(managed.updateDate));
      expect(version?.Document).toMatch(RFC3986);
      expect(decodeDocument(version?.Document)).toEqual(managed.document);
    },
  );

  it("describes a customer managed policy (version v1) and serves its document", async () => {
    const arn = customerArn("orders-table-access");
    const { Policy: policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(policy).toMatchObject({
      PolicyName: "orders-table-access",
      Arn: arn,
      Path: "/",
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      IsAttachable: true,
      Description: "Read and write the orders table",
    });
    expect(policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(policy?.CreateDate?.getTime()).toBeLessThan(NOW);
    expect(policy?.UpdateDate).toEqual(policy?.CreateDate);
    const { PolicyVersion: version } = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }),
    );
    expect(version?.IsDefaultVersion).toBe(true);
    expect(version?.CreateDate).toEqual(policy?.CreateDate);
    expect(decodeDocument(version?.Document)).toEqual(TABLE_ACCESS);

    const unused = await iam.send(new GetPolicyCommand({ PolicyArn: customerArn("unused-policy") }));
    expect(unused.Policy?.AttachmentCount).toBe(0);
    expect(unused.Policy?.Description).toBeUndefined();
    expect(unused.Policy?.PolicyId).not.toBe(policy?.PolicyId);
  });

  it("tells AWS managed from customer managed policies by ARN, as the console does", async () => {
    const { AttachedPolicies: attached = [] } = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "orders-role" }),
    );
    const kinds = await Promise.all(
      attached.map(async (a) => {
        const { Policy: p } = await iam.send(new GetPolicyCommand({ PolicyArn: a.PolicyArn }));
        return [p?.PolicyName, p?.Arn?.startsWith("arn:aws:iam::aws:policy/") ? "aws" : "customer"];
      }),
    );
    expect(kinds).toEqual([
      ["AWSLambdaBasicExecutionRole", "aws"],
      ["orders-table-access", "customer"],
      ["AWSLambdaVPCAccessExecutionRole", "aws"],
      ["AWSXRayDaemonWriteAccess", "aws"],
    ]);
  });

  it("fails with NoSuchEntity for unknown policies and versions, InvalidInput for a malformed ARN", async () => {
    const aws = await caught(
      iam.send(new GetPolicyCommand({ PolicyArn: "arn:aws:iam::aws:policy/NoSuchPolicy" })),
    );
    expect(aws.name).toBe("NoSuchEntityException");
    expect(aws.message).toBe("Policy arn:aws:iam::aws:policy/NoSuchPolicy was not found.");
    expect(statusOf(aws)).toBe(404);

    const other = await caught(
      iam.send(new GetPolicyCommand({ PolicyArn: "arn:aws:iam::999988887777:policy/orders-table-access" })),
    );
    expect(other.message).toBe("Policy arn:aws:iam::999988887777:policy/orders-table-access was not found.");

    const version = await caught(
      iam.send(
        new GetPolicyVersionCommand({ PolicyArn: customerArn("orders-table-access"), VersionId: "v2" }),
      ),
    );
    expect(version.name).toBe("NoSuchEntityException");
    expect(version.message).toBe(
      `Policy ${customerArn("orders-table-access")} version v2 does not exist or is not attachable.`,
    );

    const malformed = await caught(iam.send(new GetPolicyCommand({ PolicyArn: "not-an-arn-at-all" })));
    expect(malformed.name).toBe("InvalidInputException");
    expect(malformed.Code).toBe("InvalidInput");
    expect(statusOf(malformed)).toBe(400);
  });
});

describe("errors injected through the admin API", () => {
  it("denies iam:GetRolePolicy with AccessDenied (403) while GetRole still works", async () => {
    await putFaults({ accessDenied: ["iam:GetRolePolicy"] });
    const err = await caught(
      iam.send(new GetRolePolicyCommand({ RoleName: "orders-role", PolicyName: "s3-read" })),
    );
    expect(err.name).toBe("AccessDenied");
    expect(err.Code).toBe("AccessDenied");
    expect(err.message).toContain("is not authorized to perform: iam:GetRolePolicy");
    expect(statusOf(err)).toBe(403);
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "orders-role" }));
    expect(role?.RoleName).toBe("orders-role");
  });

  it("throttles with Throttling (400, Rate exceeded) and counts it", async () => {
    await putFaults({ operations: { "iam:*": { throttleRate: 1 } } });
    sim.resetCalls();
    const err = await caught(iam.send(new GetRoleCommand({ RoleName: "orders-role" })));
    expect(err.name).toBe("Throttling");
    expect(err.message).toBe("Rate exceeded");
    expect(statusOf(err)).toBe(400);
    expect(err.$fault).toBe("client");
    expect(sim.calls()["iam:GetRole"]).toMatchObject({ calls: 1, throttled: 1 });
  });

  it("fails with ServiceFailure (500), which the SDK models as ServiceFailureException", async () => {
    await putFaults({ operations: { "iam:GetPolicy": { errorRate: 1 } } });
    const err = await caught(
      iam.send(new GetPolicyCommand({ PolicyArn: customerArn("orders-table-access") })),
    );
    expect(err.name).toBe("ServiceFailureException");
    expect(err.Code).toBe("ServiceFailure");
    expect(statusOf(err)).toBe(500);
    expect(err.$fault).toBe("server");
  });
});

describe("wire format", () => {
  const signed = (region: string) => ({
    authorization: `AWS4-HMAC-SHA256 Credential=AKIASIMULATEDTEST000/20261120/${region}/iam/aws4_request, SignedHeaders=host, Signature=0`,
    "content-type": "application/x-www-form-urlencoded",
  });

  it("answers a form-encoded POST with IAM's XML envelope", async () => {
    const res = await fetch(`${sim.url}/`, {
      method: "POST",
      headers: signed("us-east-1"),
      body: "Action=ListRolePolicies&Version=2010-05-08&RoleName=orders-role",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    const body = await res.text();
    const requestId = res.headers.get("x-amzn-requestid");
    expect(requestId).toBeTruthy();
    expect(body).toContain(
      '<ListRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolePoliciesResult>' +
        "<PolicyNames><member>kms-decrypt</member><member>s3-read</member></PolicyNames>" +
        "<IsTruncated>false</IsTruncated></ListRolePoliciesResult>" +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></ListRolePoliciesResponse>`,
    );
  });

  it("writes errors as <ErrorResponse> with Type, Code, Message and RequestId", async () => {
    const res = await fetch(`${sim.url}/`, {
      method: "POST",
      headers: signed("eu-west-1"),
      body: "Action=GetRole&Version=2010-05-08&RoleName=a%26%3Cb%3E",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/xml");
    const body = await res.text();
    // The rejected name comes back in the message, XML-escaped.
    expect(body).toContain(
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>' +
        "<Code>ValidationError</Code><Message>1 validation error detected: Value &apos;a&amp;&lt;b&gt;&apos; at &apos;roleName&apos;",
    );
    const missing = await fetch(`${sim.url}/`, {
      method: "POST",
      headers: signed("us-east-1"),
      body: "Action=GetRole&Version=2010-05-08&RoleName=ghost",
    });
    const text = await missing.text();
    expect(text).toContain(
      "<Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name ghost cannot be found.</Message></Error>",
    );
    expect(text).toContain(
      `<RequestId>${missing.headers.get("x-amzn-requestid")}</RequestId></ErrorResponse>`,
    );
  });

  it("does not claim operations it does not implement", async () => {
    const err = await caught(iam.send(new ListRolesCommand({})));
    expect(statusOf(err)).toBe(404);
    expect(err.name).toBe("UnknownOperationException");
  });
});
