import "server-only";
import { isBranded } from "@/lib/brand";

/**
 * What a failed AWS call leaves behind: where it happened and the raw facts (SDK error name,
 * HTTP status, request id, message). lib/server/errors.ts maps these to the API's error codes
 * and plain messages in one place; the raw message is only ever logged.
 */

export type AwsService = "lambda" | "cloudwatch" | "logs" | "iam" | "sts" | "tag";

export interface CallContext {
  service: AwsService;
  /** The API operation, as in the IAM action: GetRolePolicy, GetMetricData. */
  operation: string;
  /** Our configured account id (not the 12-digit one). */
  account: string;
  /** The region called; IAM is global and reports the account's first region. */
  region: string;
  /** What the call was about, in words for messages: "role payments-api", "function orders-api". */
  resource?: string;
}

const AWS_CALL_ERROR = Symbol.for("headroom.AwsCallError");

export class AwsCallError extends Error {
  override name = "AwsCallError";
  readonly [AWS_CALL_ERROR] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, AwsCallError, AWS_CALL_ERROR, value);
  }

  constructor(
    readonly context: CallContext,
    /** The SDK's error name (ThrottlingException, AccessDenied...) or the Node error code (ECONNRESET). */
    readonly errorName: string,
    /** AWS's or Node's message: server logs only. */
    readonly rawMessage: string,
    readonly httpStatus: number | undefined,
    readonly awsRequestId: string | undefined,
  ) {
    super(`${context.service}:${context.operation} (${context.region}) failed with ${errorName}`);
  }

  /** The IAM action of the call: "iam:GetRolePolicy". */
  get action(): string {
    return `${this.context.service}:${this.context.operation}`;
  }
}

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  cause?: unknown;
}

/** Wraps anything an SDK call threw. Node socket errors carry their code (ECONNRESET) as the name. */
export function toCallError(err: unknown, context: CallContext): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkErrorLike;
  const code = typeof e.code === "string" && /^E[A-Z]+$/.test(e.code) ? e.code : undefined;
  const name = code ?? (typeof e.name === "string" && e.name !== "Error" ? e.name : "UnknownError");
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === "string" ? e.$metadata.requestId : undefined;
  const message = typeof e.message === "string" ? e.message : String(err);
  return new AwsCallError(context, name, message, status, requestId);
}

/** Runs one SDK call and wraps its failure with the call's context. */
export async function call<T>(context: CallContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toCallError(err, context);
  }
}

export function isNotFound(err: unknown): boolean {
  return (
    err instanceof AwsCallError &&
    (err.errorName === "ResourceNotFoundException" ||
      err.errorName === "NoSuchEntity" ||
      err.errorName === "NoSuchEntityException")
  );
}
