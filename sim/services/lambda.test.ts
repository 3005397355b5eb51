import {
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionByArnCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  paginateListEventSourceMappings,
  paginateListFunctions,
  paginateListVersionsByFunction,
  ResourceNotFoundException,
  TooManyRequestsException,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../scenario/schema";
import { baseScenario, startTestSim, type TestSim } from "../testing";
import { DEFAULT_CODE_STORAGE_BYTES } from "./lambda";

/**
 * Lambda through the official @aws-sdk/client-lambda against the sim: every operation the sim
 * serves, paging, name/ARN addressing, 404s, account settings, rate limits and injected faults,
 * plus the raw restJson1 error form the SDK reads.
 */

const NOW = Date.parse("2026-11-20T12:00:00Z");
const ACCOUNT = "111122223333";
const ORDERS_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-api`;
const OWN_LAYER = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared-utils:3`;
const PUBLIC_LAYER = "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:38";
const EU_LAYER = `arn:aws:lambda:eu-west-1:${ACCOUNT}:layer:shared-utils:1`;
const QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:billing-jobs`;
const STREAM_ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/billing-events`;

const workload = { rpm: 1, durationMedianMs: 50, durationP99Ms: 200, maxMemoryUsedMB: 64 };

function scenario(): ScenarioInput {
  const base = baseScenario();
  const orders = base.functions?.[0];
  if (!orders) throw new Error("baseScenario has no function");
  return {
    ...base,
    regions: {
      "us-east-1": { concurrencyLimit: 1000 },
      "eu-west-1": { concurrencyLimit: 400, codeStorageLimitBytes: 5e9 },
    },
    roles: [
      { name: "basic-role", attachedPolicies: [] },
      { name: "app-role", path: "/", attachedPolicies: [] },
    ],
    layers: [
      {
        arn: OWN_LAYER,
        codeSizeBytes: 2_000_000,
        compatibleRuntimes: ["nodejs22.x"],
        description: "shared code",
      },
      { arn: PUBLIC_LAYER, codeSizeBytes: 5_000_000 },
      { arn: EU_LAYER, codeSizeBytes: 700_000 },
    ],
    functions: [
      {
        ...orders,
        codeSizeBytes: 3_000_000,
        description: "Orders HTTP API",
        layers: [OWN_LAYER, PUBLIC_LAYER],
        vpc: { subnetIds: ["subnet-0a1", "subnet-0b2"], securityGroupIds: ["sg-0c3"] },
        tracing: "Active",
        logFormat: "JSON",
        deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-dlq`,
        reservedConcurrency: 50,
        provisionedConcurrency: { qualifier: "live", allocated: 10 },
        versions: [1, 2, 3],
        aliases: [
          { name: "live", functionVersion: "3" },
          { name: "canary", functionVersion: "2" },
          { name: "next", functionVersion: "3" },
        ],
        resourcePolicy: [
          {
            Sid: "apigw",
            Effect: "Allow",
            Principal: { Service: "apigateway.amazonaws.com" },
            Action: "lambda:InvokeFunction",
          },
        ],
        functionUrl: { authType: "NONE", cors: { allowOrigins: ["*"], allowMethods: ["GET", "POST"] } },
        asyncConfig: {
          maximumRetryAttempts: 1,
          onFailure: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-failures`,
        },
        lastModifiedMinutesAgo: 90,
      },
      {
        name: "billing-worker",
        region: "us-east-1",
        runtime: "python3.12",
        architecture: "arm64",
        memoryMB: 1024,
        timeoutS: 60,
        codeSizeBytes: 1_500_000,
        role: "app-role",
        reservedConcurrency: 100,
        eventSources: [
          { eventSourceArn: QUEUE_ARN, batchSize: 10 },
          { eventSourceArn: STREAM_ARN, startingPosition: "TRIM_HORIZON", state: "Disabled" },
        ],
        workload,
      },
      {
        name: "thumbnailer",
        region: "us-east-1",
        packageType: "Image",
        role: "app-role",
        codeSizeBytes: 0,
        workload,
      },
      {
        name: "eu-only",
        region: "eu-west-1",
        runtime: "java21",
        snapStart: true,
        versions: [4],
        role: "app-role",
        layers: [EU_LAYER],
        workload,
      },
    ],
  };
}

