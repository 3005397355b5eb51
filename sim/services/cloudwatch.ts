// PLACEHOLDER until the cloudwatch service is written.
import { AwsError, type SimService } from "../types";

export const cloudwatchService: SimService = {
  signingNames: ["monitoring"],
  actionPrefix: "cloudwatch",
  operationOf: () => undefined,
  handle: () => {
    throw new AwsError("UnknownOperationException", "not implemented", 404);
  },
  errorResponse: (err) => ({ status: err.status, body: JSON.stringify({ message: err.message }) }),
};
