import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { baseScenario, startTestSim, type TestSim } from "../testing";

/**
 * STS GetCallerIdentity through the official SDK client: the account and caller of the scenario,
 * the wire format, and injected errors with the names and statuses the SDK sees.
 */

const NOW = Date.parse("2026-11-20T12:00:00Z");
const ACCOUNT = "111122223333";

let sim: TestSim;
let sts: STSClient;

beforeAll(async () => {
  sim = await startTestSim(baseScenario(), { now: NOW, rateLimits: false });
  sts = new STSClient(sim.clientConfig("us-east-1"));
});

afterAll(async () => {
  sts.destroy();
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
  return (err.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
}

async function putFaults(faults: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

describe("GetCallerIdentity", () => {
  it("reports the scenario's account and the default HeadroomReadOnly session", async () => {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe(ACCOUNT);
    expect(out.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/HeadroomReadOnly/headroom`);
    expect(out.UserId).toMatch(/^AROA[A-Z2-7]{17}:headroom$/);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers the same from any region", async () => {
    const eu = new STSClient(sim.clientConfig("eu-west-1"));
    const a = await sts.send(new GetCallerIdentityCommand({}));
    const b = await eu.send(new GetCallerIdentityCommand({}));
    eu.destroy();
    expect(b.UserId).toBe(a.UserId);
    expect(b.Arn).toBe(a.Arn);
  });

  it("reports the scenario's callerArn; an assumed role's UserId starts with the role's IAM RoleId", async () => {
    const custom = await startTestSim(
      baseScenario({
        accountId: "444455556666",
        callerArn: "arn:aws:sts::444455556666:assumed-role/basic-role/alice@example.com",
        roles: [{ name: "basic-role", path: "/", attachedPolicies: [] }],
      }),
      { now: NOW, rateLimits: false },
    );
    const client = new STSClient(custom.clientConfig());
    const iam = new IAMClient(custom.clientConfig());
    try {
      const out = await client.send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe("444455556666");
      expect(out.Arn).toBe("arn:aws:sts::444455556666:assumed-role/basic-role/alice@example.com");
      const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "basic-role" }));
      expect(out.UserId).toBe(`${role?.RoleId}:alice@example.com`);
    } finally {
      client.destroy();
      iam.destroy();
      await custom.close();
    }
  });

  it("gives an IAM user an AIDA id and the root user the account id", async () => {
    for (const [callerArn, userId] of [
      ["arn:aws:iam::111122223333:user/ops/bob", /^AIDA[A-Z2-7]{17}$/],
      ["arn:aws:iam::111122223333:root", /^111122223333$/],
    ] as const) {
      const custom = await startTestSim(baseScenario({ callerArn }), { now: NOW, rateLimits: false });
      const client = new STSClient(custom.clientConfig());
      try {
        const out = await client.send(new GetCallerIdentityCommand({}));
        expect(out.Arn).toBe(callerArn);
        expect(out.UserId).toMatch(userId);
      } finally {
        client.destroy();
        await custom.close();
      }
    }
  });
});

describe("errors", () => {
  it("denies sts:GetCallerIdentity with AccessDenied (403)", async () => {
    await putFaults({ accessDenied: ["sts:GetCallerIdentity"] });
    const err = await caught(sts.send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe("AccessDenied");
    expect(err.message).toContain("is not authorized to perform: sts:GetCallerIdentity");
    expect(statusOf(err)).toBe(403);
  });

  it("throttles with Throttling (400, Rate exceeded)", async () => {
    await putFaults({ operations: { "sts:*": { throttleRate: 1 } } });
    const err = await caught(sts.send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe("Throttling");
    expect(err.message).toBe("Rate exceeded");
    expect(statusOf(err)).toBe(400);
  });

  it("does not claim operations it does not implement", async () => {
    const err = await caught(sts.send(new GetSessionTokenCommand({})));
    expect(statusOf(err)).toBe(404);
  });
});

describe("wire format", () => {
  it("answers in STS's XML namespace, with an error envelope in the same namespace", async () => {
    const headers = {
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIASIMULATEDTEST000/20261120/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0",
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    };
    const res = await fetch(`${sim.url}/`, {
      method: "POST",
      headers,
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    const body = await res.text();
    expect(body).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><UserId>AROA[A-Z2-7]{17}:headroom<\/UserId><Account>111122223333<\/Account><Arn>arn:aws:sts::111122223333:assumed-role\/HeadroomReadOnly\/headroom<\/Arn><\/GetCallerIdentityResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/GetCallerIdentityResponse>\n$/,
    );

    await putFaults({ operations: { "sts:GetCallerIdentity": { throttleRate: 1 } } });
    const err = await fetch(`${sim.url}/`, {
      method: "POST",
      headers,
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(err.status).toBe(400);
    expect(await err.text()).toContain(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>',
    );
  });
});
