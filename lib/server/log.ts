import "server-only";
import pino, { type Logger } from "pino";
import { serverEnv } from "@/lib/env";
import { currentRequestId } from "./request-context";

/**
 * The server's structured log (JSON lines on stdout). Raw AWS error text goes here, with the
 * request id of the API call that caused it, and never into a response.
 */

let base: Logger | undefined;

function root(): Logger {
  base ??= pino({ level: serverEnv().LOG_LEVEL, base: { app: "headroom" } });
  return base;
}

/** A logger bound to the current API request, when there is one. */
export function log(): Logger {
  const requestId = currentRequestId();
  return requestId ? root().child({ requestId }) : root();
}

export function resetLogForTests(): void {
  base = undefined;
}
