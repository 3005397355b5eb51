import type { Severity } from "@/lib/analysis/severity";
import type {
  ConditionValue,
  PolicyCondition,
  PolicyDocument,
  PolicyPrincipal,
  PolicyStatement,
} from "./types";

/** A statement with every list-or-string element turned into a list, and its position kept. */
export interface NormalizedStatement {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  actionElement: "Action" | "NotAction";
  actions: string[];
  resourceElement: "Resource" | "NotResource";
  resources: string[];
  /** Undefined when absent or empty. */
  condition?: PolicyCondition;
  principal?: PolicyPrincipal;
}

/** Strings of a string-or-list element; anything else in it (malformed input) is dropped. */
export function toList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Objects only: element values are checked one by one below, so a malformed document cannot throw. */
function isStatementObject(s: unknown): s is PolicyStatement {
  return typeof s === "object" && s !== null;
}

export function statementsOf(document: PolicyDocument): NormalizedStatement[] {
  const raw: unknown = document.Statement;
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  return list.flatMap((s, index) => (isStatementObject(s) ? [normalize(s, index)] : []));
}

function normalize(s: PolicyStatement, index: number): NormalizedStatement {
  const notAction = s.Action === undefined && s.NotAction !== undefined;
  const notResource = s.Resource === undefined && s.NotResource !== undefined;
  const hasCondition =
    typeof s.Condition === "object" && s.Condition !== null && Object.keys(s.Condition).length > 0;
  return {
    index,
    ...(s.Sid ? { sid: s.Sid } : {}),
    // Effect is case-sensitive in IAM; accepting "deny" errs towards honouring a Deny.
    effect: String(s.Effect).toLowerCase() === "deny" ? "Deny" : "Allow",
    actionElement: notAction ? "NotAction" : "Action",
    actions: toList(notAction ? s.NotAction : s.Action),
    resourceElement: notResource ? "NotResource" : "Resource",
    resources: toList(notResource ? s.NotResource : s.Resource),
    ...(hasCondition ? { condition: s.Condition } : {}),
    ...(s.Principal !== undefined ? { principal: s.Principal } : {}),
  };
}

/** `*`, `**`: every action of every service. */
export function isAllAsterisks(pattern: string): boolean {
  return /^\*+$/.test(pattern.trim());
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** IAM glob: `*` any run of characters, `?` one character. */
export function globToRegExp(pattern: string, flags = ""): RegExp {
  const body = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, flags);
}

/** Condition keys are case-insensitive ("Condition element", IAM User Guide). */
export function conditionValues(
  condition: PolicyCondition | undefined,
  key: string,
): Array<{ operator: string; values: string[] }> {
  if (!condition) return [];
  const wanted = key.toLowerCase();
  return Object.entries(condition).flatMap(([operator, entries]) =>
    Object.entries(entries)
      .filter(([k]) => k.toLowerCase() === wanted)
      .map(([, value]) => ({ operator, values: valuesOf(value) })),
  );
}

export function hasConditionKey(condition: PolicyCondition | undefined, keys: readonly string[]): boolean {
  return keys.some((k) => conditionValues(condition, k).length > 0);
}

function valuesOf(value: ConditionValue): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A condition limits when a statement applies: one step less urgent, never dropped. */
export function lowerSeverity(severity: Severity): Severity {
  return severity === "critical" ? "warning" : "info";
}

/** Says that a condition was taken into account, and whether it lowered the severity. */
export function conditionNote(base: Severity, lowered: Severity): string {
  return base === lowered
    ? "A Condition limits when the statement applies (see evidence)."
    : "A Condition limits when the statement applies (see evidence), so the severity is one step lower.";
}

/** How a statement is named in finding text: its Sid, else its position. */
export function statementLabel(policyName: string, s: NormalizedStatement): string {
  return `${policyName} statement ${s.sid ? `"${s.sid}"` : `#${s.index + 1}`}`;
}

export function quoteList(items: readonly string[], max = 4): string {
  const shown = items.slice(0, max).map((i) => `"${i}"`);
  const more = items.length > max ? ` and ${items.length - max} more` : "";
  return shown.join(", ") + more;
}
