import "server-only";
import { AwsCallError, type AwsService } from "@/lib/aws/errors";
import type { ErrorCode, SectionError } from "@/lib/schemas/common";
import { log } from "./log";
import { isBranded } from "@/lib/brand";

/**
 * Typed errors and the one mapping from AWS errors to the API's codes and plain messages.
 * Raw AWS/SDK text is logged here (with the API request id) and never put in a message.
 */

const APP_ERROR = Symbol.for("headroom.AppError");

export class AppError extends Error {
  override name = "AppError";
  readonly [APP_ERROR] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, AppError, APP_ERROR, value);
  }

  constructor(
    readonly code: ErrorCode,
    /** Safe to show: plain words, no AWS text. */
    readonly publicMessage: string,
    options?: { cause?: unknown },
  ) {
    super(publicMessage, options);
  }

  toSectionError(): SectionError {
    return { code: this.code, message: this.publicMessage };
  }
}

/** A request parameter is wrong; the message starts with the field's name. */
export class BadRequestError extends AppError {
  override name = "BadRequestError";

  constructor(
    readonly field: string,
    message: string,
  ) {
    super("bad_request", `${field}: ${message}`);
  }
}

export class NotFoundError extends AppError {
  override name = "NotFoundError";

  constructor(message: string) {
    super("not_found", message);
  }
}

/** HTTP status per error code: the only table of it. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  access_denied: 403,
  throttled: 429,
  region_unavailable: 503,
  timeout: 504,
  aws_error: 502,
  internal_error: 500,
};

const SERVICE_LABEL: Readonly<Record<AwsService, string>> = {
  lambda: "Lambda",
  cloudwatch: "CloudWatch",
  logs: "CloudWatch Logs",
  iam: "IAM",
  sts: "STS",
  tag: "Resource Groups Tagging API",
};

/** Error names AWS and the SDK use for throttling (facts sheet 2e; smithy's throttling list). */
const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "ThrottledException",
  "RequestThrottledException",
  "RequestThrottled",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "SlowDown",
  "ProvisionedThroughputExceededException",
  // Logs Insights: "Account maximum query concurrency limit of [N] reached."
  "LimitExceededException",
]);

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
  "NotAuthorized",
  "UnauthorizedException",
]);

const BAD_CREDENTIALS = new Set([
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "CredentialsProviderError",
]);

const NOT_FOUND = new Set(["ResourceNotFoundException", "NoSuchEntity", "NoSuchEntityException"]);

/** Node socket errors and SDK timeouts: the endpoint did not answer. */
const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "NetworkingError",
]);

function hhmm(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** Maps an AWS call's failure to our code and plain message. */
export function mapAwsError(err: AwsCallError): AppError {
  const { service, region, resource, account } = err.context;
  const label = SERVICE_LABEL[service];
  const where = service === "iam" ? "IAM" : `${label} in ${region}`;
  const name = err.errorName;
  if (THROTTLING.has(name) || err.httpStatus === 429)
    return new AppError("throttled", `throttled by ${label}`, { cause: err });
  if (ACCESS_DENIED.has(name))
    return new AppError(
      "access_denied",
      `missing permission ${err.action}${resource ? ` on ${resource}` : ""}`,
      { cause: err },
    );
  if (BAD_CREDENTIALS.has(name))
    return new AppError(
      "access_denied",
      name === "CredentialsProviderError"
        ? `no AWS credentials found for account ${account}`
        : `AWS rejected the credentials of account ${account} (expired or invalid)`,
      { cause: err },
    );
  if (NOT_FOUND.has(name))
    return new AppError("not_found", `${resource ?? "the resource"} was not found`, { cause: err });
  if (NETWORK.has(name) || /socket hang up/i.test(err.rawMessage))
    return new AppError(
      "region_unavailable",
      service === "iam" ? "IAM did not answer" : `region ${region} did not answer`,
      { cause: err },
    );
  if ((err.httpStatus ?? 0) >= 500)
    return new AppError("aws_error", `${where} failed to answer ${err.action}; try again shortly`, {
      cause: err,
    });
  return new AppError("aws_error", `${where} refused ${err.action}`, { cause: err });
}

const logged = new WeakSet<object>();

/** Logs a failure once, with the raw AWS text and request ids. */
function logOnce(err: unknown, level: "warn" | "error"): void {
  if (typeof err !== "object" || err === null || logged.has(err)) return;
  logged.add(err);
  if (err instanceof AwsCallError) {
    log()[level](
      {
        aws: {
          ...err.context,
          action: err.action,
          errorName: err.errorName,
          httpStatus: err.httpStatus,
          awsRequestId: err.awsRequestId,
          message: err.rawMessage,
        },
      },
      "AWS call failed",
    );
  } else {
    log()[level]({ err }, "request failed");
  }
}

/** Anything thrown below the API, as an AppError. Unknown errors become a generic 500 and are logged. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) {
    if (err.cause) logOnce(err.cause, err.code === "aws_error" ? "error" : "warn");
    return err;
  }
  if (err instanceof AwsCallError) {
    const mapped = mapAwsError(err);
    logOnce(err, mapped.code === "aws_error" ? "error" : "warn");
    return mapped;
  }
  logOnce(err, "error");
  return new AppError("internal_error", "something went wrong on the server; it has been logged", {
    cause: err,
  });
}

/** "throttled by CloudWatch, showing data as of 10:42 UTC": an error that still has older data to show. */
export function withDataAsOf(err: AppError, asOfMs: number): SectionError {
  return { code: err.code, message: `${err.publicMessage}, showing data as of ${hhmm(asOfMs)}` };
}
