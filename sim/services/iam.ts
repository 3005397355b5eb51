// PLACEHOLDER until the iam service is written.
import { AwsError, type SimService } from "../types";

export const iamService: SimService = {
  signingNames: ["iam"],
  actionPrefix: "iam",
  operationOf: () => undefined,
  handle: () => {
    throw new AwsError("UnknownOperationException", "not implemented", 404);
  },
  errorResponse: (err) => ({ status: err.status, body: JSON.stringify({ message: err.message }) }),
};
