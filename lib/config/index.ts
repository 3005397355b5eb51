import { readFileSync } from "node:fs";
import { parseEnv, resetEnvForTests, serverEnv, type ServerEnv } from "@/lib/env";
import {
  configFileSchema,
  DEFAULT_PRICES,
  type CacheKind,
  type CacheTtls,
  type Limits,
  type PriceTable,
  type Thresholds,
} from "./schema";

export type { CacheKind, CacheTtls, Limits, PriceTable, Thresholds } from "./schema";

/**
 * The console's configuration: the optional config file (HEADROOM_CONFIG) merged with the
 * environment, validated once at start (instrumentation.ts). A bad value throws ConfigError with
 * the file and field named, and the server does not start. No `server-only` import, for the same
 * reason as lib/env.ts.
 */

export interface AccountConfig {
  id: string;
  name: string;
  profile: string | undefined;
  roleArn: string | undefined;
  externalId: string | undefined;
  regions: string[];
}

export interface HeadroomConfig {
  /** Where it came from, for log lines: the file path or "environment". */
  source: string;
  accounts: AccountConfig[];
  teamTagKey: string;
  thresholds: Thresholds;
  /** Prices per region: the defaults with the file's overrides applied. */
  priceFor(region: string): PriceTable;
  cacheTtlSeconds: CacheTtls;
  limits: Limits;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    "",
  );
}

/** Builds the configuration from a parsed config file (or none) and the environment. */
export function parseConfig(file: unknown, env: ServerEnv, source = "environment"): HeadroomConfig {
  const parsed = configFileSchema.safeParse(file ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue?.code === "unrecognized_keys"
        ? formatPath([...issue.path, issue.keys[0] ?? ""])
        : formatPath(issue?.path ?? []) || "(root)";
    throw new ConfigError(`${source}: ${field}: ${issue?.message ?? "invalid"}`);
  }
  const f = parsed.data;
  const fallbackRegions = env.HEADROOM_REGIONS.length
    ? env.HEADROOM_REGIONS
    : [env.AWS_REGION ?? env.AWS_DEFAULT_REGION].filter((r): r is string => Boolean(r));

  const accountsIn = f.accounts ?? [{ id: "default" }];
  const seen = new Set<string>();
  const accounts = accountsIn.map((a, i): AccountConfig => {
    if (seen.has(a.id)) throw new ConfigError(`${source}: accounts[${i}].id: duplicate account id "${a.id}"`);
    seen.add(a.id);
    const regions = [...new Set("regions" in a && a.regions ? a.regions : fallbackRegions)];
    if (regions.length === 0) {
      const where = f.accounts ? `${source}: accounts[${i}].regions` : "HEADROOM_REGIONS";
      throw new ConfigError(
        `${where}: no regions to read; list them (e.g. HEADROOM_REGIONS=us-east-1,eu-west-1) or set AWS_REGION`,
      );
    }
    return {
      id: a.id,
      name: ("name" in a ? a.name : undefined) ?? a.id,
      profile: "profile" in a ? a.profile : undefined,
      roleArn: "roleArn" in a ? a.roleArn : undefined,
      externalId: "externalId" in a ? a.externalId : undefined,
      regions,
    };
  });

  const overrides = f.pricing.regions;
  return {
    source,
    accounts,
    teamTagKey: env.HEADROOM_TEAM_TAG ?? f.teamTagKey ?? "team",
    thresholds: f.thresholds,
    priceFor: (region) => ({ ...DEFAULT_PRICES, ...overrides[region] }),
    cacheTtlSeconds: f.cacheTtlSeconds,
    limits: f.limits,
  };
}

/** Reads HEADROOM_CONFIG (if set) and the environment. */
export function loadConfig(env: ServerEnv = serverEnv()): HeadroomConfig {
  const path = env.HEADROOM_CONFIG;
  if (!path) return parseConfig(undefined, env);
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(
      `HEADROOM_CONFIG: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ConfigError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  return parseConfig(json, env, path);
}

let cached: HeadroomConfig | undefined;

/** The configuration of this process, validated on first use (instrumentation.ts makes that the start). */
export function getConfig(): HeadroomConfig {
  cached ??= loadConfig();
  return cached;
}

export function findAccount(id: string): AccountConfig | undefined {
  return getConfig().accounts.find((a) => a.id === id);
}

/** Every configured account and region. */
export function configuredScopes(): Array<{ account: AccountConfig; region: string }> {
  return getConfig().accounts.flatMap((account) => account.regions.map((region) => ({ account, region })));
}

export function cacheTtlMs(kind: CacheKind): number {
  return getConfig().cacheTtlSeconds[kind] * 1000;
}

/** Forgets the loaded configuration (and the parsed environment); tests change both between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
  resetEnvForTests();
}

/** Validates everything once; throws ConfigError or EnvError with the field named. */
export function validateConfigAtStart(): HeadroomConfig {
  const env = parseEnv(process.env);
  cached = loadConfig(env);
  return cached;
}
