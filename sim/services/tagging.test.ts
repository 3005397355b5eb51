import {
  GetResourcesCommand,
  InvalidParameterException,
  paginateGetResources,
  PaginationTokenExpiredException,
  ResourceGroupsTaggingAPIClient,
  ThrottledException,
  type GetResourcesCommandInput,
  type ResourceTagMapping,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { isThrottlingError } from "@smithy/core/retry";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/load";
import type { IndexedFunction, ScenarioInput } from "../scenario/schema";
import { startSim } from "../server";
import { baseScenario, startTestSim, TEST_CREDENTIALS, type TestSim } from "../testing";
import { PAGINATION_TOKEN_TTL_MS } from "./tagging";

/**
 * The Resource Groups Tagging API through the official client against the sim: GetResources over
 * the account's Lambda functions, its paging and filters, AWS's validation, the raw awsJson1_1
 * error form, injected faults and the 15/s rate limit.
 */

const NOW = Date.parse("2026-11-20T12:00:00Z");
const ACCOUNT = "111122223333";
const arn = (name: string, region = "us-east-1") => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
const workload = { rpm: 1, durationMedianMs: 50, durationP99Ms: 200, maxMemoryUsedMB: 64 };

function scenario(): ScenarioInput {
  const base = baseScenario();
  const fn = (name: string, region: string, tags: Record<string, string>) => ({
    name,
    region,
    runtime: "nodejs22.x",
    role: "basic-role",
    tags,
    workload,
  });
  return {
    ...base,
    regions: { "us-east-1": { concurrencyLimit: 1000 }, "eu-west-1": { concurrencyLimit: 1000 } },
    functions: [
      ...(base.functions ?? []),
      fn("untagged-job", "us-east-1", {}),
      fn("search-api", "us-east-1", { team: "search", env: "prod" }),
      fn("search-beta", "us-east-1", { team: "search", env: "beta" }),
      fn("eu-only", "eu-west-1", { team: "payments" }),
    ],
    generate: [
      {
        count: 240,
        regions: ["us-east-1"],
        namePrefix: "gen",
        teams: ["alpha", "beta", "gamma"],
        untaggedShare: 0.25,
        runtimes: ["python3.12"],
        roles: ["basic-role"],
      },
    ],
  };
}

let sim: TestSim;
let tagging: ResourceGroupsTaggingAPIClient;
let eu: ResourceGroupsTaggingAPIClient;

beforeAll(async () => {
  sim = await startTestSim(scenario(), { now: NOW, rateLimits: false });
  tagging = new ResourceGroupsTaggingAPIClient(sim.clientConfig("us-east-1"));
  eu = new ResourceGroupsTaggingAPIClient(sim.clientConfig("eu-west-1"));
});

afterAll(async () => {
  tagging.destroy();
  eu.destroy();
  await sim.close();
});

afterEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: "DELETE" });
});

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };

async function caught(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error("expected the call to fail");
}

