import type { Severity } from "@/lib/analysis/severity";
import {
  conditionNote,
  globToRegExp,
  hasConditionKey,
  lowerSeverity,
  quoteList,
  statementsOf,
  toList,
  type NormalizedStatement,
} from "./statements";
import type {
  FunctionRef,
  IamFinding,
  PolicyDocument,
  PolicyPrincipal,
  ResourcePolicyFindingKind,
  ResourcePolicyInput,
} from "./types";

/**
 * Findings about who may call a function: its resource-based policy ("Viewing resource-based IAM
 * policies in Lambda", https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
 * and its function URL ("Control access to Lambda function URLs",
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
 */

/** Conditions that tie a service principal to one source (confused-deputy prevention,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html). */
const SOURCE_KEYS = [
  "aws:SourceArn",
  "aws:SourceAccount",
  "aws:SourceOwner",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
];

/** Conditions that narrow Principal "*" to known callers. */
const CALLER_KEYS = [
  ...SOURCE_KEYS,
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
];

/** Keys of the statements Lambda adds for a function URL; the URL's AuthType decides their exposure. */
const FUNCTION_URL_KEYS = ["lambda:FunctionUrlAuthType", "lambda:InvokedViaFunctionUrl"];

export function analyzeResourcePolicies(inputs: readonly ResourcePolicyInput[]): IamFinding[] {
  return inputs.flatMap((input) => [
    ...(input.policy ? statementsOf(input.policy) : [])
      .filter((s) => s.effect === "Allow")
      .flatMap((s) => statementFindings(input, s)),
    ...functionUrlFindings(input),
  ]);
}

/** A function's resource-policy statements, as GetPolicy lists them, as a policy document. */
export function resourcePolicyDocument(
  statements: ReadonlyArray<Record<string, unknown>> | null | undefined,
): PolicyDocument | undefined {
  return statements
    ? ({ Version: "2012-10-17", Statement: statements } as unknown as PolicyDocument)
    : undefined;
}

const INVOKE_URL = "lambda:InvokeFunctionUrl";

/**
 * Whether a resource-based policy grants lambda:InvokeFunctionUrl to anyone: an Allow statement
 * whose Action covers it, or whose NotAction leaves it out. Callers outside the account reach a
 * function URL only through such a statement, whatever its AuthType ("Control access to Lambda
 * function URLs", https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html), so without one the
 * URL findings have nothing to judge and its configuration need not be read.
 */
export function policyGrantsUrlInvoke(policy: PolicyDocument | undefined): boolean {
  if (!policy) return false;
  return statementsOf(policy).some((s) => {
    if (s.effect !== "Allow") return false;
    const covered = s.actions.some((a) => globToRegExp(a.trim(), "i").test(INVOKE_URL));
    return s.actionElement === "Action" ? covered : !covered;
  });
}

function principalsOf(principal: PolicyPrincipal | undefined): {
  anyone: boolean;
  aws: string[];
  services: string[];
} {
  if (principal === undefined) return { anyone: false, aws: [], services: [] };
  if (principal === "*") return { anyone: true, aws: [], services: [] };
  const aws = toList(principal.AWS);
  return {
    anyone: aws.includes("*"),
    aws: aws.filter((p) => p !== "*"),
    services: toList(principal.Service),
  };
}

/** "123456789012" or arn:aws:iam::123456789012:root / role / user, arn:aws:sts::…:assumed-role. */
function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

