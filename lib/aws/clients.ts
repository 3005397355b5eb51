import "server-only";
import { processState } from "@/lib/process-state";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AccountConfig } from "@/lib/config";
import type { AwsService } from "./errors";
import { bucketOf, limiterFor, resetRateLimitersForTests } from "./rate-limit";

/**
 * The one place AWS clients are built: one client per service, per region, per credential set
 * (configured account). Credentials come from the standard chain (env, profiles incl. SSO,
 * container and instance roles), optionally from a profile, optionally through an assumed role.
 * The endpoint is never set here: the SDK reads AWS_ENDPOINT_URL itself, which is how the
 * simulated account is reached; everything else is identical against real AWS.
 */

/** Where a call goes: a configured account and one of its regions. */
export interface AwsScope {
  account: AccountConfig;
  region: string;
}

/** Adaptive retries (client-side rate adaptation on throttling) with a bounded number of attempts. */
const RETRY = { retryMode: "adaptive", maxAttempts: 5 } as const;
/**
 * Explicit timeouts (NodeHttpHandler options): a region that does not answer fails in seconds, not
 * minutes. `throwOnRequestTimeout` makes the request timeout an error (without it the handler
 * only logs a warning); the SDK retries it like any transient failure.
 */
const HTTP = { connectionTimeout: 3_000, requestTimeout: 20_000, throwOnRequestTimeout: true } as const;

type Credentials = ReturnType<typeof fromNodeProviderChain>;

const credentialsByAccount = processState("aws.credentials", () => new Map<string, Credentials>());

/** One credential provider per account, shared by all its clients; refreshed 5 minutes before expiry. */
function credentialsFor(account: AccountConfig): Credentials {
  let provider = credentialsByAccount.get(account.id);
  if (provider) return provider;
  const base = fromNodeProviderChain(account.profile ? { profile: account.profile } : {});
  const raw: Credentials = account.roleArn
    ? fromTemporaryCredentials({
        masterCredentials: base,
        params: {
          RoleArn: account.roleArn,
          RoleSessionName: "headroom",
          DurationSeconds: 3600,
          ...(account.externalId ? { ExternalId: account.externalId } : {}),
        },
        clientConfig: { region: account.regions[0] },
      })
    : base;
  let current: ReturnType<Credentials> | undefined;
  let expiresAt = 0;
  provider = async () => {
    if (!current || Date.now() > expiresAt) {
      current = raw();
      const settled = current;
      try {
        const creds = await settled;
        expiresAt = creds.expiration ? creds.expiration.getTime() - 5 * 60_000 : Number.POSITIVE_INFINITY;
      } catch (err) {
        if (current === settled) current = undefined;
        throw err;
      }
    }
    return current;
  };
  credentialsByAccount.set(account.id, provider);
  return provider;
}

interface Destroyable {
  destroy(): void;
}

/**
 * Clients by service, account and region. Kept process-wide, but each bundle of the build (route
 * handlers, pages) has its own copy of the SDK classes, and the SDK's paginators refuse a client
 * built from another copy ("Invalid client, expected instance of …"): a key holds one client per
 * class, and a caller gets the one built from its own.
 */
const clients = processState("aws.clients", () => new Map<string, Destroyable[]>());

interface MiddlewareHost {
  middlewareStack: {
    add(
      mw: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: "deserialize"; name: string; priority: "high" },
    ): void;
  };
}

/** Every attempt (retries included) waits for its rate bucket: the limiter sits inside the retry loop. */
function addRateLimit(client: MiddlewareHost, service: AwsService, account: string, region: string): void {
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? "").replace(/Command$/, "");
      return limiterFor(account, region, bucketOf(service, operation)).run(() => next(args));
    },
    { step: "deserialize", name: "headroomRateLimit", priority: "high" },
  );
}

function cached<C extends Destroyable>(
  service: AwsService,
  scope: AwsScope,
  region: string,
  Client: new (config: ReturnType<typeof options>) => C,
): C {
  const key = `${service}|${scope.account.id}|${region}`;
  const built = clients.get(key) ?? [];
  const existing = built.find((c): c is C => c instanceof Client);
  if (existing) return existing;
  const client = new Client(options(scope, region));
  addRateLimit(
    client as unknown as MiddlewareHost,
    service,
    scope.account.id,
    service === "iam" ? "global" : region,
  );
  clients.set(key, [...built, client]);
  return client;
}

function options(scope: AwsScope, region: string) {
  return { region, credentials: credentialsFor(scope.account), ...RETRY, requestHandler: HTTP };
}

export function lambdaClient(scope: AwsScope): LambdaClient {
  return cached("lambda", scope, scope.region, LambdaClient);
}

export function cloudWatchClient(scope: AwsScope): CloudWatchClient {
  return cached("cloudwatch", scope, scope.region, CloudWatchClient);
}

export function logsClient(scope: AwsScope): CloudWatchLogsClient {
  return cached("logs", scope, scope.region, CloudWatchLogsClient);
}

/**
 * IAM is global. The client is built for the account's first region: the SDK's endpoint rules
 * send any region of a partition to that partition's IAM endpoint.
 */
export function iamClient(account: AccountConfig): IAMClient {
  const region = account.regions[0] ?? "us-east-1";
  return cached("iam", { account, region }, region, IAMClient);
}

export function stsClient(scope: AwsScope): STSClient {
  return cached("sts", scope, scope.region, STSClient);
}

/** The Resource Groups Tagging API is regional: it answers for the resources of its own region. */
export function taggingClient(scope: AwsScope): ResourceGroupsTaggingAPIClient {
  return cached("tag", scope, scope.region, ResourceGroupsTaggingAPIClient);
}

/** Drops every client, credential provider and rate bucket (tests start each case from scratch). */
export function resetAwsClientsForTests(): void {
  for (const c of clients.values()) for (const client of c) client.destroy();
  clients.clear();
  credentialsByAccount.clear();
  resetRateLimitersForTests();
}
