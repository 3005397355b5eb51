import { describe, expect, it } from "vitest";
import { AwsCallError, toCallError, type CallContext } from "@/lib/aws/errors";
import { AppError, mapAwsError, STATUS_BY_CODE, toAppError, withDataAsOf } from "./errors";

process.env.LOG_LEVEL = "silent";

const at = (over: Partial<CallContext> = {}): CallContext => ({
  service: "lambda",
  operation: "ListFunctions",
  account: "default",
  region: "eu-west-1",
  ...over,
});

const err = (
  name: string,
  ctx: CallContext = at(),
  status?: number,
  message = "raw AWS text: User arn:aws:sts::1:assumed-role/x is not authorized",
) => new AwsCallError(ctx, name, message, status, "req-123");

describe("mapAwsError", () => {
  it.each([
    ["ThrottlingException", "logs", "throttled by CloudWatch Logs"],
    ["Throttling", "cloudwatch", "throttled by CloudWatch"],
    ["TooManyRequestsException", "lambda", "throttled by Lambda"],
    ["LimitExceededException", "logs", "throttled by CloudWatch Logs"],
  ] as const)("%s from %s is throttled", (name, service, message) => {
    const e = mapAwsError(err(name, at({ service })));
    expect(e.code).toBe("throttled");
    expect(e.publicMessage).toBe(message);
    expect(STATUS_BY_CODE[e.code]).toBe(429);
  });

  it("any HTTP 429 is throttling", () => {
    expect(mapAwsError(err("SomethingNew", at(), 429)).code).toBe("throttled");
  });

  it.each(["AccessDenied", "AccessDeniedException"])(
    "%s names the missing action and the resource",
    (name) => {
      const e = mapAwsError(
        err(name, at({ service: "iam", operation: "GetRolePolicy", resource: "role payments-api" })),
      );
      expect(e.code).toBe("access_denied");
      expect(e.publicMessage).toBe("missing permission iam:GetRolePolicy on role payments-api");
    },
  );

  it.each(["ResourceNotFoundException", "NoSuchEntity"])("%s is not_found", (name) => {
    const e = mapAwsError(err(name, at({ resource: "function orders" })));
    expect(e.code).toBe("not_found");
    expect(e.publicMessage).toBe("function orders was not found");
  });

  it.each(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "TimeoutError", "ENOTFOUND"])(
    "%s means the region did not answer",
    (name) => {
      const e = mapAwsError(err(name));
      expect(e.code).toBe("region_unavailable");
      expect(e.publicMessage).toBe("region eu-west-1 did not answer");
      expect(STATUS_BY_CODE[e.code]).toBe(503);
    },
  );

  it("a dropped connection (socket hang up) means the region did not answer", () => {
    const wrapped = toCallError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), at());
    expect(wrapped.errorName).toBe("ECONNRESET");
    expect(mapAwsError(wrapped).code).toBe("region_unavailable");
  });

  it("IAM is global: an IAM outage does not blame a region", () => {
    expect(mapAwsError(err("ECONNRESET", at({ service: "iam" }))).publicMessage).toBe("IAM did not answer");
  });

  it("expired or missing credentials are access problems of the account", () => {
    expect(mapAwsError(err("ExpiredTokenException")).publicMessage).toBe(
      "AWS rejected the credentials of account default (expired or invalid)",
    );
    expect(mapAwsError(err("CredentialsProviderError")).publicMessage).toBe(
      "no AWS credentials found for account default",
    );
  });

  it("5xx and unknown errors are aws_error without AWS's text", () => {
    const e = mapAwsError(err("ServiceException", at(), 500));
    expect(e.code).toBe("aws_error");
    expect(e.publicMessage).not.toContain("raw AWS text");
  });

  it("reads name, status and request id from SDK errors", () => {
    const sdk = Object.assign(new Error("Rate exceeded"), {
      name: "ThrottlingException",
      $metadata: { httpStatusCode: 400, requestId: "abc" },
    });
    const wrapped = toCallError(sdk, at());
    expect(wrapped).toMatchObject({
      errorName: "ThrottlingException",
      httpStatus: 400,
      awsRequestId: "abc",
      rawMessage: "Rate exceeded",
    });
  });
});

describe("toAppError", () => {
  it("keeps typed errors", () => {
    const e = new AppError("not_found", "no such thing");
    expect(toAppError(e)).toBe(e);
  });

  it("turns unknown errors into a generic 500 without their text", () => {
    const e = toAppError(new TypeError("cannot read properties of undefined (secret internals)"));
    expect(e.code).toBe("internal_error");
    expect(e.publicMessage).not.toContain("secret");
  });

  it("words a failed refresh with the time of the data shown", () => {
    const e = mapAwsError(err("Throttling", at({ service: "cloudwatch" })));
    expect(withDataAsOf(e, Date.UTC(2026, 10, 22, 10, 42, 13))).toEqual({
      code: "throttled",
      message: "throttled by CloudWatch, showing data as of 10:42 UTC",
    });
  });
});
