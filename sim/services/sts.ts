// PLACEHOLDER until the sts service is written.
import { AwsError, type SimService } from "../types";

export const stsService: SimService = {
  signingNames: ["sts"],
  actionPrefix: "sts",
  operationOf: () => undefined,
  handle: () => {
    throw new AwsError("UnknownOperationException", "not implemented", 404);
  },
  errorResponse: (err) => ({ status: err.status, body: JSON.stringify({ message: err.message }) }),
};