async function putFaults(target: { url: string }, faults: unknown): Promise<void> {
  const res = await fetch(`${target.url}/_sim/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

/** The scenario's functions of a region, tagged or not. */
function regionFunctions(region = "us-east-1"): IndexedFunction[] {
  return [...sim.ctx.scenario.functionIndex.values()].filter((f) => f.region === region);
}

async function allPages(
  client: ResourceGroupsTaggingAPIClient,
  input: GetResourcesCommandInput,
  pageSize?: number,
): Promise<{ pages: number; mappings: ResourceTagMapping[]; tokens: Array<string | undefined> }> {
  let pages = 0;
  const mappings: ResourceTagMapping[] = [];
  const tokens: Array<string | undefined> = [];
  for await (const page of paginateGetResources({ client, ...(pageSize ? { pageSize } : {}) }, input)) {
    pages++;
    tokens.push(page.PaginationToken);
    mappings.push(...(page.ResourceTagMappingList ?? []));
  }
  return { pages, mappings, tokens };
}

const tagsOf = (m: ResourceTagMapping) => Object.fromEntries((m.Tags ?? []).map((t) => [t.Key, t.Value]));

describe("GetResources paging", () => {
  it("returns every tagged function of the region once, 100 per page, and leaves untagged ones out", async () => {
    const fns = regionFunctions();
    const tagged = fns.filter((f) => Object.keys(f.tags).length > 0);
    expect(fns.length - tagged.length).toBeGreaterThan(30);
    const { pages, mappings, tokens } = await allPages(
      tagging,
      { ResourceTypeFilters: ["lambda:function"] },
      100,
    );
    expect(pages).toBe(Math.ceil(tagged.length / 100));
    expect(mappings.map((m) => m.ResourceARN).sort()).toEqual(tagged.map((f) => f.arn).sort());
    expect(mappings.find((m) => m.ResourceARN === arn("untagged-job"))).toBeUndefined();
    // Tags as Key/Value pairs, exactly the function's.
    const search = mappings.find((m) => m.ResourceARN === arn("search-api"));
    expect(search?.Tags).toEqual([
      { Key: "team", Value: "search" },
      { Key: "env", Value: "prod" },
    ]);
    for (const m of mappings) expect(tagsOf(m)).toEqual(tagged.find((f) => f.arn === m.ResourceARN)?.tags);
    // The last page ends with an empty token, as AWS's does.
    expect(tokens.at(-1)).toBe("");
    expect(tokens.slice(0, -1).every((t) => typeof t === "string" && t.length > 0)).toBe(true);
  });

  it("answers for the request's region only", async () => {
    const { mappings } = await allPages(eu, {}, 100);
    expect(mappings.map((m) => m.ResourceARN)).toEqual([arn("eu-only", "eu-west-1")]);
  });

  it("pages by 50 without ResourcesPerPage, and by TagsPerPage without splitting a resource", async () => {
    const first = await tagging.send(new GetResourcesCommand({}));
    expect(first.ResourceTagMappingList).toHaveLength(50);
    // Generated functions carry two tags each: 100 tags hold 50 of them.
    const byTags = await tagging.send(new GetResourcesCommand({ TagsPerPage: 101 }));
    const count = (byTags.ResourceTagMappingList ?? []).reduce((n, m) => n + (m.Tags?.length ?? 0), 0);
    expect(count).toBeLessThanOrEqual(101);
    expect(count).toBeGreaterThan(95);
  });

  it("continues from a token without gaps or repeats at any page size", async () => {
    const { mappings: at7 } = await allPages(tagging, {}, 7);
    const { mappings: at100 } = await allPages(tagging, {}, 100);
    expect(at7.map((m) => m.ResourceARN)).toEqual(at100.map((m) => m.ResourceARN));
    expect(new Set(at7.map((m) => m.ResourceARN)).size).toBe(at7.length);
  });
});

describe("GetResources filters", () => {
  const arns = async (input: GetResourcesCommandInput) =>
    (await allPages(tagging, input, 100)).mappings.map((m) => m.ResourceARN ?? "").sort();

  it("ResourceTypeFilters: lambda and lambda:function select the functions, other types nothing", async () => {
    const all = await arns({});
    expect(all.length).toBeGreaterThan(150);
    expect(await arns({ ResourceTypeFilters: ["lambda"] })).toEqual(all);
    expect(await arns({ ResourceTypeFilters: ["lambda:function"] })).toEqual(all);
    expect(await arns({ ResourceTypeFilters: ["ec2:instance", "lambda"] })).toEqual(all);
    expect(await arns({ ResourceTypeFilters: ["ec2:instance"] })).toEqual([]);
    expect(await arns({ ResourceTypeFilters: ["lambda:event-source-mapping"] })).toEqual([]);
  });

  it("TagFilters: any of a key's values, any value without Values, every filter at once", async () => {
    expect(await arns({ TagFilters: [{ Key: "env", Values: ["prod", "beta"] }] })).toEqual([
      arn("search-api"),
      arn("search-beta"),
    ]);
    expect(await arns({ TagFilters: [{ Key: "env" }] })).toEqual([arn("search-api"), arn("search-beta")]);
    expect(
      await arns({
        TagFilters: [
          { Key: "team", Values: ["search"] },
          { Key: "env", Values: ["prod"] },
        ],
      }),
    ).toEqual([arn("search-api")]);
    const alpha = regionFunctions()
      .filter((f) => f.tags.team === "alpha")
      .map((f) => f.arn)
      .sort();
    expect(alpha.length).toBeGreaterThan(10);
    expect(await arns({ TagFilters: [{ Key: "team", Values: ["alpha"] }] })).toEqual(alpha);
    expect(await arns({ TagFilters: [{ Key: "team", Values: ["nobody"] }] })).toEqual([]);
  });

  it("ResourceARNList: the listed tagged functions, in one answer", async () => {
    const out = await tagging.send(
      new GetResourcesCommand({ ResourceARNList: [arn("search-api"), arn("untagged-job"), arn("nope")] }),
    );
    expect(out.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([arn("search-api")]);
    expect(out.PaginationToken).toBe("");
  });
});

describe("GetResources validation", () => {
  it("rejects ResourcesPerPage outside 1..100 with InvalidParameterException", async () => {
    for (const n of [101, 1000, 0]) {
      const err = await caught(tagging.send(new GetResourcesCommand({ ResourcesPerPage: n })));
      expect(err).toBeInstanceOf(InvalidParameterException);
      expect(err.$metadata?.httpStatusCode).toBe(400);
      expect(err.$fault).toBe("client");
      expect(err.message).toContain(`Value '${n}' at 'resourcesPerPage' failed to satisfy constraint`);
    }
  });

  it("rejects TagsPerPage outside 100..500, TagFilters without a Key or with over 20 values", async () => {
    for (const input of [
      { TagsPerPage: 99 },
      { TagsPerPage: 501 },
      { TagFilters: [{ Values: ["x"] }] },
      { TagFilters: [{ Key: "team", Values: Array.from({ length: 21 }, (_, i) => `v${i}`) }] },
      { TagFilters: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}` })) },
    ] satisfies GetResourcesCommandInput[]) {
      const err = await caught(tagging.send(new GetResourcesCommand(input)));
      expect(err, JSON.stringify(input)).toBeInstanceOf(InvalidParameterException);
    }
  });

  it("rejects ResourceARNList with filters or paging parameters", async () => {
    for (const input of [
      { ResourceARNList: [arn("search-api")], ResourceTypeFilters: ["lambda"] },
      { ResourceARNList: [arn("search-api")], TagFilters: [{ Key: "team" }] },
      { ResourceARNList: [arn("search-api")], ResourcesPerPage: 10 },
    ] satisfies GetResourcesCommandInput[]) {
      const err = await caught(tagging.send(new GetResourcesCommand(input)));
      expect(err).toBeInstanceOf(InvalidParameterException);
    }
  });

  it("rejects a token of another request, region or nothing at all", async () => {
    const first = await tagging.send(new GetResourcesCommand({ ResourcesPerPage: 10 }));
    const token = first.PaginationToken ?? "";
    expect(token).not.toBe("");
    // The same token continues the same request.
    await tagging.send(new GetResourcesCommand({ ResourcesPerPage: 10, PaginationToken: token }));
    const cases: Array<[ResourceGroupsTaggingAPIClient, GetResourcesCommandInput]> = [
      [tagging, { PaginationToken: token, TagFilters: [{ Key: "team" }] }],
      [eu, { PaginationToken: token }],
      [tagging, { PaginationToken: "not-a-token" }],
    ];
    for (const [client, input] of cases) {
      const err = await caught(client.send(new GetResourcesCommand(input)));
      expect(err).toBeInstanceOf(InvalidParameterException);
    }
  });

  it("expires a token after 15 minutes with PaginationTokenExpiredException", async () => {
    let now = NOW;
    const moving = await startSim({ scenario: parseScenario(scenario(), "test"), port: 0, clock: () => now });
    const client = new ResourceGroupsTaggingAPIClient({
      endpoint: moving.url,
      region: "us-east-1",
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      const first = await client.send(new GetResourcesCommand({ ResourcesPerPage: 10 }));
      now += PAGINATION_TOKEN_TTL_MS - 1000;
      const second = await client.send(
        new GetResourcesCommand({ ResourcesPerPage: 10, PaginationToken: first.PaginationToken }),
      );
      expect(second.ResourceTagMappingList).toHaveLength(10);
      now += 2000;
      const err = await caught(
        client.send(
          new GetResourcesCommand({ ResourcesPerPage: 10, PaginationToken: first.PaginationToken }),
        ),
      );
      expect(err).toBeInstanceOf(PaginationTokenExpiredException);
      expect(err.$metadata?.httpStatusCode).toBe(400);
    } finally {
      client.destroy();
      await moving.close();
    }
  });
});

