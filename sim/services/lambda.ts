// PLACEHOLDER until the lambda service is written.
import { AwsError, type SimService } from "../types";

export const lambdaService: SimService = {
  signingNames: ["lambda"],
  actionPrefix: "lambda",
  operationOf: () => undefined,
  handle: () => {
    throw new AwsError("UnknownOperationException", "not implemented", 404);
  },
  errorResponse: (err) => ({ status: err.status, body: JSON.stringify({ message: err.message }) }),
};
