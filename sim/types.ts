import type { IncomingHttpHeaders } from "node:http";
import type { Scenario } from "./scenario/schema";
import type { WorkloadModel } from "./model/workload";
import type { LogSource } from "./model/logs";
import type { FaultState } from "./faults";

/** One decoded HTTP request, with the region and service read from its SigV4 credential scope. */
export interface SimRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Region from the credential scope (`Credential=AKID/20250101/<region>/<service>/aws4_request`). */
  region: string;
  /** Signing name from the credential scope: lambda, monitoring, logs, iam, sts, tagging. */
  service: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What every service handler can read. The scenario is immutable; the clock moves. */
export interface SimContext {
  scenario: Scenario;
  model: WorkloadModel;
  logs: LogSource;
  faults: FaultState;
  /** Epoch milliseconds "now" as the simulated account sees it. */
  now(): number;
}

/**
 * An AWS error as a service returns it. Each protocol serializer turns it into its own wire form
 * (restJson1 header + body, awsJson `__type`, awsQuery `<ErrorResponse>`).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
    /** "Sender" for client faults, "Receiver" for server faults (awsQuery and query-compatible CloudWatch). */
    readonly faultType: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
  ) {
    super(message);
    this.name = code;
  }
}

/** A service: decodes the operation name from the request, then runs it. */
export interface SimService {
  /** Signing name(s) this service answers to (credential scope): lambda, monitoring, logs, iam, sts, tagging. */
  readonly signingNames: readonly string[];
  /** IAM action prefix of its operations: lambda, cloudwatch, logs, iam, sts, tag. */
  readonly actionPrefix: string;
  /** The operation name as in the AWS API (`ListFunctions`), or undefined when the request matches none. */
  operationOf(req: SimRequest): string | undefined;
  /** Runs the operation; throws AwsError for modelled failures. */
  handle(req: SimRequest, operation: string, ctx: SimContext): Promise<SimResponse> | SimResponse;
  /** Serializes an AwsError in this service's protocol. */
  errorResponse(err: AwsError, req: SimRequest): SimResponse;
}
