// PLACEHOLDER until the logs service is written.
import { AwsError, type SimService } from "../types";

export const logsService: SimService = {
  signingNames: ["logs"],
  actionPrefix: "logs",
  operationOf: () => undefined,
  handle: () => {
    throw new AwsError("UnknownOperationException", "not implemented", 404);
  },
  errorResponse: (err) => ({ status: err.status, body: JSON.stringify({ message: err.message }) }),
};