let sim: TestSim;
let lambda: LambdaClient;
let eu: LambdaClient;

beforeAll(async () => {
  sim = await startTestSim(scenario(), { now: NOW, rateLimits: false });
  lambda = new LambdaClient(sim.clientConfig("us-east-1"));
  eu = new LambdaClient(sim.clientConfig("eu-west-1"));
});

afterAll(async () => {
  lambda.destroy();
  eu.destroy();
  await sim.close();
});

afterEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: "DELETE" });
});

type SdkError = Error & {
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: string;
} & Record<string, unknown>;

async function caught(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error("expected the call to fail");
}

async function putFaults(target: TestSim, faults: unknown): Promise<void> {
  const res = await fetch(`${target.url}/_sim/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

/** A raw signed-looking request: the sim reads only the credential scope. */
function raw(path: string, region = "us-east-1"): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIASIMULATEDTEST000/20261120/${region}/lambda/aws4_request, SignedHeaders=host, Signature=0`,
    },
  });
}

/** `2026-11-20T10:30:00.000+0000` for 90 minutes before NOW. */
const lambdaTime = (minutesAgo: number) =>
  new Date(NOW - minutesAgo * 60_000).toISOString().replace("Z", "+0000");

describe("GetFunction and GetFunctionConfiguration", () => {
  it("returns the complete configuration, code location, tags and reserved concurrency", async () => {
    const out = await lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" }));
    const c = out.Configuration;
    expect(c).toMatchObject({
      FunctionName: "orders-api",
      FunctionArn: ORDERS_ARN,
      Runtime: "nodejs22.x",
      Role: `arn:aws:iam::${ACCOUNT}:role/service-role/basic-role`,
      Handler: "index.handler",
      CodeSize: 3_000_000,
      Description: "Orders HTTP API",
      Timeout: 10,
      MemorySize: 512,
      LastModified: lambdaTime(90),
      Version: "$LATEST",
      Environment: { Variables: { TABLE_NAME: "orders" } },
      TracingConfig: { Mode: "Active" },
      Layers: [
        { Arn: OWN_LAYER, CodeSize: 2_000_000 },
        { Arn: PUBLIC_LAYER, CodeSize: 5_000_000 },
      ],
      State: "Active",
      LastUpdateStatus: "Successful",
      PackageType: "Zip",
      Architectures: ["x86_64"],
      EphemeralStorage: { Size: 512 },
      SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
      LoggingConfig: {
        LogFormat: "JSON",
        ApplicationLogLevel: "INFO",
        SystemLogLevel: "INFO",
        LogGroup: "/aws/lambda/orders-api",
      },
      DeadLetterConfig: { TargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-dlq` },
    });
    expect(c?.VpcConfig?.SubnetIds).toEqual(["subnet-0a1", "subnet-0b2"]);
    expect(c?.VpcConfig?.SecurityGroupIds).toEqual(["sg-0c3"]);
    expect(c?.VpcConfig?.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(c?.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(c?.RevisionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.Code?.RepositoryType).toBe("S3");
    expect(out.Code?.Location).toMatch(
      /^https:\/\/awslambda-us-east-1-tasks\.s3\.us-east-1\.amazonaws\.com\/snapshots\/111122223333\/orders-api-/,
    );
    expect(out.Tags).toEqual({ team: "payments" });
    expect(out.Concurrency).toEqual({ ReservedConcurrentExecutions: 50 });
  });

  it("leaves out what is not configured and answers Image functions with an ECR location", async () => {
    const worker = await lambda.send(new GetFunctionCommand({ FunctionName: "billing-worker" }));
    const c = worker.Configuration;
    expect(c?.Role).toBe(`arn:aws:iam::${ACCOUNT}:role/app-role`);
    expect(c?.Handler).toBe("lambda_function.lambda_handler");
    expect(c?.Architectures).toEqual(["arm64"]);
    expect(c?.LoggingConfig).toEqual({ LogFormat: "Text", LogGroup: "/aws/lambda/billing-worker" });
    for (const key of ["VpcConfig", "Environment", "Layers", "DeadLetterConfig"] as const)
      expect(c?.[key]).toBeUndefined();
    expect(worker.Tags).toBeUndefined();

    const image = await lambda.send(new GetFunctionCommand({ FunctionName: "thumbnailer" }));
    expect(image.Configuration?.PackageType).toBe("Image");
    expect(image.Configuration?.Runtime).toBeUndefined();
    expect(image.Configuration?.Handler).toBeUndefined();
    expect(image.Code).toMatchObject({
      RepositoryType: "ECR",
      ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/thumbnailer:latest`,
    });
    expect(image.Concurrency).toBeUndefined();
  });

  it("addresses a function by name, full ARN or partial ARN, with the same answer", async () => {
    for (const name of ["orders-api", ORDERS_ARN, `${ACCOUNT}:function:orders-api`]) {
      const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      expect(c.FunctionArn).toBe(ORDERS_ARN);
      expect(c.FunctionName).toBe("orders-api");
    }
  });

  it("resolves qualifiers: aliases to their version, versions deployed a day apart", async () => {
    const live = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: "orders-api", Qualifier: "live" }),
    );
    expect(live.Version).toBe("3");
    expect(live.FunctionArn).toBe(`${ORDERS_ARN}:live`);
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "orders-api" }));
    // The newest published version runs the same package as $LATEST; older ones do not.
    expect(live.CodeSha256).toBe(latest.CodeSha256);
    const v2 = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ORDERS_ARN}:2` }));
    expect(v2.Version).toBe("2");
    expect(v2.FunctionArn).toBe(`${ORDERS_ARN}:2`);
    expect(v2.LastModified).toBe(lambdaTime(90 + 24 * 60));
    expect(v2.CodeSha256).not.toBe(latest.CodeSha256);
    const viaGet = await lambda.send(new GetFunctionCommand({ FunctionName: "orders-api:canary" }));
    expect(viaGet.Configuration?.Version).toBe("2");
  });

  it("reports SnapStart as applied only on published versions", async () => {
    const latest = await eu.send(new GetFunctionConfigurationCommand({ FunctionName: "eu-only" }));
    expect(latest.SnapStart).toEqual({ ApplyOn: "PublishedVersions", OptimizationStatus: "Off" });
    const v4 = await eu.send(
      new GetFunctionConfigurationCommand({ FunctionName: "eu-only", Qualifier: "4" }),
    );
    expect(v4.SnapStart).toEqual({ ApplyOn: "PublishedVersions", OptimizationStatus: "On" });
  });

  it("answers 404 ResourceNotFoundException with the ARN for unknown functions, qualifiers and other regions", async () => {
    const cases: Array<[string, string | undefined, string]> = [
      ["nope", undefined, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:nope`],
      ["orders-api", "9", `${ORDERS_ARN}:9`],
      ["orders-api", "blue", `${ORDERS_ARN}:blue`],
      ["eu-only", undefined, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:eu-only`],
      [
        `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:eu-only`,
        undefined,
        `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:eu-only`,
      ],
      [
        `444455556666:function:orders-api`,
        undefined,
        `arn:aws:lambda:us-east-1:444455556666:function:orders-api`,
      ],
    ];
    for (const [name, qualifier, arn] of cases) {
      const err = await caught(
        lambda.send(new GetFunctionCommand({ FunctionName: name, Qualifier: qualifier })),
      );
      expect(err).toBeInstanceOf(ResourceNotFoundException);
      expect(err.name).toBe("ResourceNotFoundException");
      expect(err.message).toBe(`Function not found: ${arn}`);
      expect(err.$metadata?.httpStatusCode).toBe(404);
    }
  });

  it("rejects a qualifier that contradicts the one in the name, and malformed names", async () => {
    const conflict = await caught(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "orders-api:live", Qualifier: "2" })),
    );
    expect(conflict.name).toBe("InvalidParameterValueException");
    expect(conflict.$metadata?.httpStatusCode).toBe(400);
    const bad = await caught(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "orders api!" })),
    );
    expect(bad.name).toBe("ValidationException");
    expect(bad.message).toContain("at 'functionName' failed to satisfy constraint");
  });
});

describe("ListFunctions", () => {
  it("lists only the region's functions, by name, without the GetFunction-only fields", async () => {
    const us = await lambda.send(new ListFunctionsCommand({}));
    expect(us.Functions?.map((f) => f.FunctionName)).toEqual(["billing-worker", "orders-api", "thumbnailer"]);
    expect(us.NextMarker).toBeUndefined();
    const orders = us.Functions?.find((f) => f.FunctionName === "orders-api");
    expect(orders?.FunctionArn).toBe(ORDERS_ARN);
    expect(orders?.Environment?.Variables).toEqual({ TABLE_NAME: "orders" });
    expect(orders?.State).toBeUndefined();
    expect(orders?.LastUpdateStatus).toBeUndefined();
    const euOut = await eu.send(new ListFunctionsCommand({}));
    expect(euOut.Functions?.map((f) => f.FunctionArn)).toEqual([
      `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:eu-only`,
    ]);
  });

  it("adds every published version with FunctionVersion=ALL", async () => {
    const out = await lambda.send(new ListFunctionsCommand({ FunctionVersion: "ALL" }));
    expect(out.Functions?.map((f) => `${f.FunctionName}:${f.Version}`)).toEqual([
      "billing-worker:$LATEST",
      "orders-api:$LATEST",
      "orders-api:1",
      "orders-api:2",
      "orders-api:3",
      "thumbnailer:$LATEST",
    ]);
    expect(out.Functions?.[1]?.FunctionArn).toBe(`${ORDERS_ARN}:$LATEST`);
    expect(out.Functions?.[3]?.FunctionArn).toBe(`${ORDERS_ARN}:2`);
  });

  it("rejects a marker it did not issue", async () => {
    const err = await caught(lambda.send(new ListFunctionsCommand({ Marker: "not-a-marker" })));
    expect(err.name).toBe("InvalidParameterValueException");
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  describe("paging over 120+ functions", () => {
    let big: TestSim;
    let client: LambdaClient;
    const US_COUNT = 123;

    beforeAll(async () => {
      big = await startTestSim(
        baseScenario({
          regions: { "us-east-1": { concurrencyLimit: 1000 }, "eu-west-1": { concurrencyLimit: 1000 } },
          generate: [
            {
              count: US_COUNT,
              regions: ["us-east-1"],
              namePrefix: "gen",
              runtimes: ["nodejs22.x", "python3.12"],
              roles: ["basic-role"],
            },
            {
              count: 7,
              regions: ["eu-west-1"],
              namePrefix: "gen",
              runtimes: ["nodejs22.x"],
              roles: ["basic-role"],
            },
          ],
        }),
        { now: NOW, rateLimits: false },
      );
      client = new LambdaClient(big.clientConfig("us-east-1"));
    });

    afterAll(async () => {
      client.destroy();
      await big.close();
    });

    it("collects every function of the region with paginateListFunctions, 50 per page", async () => {
      const pages: FunctionConfiguration[][] = [];
      for await (const p of paginateListFunctions({ client }, {})) pages.push(p.Functions ?? []);
      expect(pages.map((p) => p.length)).toEqual([50, 50, US_COUNT + 1 - 100]);
      const names = pages.flat().map((f) => f.FunctionName ?? "");
      expect(new Set(names).size).toBe(US_COUNT + 1);
      expect(names).toContain("orders-api");
      expect(names).toContain("gen-00122");
      expect(names).toEqual([...names].sort());
    });

    it("never returns more than 50 per page, even when MaxItems asks for 1000", async () => {
      const sizes: number[] = [];
      for await (const p of paginateListFunctions({ client, pageSize: 1000 }, {}))
        sizes.push(p.Functions?.length ?? 0);
      expect(sizes).toEqual([50, 50, US_COUNT + 1 - 100]);
      const first = await client.send(new ListFunctionsCommand({ MaxItems: 1000 }));
      expect(first.Functions).toHaveLength(50);
      expect(first.NextMarker).toBeTruthy();
    });

    it("honours a smaller MaxItems and continues from the marker without gaps", async () => {
      const a = await client.send(new ListFunctionsCommand({ MaxItems: 7 }));
      expect(a.Functions).toHaveLength(7);
      const b = await client.send(new ListFunctionsCommand({ MaxItems: 7, Marker: a.NextMarker }));
      const all = await client.send(new ListFunctionsCommand({ MaxItems: 14 }));
      expect([...(a.Functions ?? []), ...(b.Functions ?? [])].map((f) => f.FunctionName)).toEqual(
        all.Functions?.map((f) => f.FunctionName),
      );
    });

    it("rejects MaxItems outside 1..10000", async () => {
      const err = await caught(client.send(new ListFunctionsCommand({ MaxItems: 0 })));
      expect(err.name).toBe("ValidationException");
      expect(err.message).toContain("Value '0' at 'maxItems' failed to satisfy constraint");
    });
  });
});

describe("GetAccountSettings", () => {
  it("computes limits and usage of the region from the scenario", async () => {
    const out = await lambda.send(new GetAccountSettingsCommand({}));
    expect(out.AccountLimit).toEqual({
      TotalCodeSize: 300 * 1024 ** 3,
      CodeSizeUnzipped: 262_144_000,
      CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: 1000,
      // 50 reserved by orders-api, 100 by billing-worker.
      UnreservedConcurrentExecutions: 850,
    });
    // Zip packages (3,000,000 + 1,500,000) plus the account's own layer; the public layer is not its storage.
    expect(out.AccountUsage).toEqual({ TotalCodeSize: 3_000_000 + 1_500_000 + 2_000_000, FunctionCount: 3 });
    expect(DEFAULT_CODE_STORAGE_BYTES).toBe(322_122_547_200);
  });

  it("uses the region's own concurrency and storage limits", async () => {
    const out = await eu.send(new GetAccountSettingsCommand({}));
    expect(out.AccountLimit?.ConcurrentExecutions).toBe(400);
    expect(out.AccountLimit?.UnreservedConcurrentExecutions).toBe(400);
    expect(out.AccountLimit?.TotalCodeSize).toBe(5e9);
    expect(out.AccountUsage).toEqual({ TotalCodeSize: 1_000_000 + 700_000, FunctionCount: 1 });
  });
});

describe("concurrency", () => {
  it("GetFunctionConcurrency: the reserved value, or nothing", async () => {
    const set = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: ORDERS_ARN }));
    expect(set.ReservedConcurrentExecutions).toBe(50);
    const unset = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "thumbnailer" }));
    expect(unset.ReservedConcurrentExecutions).toBeUndefined();
    const err = await caught(lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "nope" })));
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });

  it("ListProvisionedConcurrencyConfigs: READY configs with the qualified ARN", async () => {
    const out = await lambda.send(
      new ListProvisionedConcurrencyConfigsCommand({ FunctionName: "orders-api" }),
    );
    expect(out.ProvisionedConcurrencyConfigs).toEqual([
      {
        FunctionArn: `${ORDERS_ARN}:live`,
        RequestedProvisionedConcurrentExecutions: 10,
        AvailableProvisionedConcurrentExecutions: 10,
        AllocatedProvisionedConcurrentExecutions: 10,
        Status: "READY",
        LastModified: "2026-11-20T10:30:00+0000",
      },
    ]);
    const none = await lambda.send(
      new ListProvisionedConcurrencyConfigsCommand({ FunctionName: "billing-worker" }),
    );
    expect(none.ProvisionedConcurrencyConfigs).toEqual([]);
  });
});

describe("GetPolicy", () => {
  it("returns the resource policy as a JSON string with a revision id", async () => {
    const out = await lambda.send(new GetPolicyCommand({ FunctionName: "orders-api" }));
    expect(typeof out.Policy).toBe("string");
    const doc: unknown = JSON.parse(out.Policy ?? "");
    expect(doc).toEqual({
      Version: "2012-10-17",
      Id: "default",
      Statement: [
        {
          Sid: "apigw",
          Effect: "Allow",
          Principal: { Service: "apigateway.amazonaws.com" },
          Action: "lambda:InvokeFunction",
          Resource: ORDERS_ARN,
        },
      ],
    });
    expect(out.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 404 when the function has no policy", async () => {
    const err = await caught(lambda.send(new GetPolicyCommand({ FunctionName: "billing-worker" })));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.message).toBe("The resource you requested does not exist.");
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });
});

describe("ListTags", () => {
  it("lists the tags of a function ARN, empty when untagged", async () => {
    expect((await lambda.send(new ListTagsCommand({ Resource: ORDERS_ARN }))).Tags).toEqual({
      team: "payments",
    });
    const untagged = await lambda.send(
      new ListTagsCommand({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:billing-worker` }),
    );
    expect(untagged.Tags).toEqual({});
  });

  it("wants an ARN of an existing function", async () => {
    const missing = await caught(
      lambda.send(new ListTagsCommand({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:nope` })),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    const name = await caught(lambda.send(new ListTagsCommand({ Resource: "orders-api" })));
    expect(name.name).toBe("ValidationException");
    expect(name.$metadata?.httpStatusCode).toBe(400);
  });
});

describe("versions and aliases", () => {
  it("ListAliases: every alias, filtered by version, paged by MaxItems", async () => {
    const all = await lambda.send(new ListAliasesCommand({ FunctionName: "orders-api" }));
    expect(all.Aliases?.map((a) => [a.Name, a.FunctionVersion, a.AliasArn])).toEqual([
      ["live", "3", `${ORDERS_ARN}:live`],
      ["canary", "2", `${ORDERS_ARN}:canary`],
      ["next", "3", `${ORDERS_ARN}:next`],
    ]);
    const v3 = await lambda.send(
      new ListAliasesCommand({ FunctionName: "orders-api", FunctionVersion: "3" }),
    );
    expect(v3.Aliases?.map((a) => a.Name)).toEqual(["live", "next"]);
    const first = await lambda.send(new ListAliasesCommand({ FunctionName: "orders-api", MaxItems: 2 }));
    expect(first.Aliases).toHaveLength(2);
    const rest = await lambda.send(
      new ListAliasesCommand({ FunctionName: "orders-api", MaxItems: 2, Marker: first.NextMarker }),
    );
    expect(rest.Aliases?.map((a) => a.Name)).toEqual(["next"]);
    expect(rest.NextMarker).toBeUndefined();
  });

  it("ListVersionsByFunction: $LATEST then the published versions, across pages", async () => {
    const versions: FunctionConfiguration[] = [];
    for await (const p of paginateListVersionsByFunction(
      { client: lambda, pageSize: 3 },
      { FunctionName: "orders-api" },
    ))
      versions.push(...(p.Versions ?? []));
    expect(versions.map((v) => v.Version)).toEqual(["$LATEST", "1", "2", "3"]);
    expect(versions.map((v) => v.FunctionArn)).toEqual([
      `${ORDERS_ARN}:$LATEST`,
      `${ORDERS_ARN}:1`,
      `${ORDERS_ARN}:2`,
      `${ORDERS_ARN}:3`,
    ]);
    const single = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "thumbnailer" }));
    expect(single.Versions?.map((v) => v.Version)).toEqual(["$LATEST"]);
  });
});

describe("GetFunctionEventInvokeConfig", () => {
  it("returns the configured retries and destinations", async () => {
    const out = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "orders-api" }));
    expect(out.FunctionArn).toBe(`${ORDERS_ARN}:$LATEST`);
    expect(out.MaximumRetryAttempts).toBe(1);
    expect(out.MaximumEventAgeInSeconds).toBeUndefined();
    expect(out.DestinationConfig?.OnFailure?.Destination).toBe(
      `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-failures`,
    );
    expect(out.DestinationConfig?.OnSuccess?.Destination).toBeUndefined();
    // A timestamp member: epoch seconds on the wire, a Date from the SDK.
    expect(out.LastModified).toEqual(new Date(NOW - 90 * 60_000));
  });

  it("answers 404 when none is configured", async () => {
    const err = await caught(
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "billing-worker" })),
    );
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });
});

describe("ListEventSourceMappings", () => {
  it("lists the region's mappings with the fields of each source type", async () => {
    const out = await lambda.send(new ListEventSourceMappingsCommand({}));
    const [queue, stream] = out.EventSourceMappings ?? [];
    expect(out.EventSourceMappings).toHaveLength(2);
    expect(queue).toMatchObject({
      EventSourceArn: QUEUE_ARN,
      FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:billing-worker`,
      BatchSize: 10,
      State: "Enabled",
    });
    expect(queue?.StartingPosition).toBeUndefined();
    expect(queue?.UUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(queue?.EventSourceMappingArn).toBe(
      `arn:aws:lambda:us-east-1:${ACCOUNT}:event-source-mapping:${queue?.UUID}`,
    );
    expect(queue?.LastModified).toBeInstanceOf(Date);
    expect(stream).toMatchObject({
      EventSourceArn: STREAM_ARN,
      StartingPosition: "TRIM_HORIZON",
      State: "Disabled",
      BatchSize: 100,
    });
  });

  it("filters by function (name or ARN) and by source, and pages", async () => {
    const byName = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: "billing-worker" }));
    expect(byName.EventSourceMappings).toHaveLength(2);
    const none = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: ORDERS_ARN }));
    expect(none.EventSourceMappings).toEqual([]);
    const bySource = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: STREAM_ARN }));
    expect(bySource.EventSourceMappings?.map((m) => m.EventSourceArn)).toEqual([STREAM_ARN]);
    const uuids: string[] = [];
    let pages = 0;
    for await (const p of paginateListEventSourceMappings({ client: lambda, pageSize: 1 }, {})) {
      pages++;
      uuids.push(...(p.EventSourceMappings ?? []).map((m) => m.UUID ?? ""));
    }
    expect(pages).toBe(2);
    expect(new Set(uuids).size).toBe(2);
    const err = await caught(lambda.send(new ListEventSourceMappingsCommand({ FunctionName: "nope" })));
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });
});

