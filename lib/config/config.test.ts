import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { ConfigError, loadConfig, parseConfig } from "./index";

const env = (over: Record<string, string> = {}) => parseEnv({ AWS_REGION: "us-east-1", ...over });

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected an error");
}

describe("config", () => {
  it("without a file: one account 'default' from the credential chain, regions from HEADROOM_REGIONS", () => {
    const c = parseConfig(undefined, env({ HEADROOM_REGIONS: "us-east-1, eu-west-1" }));
    expect(c.accounts).toEqual([
      {
        id: "default",
        name: "default",
        profile: undefined,
        roleArn: undefined,
        externalId: undefined,
        regions: ["us-east-1", "eu-west-1"],
      },
    ]);
    expect(c.teamTagKey).toBe("team");
    expect(c.cacheTtlSeconds.metrics).toBe(60);
  });

  it("falls back to AWS_REGION", () => {
    expect(parseConfig(undefined, env()).accounts[0]?.regions).toEqual(["us-east-1"]);
  });

  it("stops when no region is known", () => {
    expect(message(() => parseConfig(undefined, parseEnv({})))).toMatch(
      /^HEADROOM_REGIONS: no regions to read/,
    );
  });

  it("reads accounts with roles to assume; HEADROOM_TEAM_TAG overrides teamTagKey", () => {
    const c = parseConfig(
      {
        accounts: [
          {
            id: "prod",
            name: "Production",
            roleArn: "arn:aws:iam::123456789012:role/HeadroomReadOnly",
            externalId: "xyz123",
            regions: ["eu-west-1"],
          },
          { id: "dev", profile: "dev-sso" },
        ],
        teamTagKey: "owner",
        cacheTtlSeconds: { metrics: 30 },
        pricing: { regions: { "eu-west-1": { requestsPerMillion: 0.25 } } },
      },
      env({ HEADROOM_TEAM_TAG: "squad" }),
      "headroom.config.json",
    );
    expect(c.accounts.map((a) => [a.id, a.name, a.regions])).toEqual([
      ["prod", "Production", ["eu-west-1"]],
      ["dev", "dev", ["us-east-1"]],
    ]);
    expect(c.teamTagKey).toBe("squad");
    expect(c.cacheTtlSeconds.metrics).toBe(30);
    expect(c.cacheTtlSeconds.inventory).toBe(300);
    expect(c.priceFor("eu-west-1").requestsPerMillion).toBe(0.25);
    expect(c.priceFor("us-east-1").requestsPerMillion).toBe(0.2);
  });

  it.each([
    [{ accounts: [{ id: "Prod" }] }, "f.json: accounts[0].id: must be a configured account id"],
    [{ accounts: [{ id: "a", roleArn: "role/x" }] }, "f.json: accounts[0].roleArn: must be an IAM role ARN"],
    [
      { accounts: [{ id: "a", externalId: "abc" }] },
      "f.json: accounts[0].externalId: externalId needs roleArn",
    ],
    [{ accounts: [{ id: "a" }, { id: "a" }] }, 'f.json: accounts[1].id: duplicate account id "a"'],
    [
      { accounts: [{ id: "a", regions: ["mars-1"] }] },
      "f.json: accounts[0].regions[0]: must be an AWS region",
    ],
    [{ acounts: [] }, "f.json: acounts: Unrecognized key"],
    [{ cacheTtlSeconds: { metrics: 1 } }, "f.json: cacheTtlSeconds.metrics:"],
    [{ thresholds: { errorRateWarn: 2 } }, "f.json: thresholds.errorRateWarn:"],
  ])("a bad file stops with the field named: %j", (file, expected) => {
    expect(message(() => parseConfig(file, env(), "f.json"))).toContain(expected);
  });

  it("reads the file named by HEADROOM_CONFIG and reports bad JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "headroom-"));
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ accounts: [{ id: "x", regions: ["eu-west-1"] }] }));
    expect(loadConfig(env({ HEADROOM_CONFIG: good })).accounts[0]?.id).toBe("x");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ nope");
    expect(message(() => loadConfig(env({ HEADROOM_CONFIG: bad })))).toMatch(/bad\.json: not valid JSON/);
    expect(() => loadConfig(env({ HEADROOM_CONFIG: join(dir, "missing.json") }))).toThrow(ConfigError);
  });

  it("validates the environment, naming the variable", () => {
    expect(() => parseEnv({ HEADROOM_REGIONS: "us-east-1,nowhere" })).toThrow(EnvError);
    expect(message(() => parseEnv({ AWS_ENDPOINT_URL: "not a url" }))).toMatch(/^AWS_ENDPOINT_URL:/);
    expect(message(() => parseEnv({ LOG_LEVEL: "loud" }))).toMatch(/^LOG_LEVEL:/);
  });
});
