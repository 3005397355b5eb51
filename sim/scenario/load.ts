import { readFileSync } from "node:fs";
import { z } from "zod";
import { MANAGED_POLICIES } from "../data/managed-policies";
import { hash, hashString, uniform } from "../model/rng";
import {
  scenarioSchema,
  type FunctionSpec,
  type GeneratorSpec,
  type IndexedFunction,
  type Scenario,
  type ScenarioFile,
} from "./schema";

/** A scenario that failed validation; the message names the field. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    "",
  );
}

/** Parses and validates a scenario object; throws ScenarioError naming the first bad field. */
export function parseScenario(input: unknown, source = "scenario"): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 5)
      .map((i) => `  ${formatPath(i.path) || "(root)"}: ${i.message}`);
    throw new ScenarioError(`${source} is not a valid scenario:\n${lines.join("\n")}`);
  }
  return buildScenario(parsed.data, source);
}

export function loadScenarioFile(file: string): Scenario {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    throw new ScenarioError(`cannot read scenario ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ScenarioError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseScenario(json, file);
}

function buildScenario(file: ScenarioFile, source: string): Scenario {
  const functions: FunctionSpec[] = [...file.functions];
  file.generate.forEach((g, gi) => functions.push(...generateFunctions(g, file.seed + gi * 7919)));

  const fail = (path: string, message: string): never => {
    throw new ScenarioError(`${source} is not a valid scenario:\n  ${path}: ${message}`);
  };
  const roleIndex = new Map(file.roles.map((r) => [r.name, r]));
  const policyIndex = new Map(file.policies.map((p) => [p.name, p]));
  const layerIndex = new Map(file.layers.map((l) => [l.arn, l]));

  file.roles.forEach((role, i) =>
    role.attachedPolicies.forEach((p, j) => {
      if (!(p in MANAGED_POLICIES) && !policyIndex.has(p))
        fail(
          `roles[${i}].attachedPolicies[${j}]`,
          `unknown policy "${p}" (not an AWS managed policy the sim ships, nor under policies)`,
        );
    }),
  );

  const functionIndex = new Map<string, IndexedFunction>();
  functions.forEach((fn, i) => {
    const at = i < file.functions.length ? `functions[${i}]` : `generate (function ${fn.name})`;
    if (!(fn.region in file.regions)) fail(`${at}.region`, `region ${fn.region} is not listed under regions`);
    if (!roleIndex.has(fn.role)) fail(`${at}.role`, `role "${fn.role}" is not defined under roles`);
    if (fn.packageType === "Zip" && !fn.runtime) fail(`${at}.runtime`, "a Zip function needs a runtime");
    if (fn.layers.length > 5) fail(`${at}.layers`, "Lambda allows at most 5 layers");
    fn.layers.forEach((arn, j) => {
      if (!layerIndex.has(arn)) fail(`${at}.layers[${j}]`, `layer ${arn} is not defined under layers`);
    });
    const key = `${fn.region}/${fn.name}`;
    if (functionIndex.has(key)) fail(`${at}.name`, `duplicate function ${fn.name} in ${fn.region}`);
    const envBytes = Object.entries(fn.environment).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (envBytes > 4096) fail(`${at}.environment`, `environment is ${envBytes} bytes; Lambda allows 4 KB`);
    const ownUnzipped = fn.codeSizeUnzippedBytes ?? fn.codeSizeBytes * 3;
    const layersUnzipped = fn.layers.reduce((n, arn) => {
      const l = layerIndex.get(arn);
      return n + (l?.codeSizeUnzippedBytes ?? (l?.codeSizeBytes ?? 0) * 3);
    }, 0);
    functionIndex.set(key, {
      ...fn,
      index: i,
      arn: `arn:aws:lambda:${fn.region}:${file.accountId}:function:${fn.name}`,
      logGroupName: fn.logGroup ?? `/aws/lambda/${fn.name}`,
      totalUnzippedBytes: ownUnzipped + layersUnzipped,
    });
  });

  return { ...file, functions, functionIndex, roleIndex, layerIndex, policyIndex };
}

const ARCH_BY_RUNTIME_ARM = /^(nodejs|python3\.(1[0-9])|java(17|21|25)|dotnet|ruby3|provided\.al2)/;

/** Expands a compact generator into functions, deterministically from the seed. */
export function generateFunctions(g: GeneratorSpec, seed: number): FunctionSpec[] {
  const out: FunctionSpec[] = [];
  const pick = <T>(list: readonly T[], u: number): T => list[Math.floor(u * list.length) % list.length] as T;
  for (let i = 0; i < g.count; i++) {
    const u = (k: number) => uniform(seed, i, k);
    const region = pick(g.regions, u(1));
    const runtime = pick(g.runtimes, u(2));
    const team = u(3) < g.untaggedShare || g.teams.length === 0 ? undefined : pick(g.teams, u(4));
    const memoryMB = pick([128, 256, 512, 1024, 1536, 2048, 3008], u(5));
    const [lo, hi] = g.rpm;
    const rpm =
      lo <= 0 ? hi * u(6) : Math.exp(Math.log(lo) + (Math.log(Math.max(hi, lo)) - Math.log(lo)) * u(6));
    const median = Math.round(20 + 800 * u(7) ** 2);
    const timeoutS = pick([3, 6, 10, 15, 30, 60, 300, 900], u(8));
    const arm = ARCH_BY_RUNTIME_ARM.test(runtime) && u(9) < 0.3;
    out.push({
      name: `${g.namePrefix}-${String(i).padStart(5, "0")}`,
      region,
      runtime,
      packageType: "Zip",
      handler: "index.handler",
      architecture: arm ? "arm64" : "x86_64",
      memoryMB,
      timeoutS: Math.max(timeoutS, Math.ceil((median * 6) / 1000)),
      ephemeralStorageMB: 512,
      codeSizeBytes: Math.round(50_000 + 20_000_000 * u(10) ** 3),
      description: "",
      role: pick(g.roles, u(11)),
      layers: [],
      environment: { ...g.environment, SERVICE_INDEX: String(i) },
      tracing: u(12) < 0.3 ? "Active" : "PassThrough",
      logFormat: u(13) < 0.2 ? "JSON" : "Text",
      logRetentionDays: u(14) < 0.3 ? null : pick([7, 14, 30, 90], u(15)),
      snapStart: false,
      tags: team ? { team, service: `${g.namePrefix}-${hash(i) % 200}` } : {},
      eventSources: [],
      versions: [],
      aliases: [],
      lastModifiedMinutesAgo: Math.round(60 * 24 * 90 * u(16)),
      workload: {
        rpm,
        dailyAmplitude: 0.4,
        noise: 0.2,
        durationMedianMs: median,
        durationP99Ms: median * (2 + 4 * u(17)),
        errorRate: u(18) < 0.9 ? 0.001 : 0.02,
        maxMemoryUsedMB: Math.max(40, Math.round(memoryMB * (0.2 + 0.6 * u(19)))),
        invocationType: "sync",
        iteratorAgeMs: 0,
        errorMessages: [],
        incidents: [],
      },
    });
  }
  return out;
}

/** Stable numeric id of a function for the model's random streams (independent of list order). */
export function functionStreamId(fn: { region: string; name: string }): number {
  return hashString(`${fn.region}/${fn.name}`);
}

export const scenarioJsonSchema = () => z.toJSONSchema(scenarioSchema, { io: "input" });