describe("wire format", () => {
  const raw = (target: string, body: unknown) =>
    fetch(`${sim.url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": target,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIASIMULATEDTEST000/20261120/us-east-1/tagging/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });

  it("answers awsJson1_1 with the error code in __type and x-amzn-errortype", async () => {
    const ok = await raw("ResourceGroupsTaggingAPI_20170126.GetResources", { ResourcesPerPage: 1 });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    const body = (await ok.json()) as { ResourceTagMappingList: unknown[]; PaginationToken: string };
    expect(body.ResourceTagMappingList).toHaveLength(1);
    expect(body.PaginationToken.length).toBeGreaterThan(0);

    const bad = await raw("ResourceGroupsTaggingAPI_20170126.GetResources", { ResourcesPerPage: 101 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-amzn-errortype")).toBe("InvalidParameterException");
    expect(await bad.json()).toEqual({
      __type: "InvalidParameterException",
      Message:
        "1 validation error detected: Value '101' at 'resourcesPerPage' failed to satisfy constraint: Member must have value less than or equal to 100",
    });
    const unknown = await raw("ResourceGroupsTaggingAPI_20170126.TagResources", {});
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
  });

  it("counts calls as tag:GetResources", async () => {
    sim.resetCalls();
    await tagging.send(new GetResourcesCommand({}));
    expect(sim.calls()["tag:GetResources"]).toMatchObject({ calls: 1, throttled: 0, errors: 0 });
  });
});

describe("injected faults", () => {
  it("denies tag:GetResources with AccessDeniedException", async () => {
    await putFaults(sim, { rateLimits: false, accessDenied: ["tag:*"] });
    const err = await caught(tagging.send(new GetResourcesCommand({})));
    expect(err.name).toBe("AccessDeniedException");
    expect(err.message).toContain("is not authorized to perform: tag:GetResources");
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it("throttles with ThrottledException, which the SDK treats as throttling", async () => {
    await putFaults(sim, { rateLimits: false, operations: { "tag:GetResources": { throttleRate: 1 } } });
    const err = await caught(tagging.send(new GetResourcesCommand({})));
    expect(err).toBeInstanceOf(ThrottledException);
    expect(err.message).toBe("Rate exceeded");
    expect(isThrottlingError(err as Parameters<typeof isThrottlingError>[0])).toBe(true);
  });

  it("fails with InternalServiceException (500) at errorRate 1", async () => {
    await putFaults(sim, { rateLimits: false, operations: { "tag:*": { errorRate: 1 } } });
    const err = await caught(tagging.send(new GetResourcesCommand({})));
    expect(err.name).toBe("InternalServiceException");
    expect(err.$metadata?.httpStatusCode).toBe(500);
    expect(err.$fault).toBe("server");
  });

  it("drops the connection of a region that is down, and only there", async () => {
    await putFaults(sim, { rateLimits: false, regionsDown: ["eu-west-1"] });
    const err = await caught(eu.send(new GetResourcesCommand({})));
    expect(err.$metadata?.httpStatusCode).toBeUndefined();
    await tagging.send(new GetResourcesCommand({}));
  });
});

describe("rate limit (15 GetResources per second and region)", () => {
  const burst = (client: ResourceGroupsTaggingAPIClient, n: number) =>
    Promise.allSettled(
      Array.from({ length: n }, () => client.send(new GetResourcesCommand({ ResourcesPerPage: 1 }))),
    );

  it("refuses a burst beyond the bucket with ThrottledException when the SDK does not retry", async () => {
    const limited = await startTestSim(scenario(), { now: NOW });
    const client = new ResourceGroupsTaggingAPIClient(limited.clientConfig("us-east-1", 1));
    try {
      const results = await burst(client, 30);
      const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason as SdkError] : []));
      expect(results.length - rejected.length).toBeGreaterThanOrEqual(15);
      expect(rejected.length).toBeGreaterThan(0);
      for (const err of rejected) expect(err).toBeInstanceOf(ThrottledException);
      expect(limited.calls()["tag:GetResources"]).toMatchObject({
        throttled: rejected.length,
        rateLimited: rejected.length,
      });
    } finally {
      client.destroy();
      await limited.close();
    }
  });

  it("lets every call of the burst through once the SDK retries (adaptive mode)", async () => {
    const limited = await startTestSim(scenario(), { now: NOW });
    const client = new ResourceGroupsTaggingAPIClient({
      ...limited.clientConfig("us-east-1", 5),
      retryMode: "adaptive",
    });
    try {
      const results = await burst(client, 30);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(limited.calls()["tag:GetResources"]?.throttled).toBeGreaterThan(0);
    } finally {
      client.destroy();
      await limited.close();
    }
  });
});