function statementFindings(input: ResourcePolicyInput, s: NormalizedStatement): IamFinding[] {
  const { anyone, aws, services } = principalsOf(s.principal);
  const label = `Statement ${s.sid ? `"${s.sid}"` : `#${s.index + 1}`} of the function's resource-based policy`;
  const actions = quoteList(s.actions);
  const findings: IamFinding[] = [];

  // A function URL's own statement is covered by the URL findings below, or exposes nothing without a URL.
  const urlStatement = hasConditionKey(s.condition, FUNCTION_URL_KEYS);
  const coveredByUrl = urlStatement && input.functionUrl?.authType !== "AWS_IAM";
  if (anyone && !coveredByUrl && !hasConditionKey(s.condition, CALLER_KEYS)) {
    findings.push(
      statementFinding(input, s, "public-invoke", "critical", ["*"], {
        title: "Anyone can call this function",
        detail:
          `${label} allows Principal "*" to ${actions} without an aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID ` +
          "or similar condition, so any AWS account can invoke it, run up its cost and reach whatever its role can.",
        recommendation:
          "Name the calling account or service as Principal, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.",
      }),
    );
  }

  const foreign = [...new Set(aws.flatMap((p) => accountOf(p) ?? []))].filter(
    (a) => a !== input.function.account,
  );
  if (foreign.length > 0) {
    findings.push(
      statementFinding(input, s, "cross-account-invoke", "info", foreign, {
        title: `${foreign.length === 1 ? "Another AWS account" : `${foreign.length} other AWS accounts`} can call this function`,
        detail: `${label} allows account${foreign.length === 1 ? "" : "s"} ${foreign.join(", ")} to ${actions}.`,
        recommendation:
          "Check that each account is one you trust, and remove statements for accounts you no longer use.",
      }),
    );
  }

  if (services.length > 0 && !hasConditionKey(s.condition, SOURCE_KEYS)) {
    findings.push(
      statementFinding(input, s, "service-invoke-unscoped", "warning", services, {
        title: `${services.join(", ")} can call this function for any account`,
        detail:
          `${label} allows ${services.join(", ")} to ${actions} without aws:SourceArn or aws:SourceAccount, so a ` +
          "resource in someone else's account (a bucket, topic or rule of theirs) can trigger this function: the confused-deputy problem.",
        recommendation:
          "Add an aws:SourceArn condition naming the bucket, topic, rule or API that calls the function, or aws:SourceAccount.",
      }),
    );
  }
  return findings;
}

interface Text {
  title: string;
  detail: string;
  recommendation: string;
}

function statementFinding(
  input: ResourcePolicyInput,
  s: NormalizedStatement,
  kind: ResourcePolicyFindingKind,
  base: Severity,
  principals: string[],
  text: Text,
): IamFinding {
  const severity = s.condition ? lowerSeverity(base) : base;
  return {
    id: [kind, input.function.arn, "policy", s.index].join("|"),
    kind,
    severity,
    ...text,
    detail: s.condition ? `${text.detail} ${conditionNote(base, severity)}` : text.detail,
    evidence: {
      source: "statement",
      policyName: "Resource-based policy",
      policyKind: "resource-based",
      statementIndex: s.index,
      ...(s.sid ? { sid: s.sid } : {}),
      actionElement: s.actionElement,
      actions: s.actions,
      resourceElement: s.resourceElement,
      resources: s.resources,
      ...(s.condition ? { condition: s.condition } : {}),
      principals,
    },
    functions: [functionOf(input)],
  };
}

/** AuthType and CORS: "Creating and managing Lambda function URLs",
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html */
function functionUrlFindings(input: ResourcePolicyInput): IamFinding[] {
  const url = input.functionUrl;
  if (!url) return [];
  const allowOrigins = url.cors?.allowOrigins ?? [];
  const evidence = {
    source: "function-url" as const,
    authType: url.authType,
    ...(url.cors ? { allowOrigins } : {}),
  };
  const base = { evidence, functions: [functionOf(input)] };
  const findings: IamFinding[] = [];
  if (url.authType === "NONE") {
    findings.push({
      ...base,
      id: ["function-url-public", input.function.arn, "url"].join("|"),
      kind: "function-url-public",
      severity: "critical",
      title: "Function URL needs no authentication",
      detail:
        "The function URL's AuthType is NONE: Lambda authenticates nobody, so anyone on the internet who has the URL can invoke the function and run up its cost.",
      recommendation:
        "Use AuthType AWS_IAM (or put the function behind API Gateway or CloudFront with authentication); if it must stay public, authenticate in the handler and cap it with reserved concurrency.",
    });
  }
  if (allowOrigins.includes("*")) {
    findings.push({
      ...base,
      id: ["function-url-cors-any", input.function.arn, "url"].join("|"),
      kind: "function-url-cors-any",
      severity: "warning",
      title: "Function URL accepts browser calls from any website",
      detail:
        "The function URL's CORS AllowOrigins contains \"*\": scripts on any website can call it from a visitor's browser and read the response.",
      recommendation: "List the origins of your own front ends in AllowOrigins.",
    });
  }
  return findings;
}

function functionOf(input: ResourcePolicyInput): FunctionRef {
  return { account: input.function.account, region: input.function.region, name: input.function.name };
}
