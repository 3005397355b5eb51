import "server-only";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { stsClient, type AwsScope } from "./clients";
import { call } from "./errors";

/** The 12-digit account id and the caller's ARN behind a configured account's credentials. */
export async function getCallerIdentity(scope: AwsScope): Promise<{ accountId: string; arn: string }> {
  const res = await call(
    {
      service: "sts",
      operation: "GetCallerIdentity",
      account: scope.account.id,
      region: scope.region,
      resource: `account ${scope.account.id}`,
    },
    () => stsClient(scope).send(new GetCallerIdentityCommand({})),
  );
  return { accountId: res.Account ?? "", arn: res.Arn ?? "" };
}
