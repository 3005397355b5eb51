import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoScenario, resetConsoleForTests, startHarness, type Harness } from "../testing/harness";
import { getRolePolicies } from "./role-policies";

/** Execution-role policies against the sim's IAM (demo scenario). */

let h: Harness;
beforeAll(async () => {
  h = await startHarness(demoScenario());
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  resetConsoleForTests();
  await h.resetCalls();
});

const role = (name: string, path = "service-role/") => `arn:aws:iam::123456789012:role/${path}${name}`;

describe("getRolePolicies", () => {
  it("reads attached (default version) and inline policies, decoded", async () => {
    const result = await getRolePolicies("default", [role("payments-api"), role("deployer")]);
    const payments = result[role("payments-api")];
    expect(payments?.status).toBe("ok");
    if (payments?.status !== "ok") return;
    expect(payments.data.attached.map((p) => p.name).sort()).toEqual([
      "AWSLambdaBasicExecutionRole",
      "AWSXRayDaemonWriteAccess",
    ]);
    expect(
      payments.data.attached.every((p) => p.awsManaged && p.document !== null && p.defaultVersionId),
    ).toBe(true);
    const inline = payments.data.inline.find((p) => p.name === "payments-data");
    expect(inline?.document?.Statement.map((s) => s.Sid)).toEqual(["LedgerTable", "Queues"]);
    const deployer = result[role("deployer")];
    expect(deployer?.status).toBe("ok");
    if (deployer?.status !== "ok") return;
    const custom = deployer.data.attached.find((p) => p.name === "headroom-demo-deployer");
    expect(custom?.awsManaged).toBe(false);
    expect(custom?.document?.Statement.map((s) => s.Sid)).toEqual([
      "PassAnyRole",
      "ManageFunctions",
      "PolicyAdmin",
    ]);
  });

  it("reads each role once however many functions share it, and each managed policy once", async () => {
    const arns = [
      ...Array(120).fill(role("basic-execution")),
      ...Array(60).fill(role("payments-api")),
      role("s3-full"),
    ];
    const result = await getRolePolicies("default", arns);
    expect(Object.keys(result).sort()).toEqual(
      [role("basic-execution"), role("payments-api"), role("s3-full")].sort(),
    );
    const calls = await h.calls();
    expect(calls["iam:ListAttachedRolePolicies"]).toBe(3);
    expect(calls["iam:ListRolePolicies"]).toBe(3);
    expect(calls["iam:GetRolePolicy"]).toBe(1); // payments-data only
    // AWSLambdaBasicExecutionRole (all three roles), AWSXRayDaemonWriteAccess, AmazonS3FullAccess.
    expect(calls["iam:GetPolicy"]).toBe(3);
    expect(calls["iam:GetPolicyVersion"]).toBe(3);
  });

  it("a denied iam:GetRolePolicy degrades only the roles that have inline policies, naming action and role", async () => {
    await h.setFaults({ accessDenied: ["iam:GetRolePolicy"] });
    const result = await getRolePolicies("default", [
      role("payments-api"),
      role("basic-execution"),
      role("legacy-admin", ""),
    ]);
    const payments = result[role("payments-api")];
    expect(payments?.status).toBe("error");
    if (payments?.status !== "error") return;
    expect(payments.error).toEqual({
      code: "access_denied",
      message: "missing permission iam:GetRolePolicy on role payments-api",
    });
    // What could be read is still there.
    expect(payments.data?.attached.length).toBe(2);
    expect(payments.data?.inline[0]?.document).toBeNull();
    expect(result[role("basic-execution")]?.status).toBe("ok");
    expect(result[role("legacy-admin", "")]?.status).toBe("ok");
    expect(JSON.stringify(result)).not.toContain("is not authorized to perform");
  });

  it("an unknown role is an error of that role only", async () => {
    const result = await getRolePolicies("default", [role("nope"), role("basic-execution")]);
    expect(result[role("nope")]).toMatchObject({ status: "error", error: { code: "not_found" } });
    expect(result[role("basic-execution")]?.status).toBe("ok");
  });
});
