import { queryErrorResponse, queryOperationOf, queryResponse, STS_XMLNS } from "../protocol/query";
import type { Scenario } from "../scenario/schema";
import { AwsError, type SimService } from "../types";
import { iamUniqueId } from "./iam";

/**
 * STS over awsQuery (API version 2011-06-15): GetCallerIdentity, which the console calls to learn
 * which account and principal its credentials belong to. The caller is the scenario's `callerArn`,
 * or an assumed role `HeadroomReadOnly` with session `headroom`.
 */

const OPERATIONS: ReadonlySet<string> = new Set(["GetCallerIdentity"]);

export function callerArnOf(scenario: Scenario): string {
  return scenario.callerArn ?? `arn:aws:sts::${scenario.accountId}:assumed-role/HeadroomReadOnly/headroom`;
}

/**
 * The UserId STS reports for a principal ARN: `<role id>:<session>` for an assumed role (the role
 * id is the one IAM's GetRole gives the role), the user id for an IAM user, the account id for
 * the root user, `<account>:<name>` for a federated user.
 */
export function userIdOf(arn: string, accountId: string): string {
  const assumed = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (assumed) {
    const [, account = accountId, role = "", session = ""] = assumed;
    return `${iamUniqueId("AROA", `${account}/role/${role}`)}:${session}`;
  }
  const root = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(arn);
  if (root) return root[1] ?? accountId;
  const federated = /^arn:aws[a-z-]*:sts::(\d{12}):federated-user\/(.+)$/.exec(arn);
  if (federated) return `${federated[1] ?? accountId}:${federated[2] ?? ""}`;
  const user = /^arn:aws[a-z-]*:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (user) return iamUniqueId("AIDA", `${user[1] ?? accountId}/user/${user[2] ?? ""}`);
  return iamUniqueId("AIDA", arn);
}

export const stsService: SimService = {
  signingNames: ["sts"],
  actionPrefix: "sts",
  operationOf: (req) => queryOperationOf(req, OPERATIONS),
  handle(_req, operation, ctx) {
    if (operation !== "GetCallerIdentity")
      throw new AwsError("InvalidAction", `Could not find operation ${operation} for version 2011-06-15`);
    const arn = callerArnOf(ctx.scenario);
    return queryResponse(
      operation,
      { UserId: userIdOf(arn, ctx.scenario.accountId), Account: ctx.scenario.accountId, Arn: arn },
      { xmlns: STS_XMLNS },
    );
  },
  errorResponse: (err) => queryErrorResponse(err, { xmlns: STS_XMLNS }),
};