describe("GetFunctionUrlConfig", () => {
  it("returns the URL, auth type and CORS", async () => {
    const out = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: "orders-api" }));
    expect(out.FunctionUrl).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    expect(out.FunctionArn).toBe(ORDERS_ARN);
    expect(out.AuthType).toBe("NONE");
    expect(out.Cors?.AllowOrigins).toEqual(["*"]);
    expect(out.Cors?.AllowMethods).toEqual(["GET", "POST"]);
    expect(out.InvokeMode).toBe("BUFFERED");
  });

  it("answers 404 when the function has no URL", async () => {
    const err = await caught(
      lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: "billing-worker" })),
    );
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });
});

describe("GetLayerVersionByArn", () => {
  it("returns the layer's size, runtimes and ARNs", async () => {
    const out = await lambda.send(new GetLayerVersionByArnCommand({ Arn: OWN_LAYER }));
    expect(out.Content?.CodeSize).toBe(2_000_000);
    expect(out.Content?.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(out.LayerArn).toBe(`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared-utils`);
    expect(out.LayerVersionArn).toBe(OWN_LAYER);
    expect(out.Version).toBe(3);
    expect(out.CompatibleRuntimes).toEqual(["nodejs22.x"]);
    expect(out.Description).toBe("shared code");
    expect(out.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const pub = await lambda.send(new GetLayerVersionByArnCommand({ Arn: PUBLIC_LAYER }));
    expect(pub.Content?.CodeSize).toBe(5_000_000);
  });

  it("answers 404 for unknown layers and layers of other regions, 400 for malformed ARNs", async () => {
    for (const arn of [`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared-utils:4`, EU_LAYER]) {
      const err = await caught(lambda.send(new GetLayerVersionByArnCommand({ Arn: arn })));
      expect(err.name).toBe("ResourceNotFoundException");
      expect(err.$metadata?.httpStatusCode).toBe(404);
    }
    const bad = await caught(lambda.send(new GetLayerVersionByArnCommand({ Arn: "shared-utils" })));
    expect(bad.name).toBe("ValidationException");
  });
});

describe("wire format", () => {
  it("accepts percent-encoded ARNs and trailing slashes as older SDKs send them", async () => {
    const res = await raw(
      `/2015-03-31/functions/${encodeURIComponent(ORDERS_ARN)}/configuration?Qualifier=%24LATEST`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(((await res.json()) as { FunctionArn: string }).FunctionArn).toBe(`${ORDERS_ARN}:$LATEST`);
    expect((await raw("/2016-08-19/account-settings/")).status).toBe(200);
    expect((await raw("/2015-03-31/event-source-mappings/")).status).toBe(200);
  });

  it("sends errors as restJson1: status, x-amzn-errortype and a Type/Message body", async () => {
    const res = await raw("/2015-03-31/functions/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    expect(await res.json()).toEqual({
      Type: "User",
      Message: `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:nope`,
    });
    const unknown = await raw("/2015-03-31/functions/orders-api/nothing-here");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
  });

  it("puts Reason in the body and Retry-After in the header of a 429", async () => {
    await putFaults(sim, { rateLimits: false, operations: { "lambda:ListFunctions": { throttleRate: 1 } } });
    const res = await raw("/2015-03-31/functions");
    expect(res.status).toBe(429);
    expect(res.headers.get("x-amzn-errortype")).toBe("TooManyRequestsException");
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toEqual({
      Type: "User",
      message: "Rate exceeded",
      Reason: "CallerRateLimitExceeded",
    });
  });
});

describe("injected faults", () => {
  it("denies an action with AccessDeniedException (403)", async () => {
    await putFaults(sim, { rateLimits: false, accessDenied: ["lambda:GetPolicy"] });
    const err = await caught(lambda.send(new GetPolicyCommand({ FunctionName: "orders-api" })));
    expect(err.name).toBe("AccessDeniedException");
    expect(err.message).toContain("is not authorized to perform: lambda:GetPolicy");
    expect(err.$metadata?.httpStatusCode).toBe(403);
    expect(err.$fault).toBe("client");
    // Other actions still work.
    await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: "orders-api" }));
  });

  it("fails an action with ServiceException (500) at errorRate 1", async () => {
    await putFaults(sim, { rateLimits: false, operations: { "lambda:ListTags": { errorRate: 1 } } });
    const err = await caught(lambda.send(new ListTagsCommand({ Resource: ORDERS_ARN })));
    expect(err.name).toBe("ServiceException");
    expect(err.$metadata?.httpStatusCode).toBe(500);
    expect(err.$fault).toBe("server");
  });

  it("throttles with TooManyRequestsException carrying Reason and retryAfterSeconds", async () => {
    await putFaults(sim, { rateLimits: false, operations: { "lambda:GetFunction": { throttleRate: 1 } } });
    const err = await caught(lambda.send(new GetFunctionCommand({ FunctionName: "orders-api" })));
    expect(err).toBeInstanceOf(TooManyRequestsException);
    expect(err.Reason).toBe("CallerRateLimitExceeded");
    expect(err.retryAfterSeconds).toBe("1");
    expect(err.$metadata?.httpStatusCode).toBe(429);
  });
});

describe("rate limits (15 control-plane calls per second)", () => {
  const burst = (client: LambdaClient, n: number) =>
    Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        client.send(
          new GetFunctionConfigurationCommand({ FunctionName: i % 2 ? "orders-api" : "billing-worker" }),
        ),
      ),
    );

  it("throttles a burst beyond the bucket with 429 TooManyRequestsException when the SDK does not retry", async () => {
    const limited = await startTestSim(scenario(), { now: NOW });
    const client = new LambdaClient(limited.clientConfig("us-east-1", 1));
    try {
      const results = await burst(client, 30);
      const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason as SdkError] : []));
      const ok = results.filter((r) => r.status === "fulfilled").length;
      expect(ok).toBeGreaterThanOrEqual(15);
      expect(rejected.length).toBeGreaterThan(0);
      for (const err of rejected) {
        expect(err).toBeInstanceOf(TooManyRequestsException);
        expect(err.$metadata?.httpStatusCode).toBe(429);
      }
      expect(limited.calls()["lambda:GetFunctionConfiguration"]?.throttled).toBe(rejected.length);
    } finally {
      client.destroy();
      await limited.close();
    }
  });

  it("lets every call of the burst succeed once the SDK retries (adaptive mode)", async () => {
    const limited = await startTestSim(scenario(), { now: NOW });
    const client = new LambdaClient({ ...limited.clientConfig("us-east-1", 5), retryMode: "adaptive" });
    try {
      const results = await burst(client, 30);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(limited.calls()["lambda:GetFunctionConfiguration"]?.throttled).toBeGreaterThan(0);
    } finally {
      client.destroy();
      await limited.close();
    }
  });
});
