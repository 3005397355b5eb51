import { z } from "zod";
import { scopeStatusSchema, timeRangeSchema, type FindingCounts } from "./common";
import type { FunctionRow } from "./functions";

/**
 * The function list on the wire: one array per column, an entry per function in table order, with
 * accounts, regions, teams and runtimes given once and referred to by index. Field names are sent
 * once instead of once per row, and what a row can derive (its id, error rate and worst severity)
 * is not sent: about a third of the bytes of row objects, to stringify, compress and parse at
 * 15,000 functions. `decodeFunctionList` gives back the rows the table shows.
 */

const ints = z.array(z.number().int().min(0));
const figures = z.array(z.number().nullable());
const indexes = z.array(z.number().int().min(0).nullable());

export const functionColumnsSchema = z.object({
  /** Index into `scopes`. */
  scope: ints,
  name: z.array(z.string()),
  /** Index into `teams`; null: no team tag (or tags unreadable). */
  team: indexes,
  /** Index into `runtimes`; null: a container image. */
  runtime: indexes,
  arm64: z.array(z.boolean()),
  memoryMB: z.array(z.number()),
  timeoutS: z.array(z.number()),
  invocations: figures,
  errors: figures,
  throttles: figures,
  p99DurationMs: figures,
  /** Cold starts / invocations, 0..1, from Logs Insights. */
  coldStartRate: figures,
  /** Projected monthly cost, USD. */
  monthlyCost: figures,
  /** [critical, warning, info]; null until the region's findings are analysed for this range. */
  findings: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()]).nullable()),
});
export type FunctionColumns = z.infer<typeof functionColumnsSchema>;

export const functionListSchema = z
  .object({
    range: timeRangeSchema,
    scopes: z.array(z.object({ account: z.string(), region: z.string() })),
    teams: z.array(z.string()),
    runtimes: z.array(z.string()),
    columns: functionColumnsSchema,
    /** Status of each part per account and region: a failed region degrades its rows only. */
    status: z.object({
      inventory: z.array(scopeStatusSchema),
      metrics: z.array(scopeStatusSchema),
      coldStarts: z.array(scopeStatusSchema),
      /** Whether each region's findings are analysed for this range yet (partial: being analysed). */
      findings: z.array(scopeStatusSchema),
    }),
    asOf: z.string(),
  })
  .superRefine((list, ctx) => {
    const n = list.columns.name.length;
    for (const [key, column] of Object.entries(list.columns))
      if (column.length !== n)
        ctx.addIssue({
          code: "custom",
          path: ["columns", key],
          message: `has ${column.length} entries, not ${n}`,
        });
    const bad = (values: ReadonlyArray<number | null>, size: number) =>
      values.some((i) => i !== null && i >= size);
    if (bad(list.columns.scope, list.scopes.length))
      ctx.addIssue({ code: "custom", path: ["columns", "scope"], message: "refers to a scope not listed" });
    if (bad(list.columns.team, list.teams.length))
      ctx.addIssue({ code: "custom", path: ["columns", "team"], message: "refers to a team not listed" });
    if (bad(list.columns.runtime, list.runtimes.length))
      ctx.addIssue({
        code: "custom",
        path: ["columns", "runtime"],
        message: "refers to a runtime not listed",
      });
  });
export type FunctionListWire = z.infer<typeof functionListSchema>;

/** The function list as the pages use it: rows. */
export type FunctionList = Omit<FunctionListWire, "scopes" | "teams" | "runtimes" | "columns"> & {
  functions: FunctionRow[];
};

/** Errors / invocations; unknown without invocations. */
export function errorRateOf(invocations: number | null, errors: number | null): number | null {
  return invocations && errors !== null ? errors / invocations : null;
}

/** The highest severity among a function's findings; "unknown" until they are analysed. */
export function worstSeverityOf(f: FindingCounts | null): FunctionRow["worstSeverity"] {
  if (!f) return "unknown";
  return f.critical > 0 ? "critical" : f.warning > 0 ? "warning" : f.info > 0 ? "info" : "none";
}

/** A value's index in a dictionary that grows as values are met. */
function dictionary() {
  const values: string[] = [];
  const index = new Map<string, number>();
  return {
    values,
    of(v: string | null): number | null {
      if (v === null) return null;
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        index.set(v, i);
      }
      return i;
    },
  };
}

/** Rows to the wire form (the server's side). The row's id, error rate and worst severity are left out: they follow from the rest. */
export function encodeFunctionList(list: FunctionList): FunctionListWire {
  const scopes = dictionary();
  const teams = dictionary();
  const runtimes = dictionary();
  const rows = list.functions;
  const column = <T>(value: (r: FunctionRow) => T): T[] => rows.map(value);
  const columns: FunctionColumns = {
    scope: column((r) => scopes.of(`${r.account}\n${r.region}`) ?? 0),
    name: column((r) => r.name),
    team: column((r) => teams.of(r.team)),
    runtime: column((r) => runtimes.of(r.runtime)),
    arm64: column((r) => r.architecture === "arm64"),
    memoryMB: column((r) => r.memoryMB),
    timeoutS: column((r) => r.timeoutS),
    invocations: column((r) => r.invocations),
    errors: column((r) => r.errors),
    throttles: column((r) => r.throttles),
    p99DurationMs: column((r) => r.p99DurationMs),
    coldStartRate: column((r) => r.coldStartRate),
    monthlyCost: column((r) => r.monthlyCost),
    findings: column((r) => (r.findings ? [r.findings.critical, r.findings.warning, r.findings.info] : null)),
  };
  return {
    range: list.range,
    scopes: scopes.values.map((s) => {
      const [account = "", region = ""] = s.split("\n");
      return { account, region };
    }),
    teams: teams.values,
    runtimes: runtimes.values,
    columns,
    status: list.status,
    asOf: list.asOf,
  };
}

/** The wire form back to rows (the browser's side). */
export function decodeFunctionList(wire: FunctionListWire): FunctionList {
  const c = wire.columns;
  const functions: FunctionRow[] = c.name.map((name, i) => {
    const scope = wire.scopes[c.scope[i] ?? 0] ?? { account: "", region: "" };
    const team = c.team[i] ?? null;
    const runtime = c.runtime[i] ?? null;
    const invocations = c.invocations[i] ?? null;
    const errors = c.errors[i] ?? null;
    const f = c.findings[i] ?? null;
    const findings = f ? { critical: f[0], warning: f[1], info: f[2] } : null;
    return {
      id: `${scope.account}/${scope.region}/${name}`,
      account: scope.account,
      region: scope.region,
      name,
      team: team === null ? null : (wire.teams[team] ?? null),
      runtime: runtime === null ? null : (wire.runtimes[runtime] ?? null),
      architecture: c.arm64[i] ? "arm64" : "x86_64",
      memoryMB: c.memoryMB[i] ?? 0,
      timeoutS: c.timeoutS[i] ?? 0,
      invocations,
      errors,
      errorRate: errorRateOf(invocations, errors),
      throttles: c.throttles[i] ?? null,
      p99DurationMs: c.p99DurationMs[i] ?? null,
      coldStartRate: c.coldStartRate[i] ?? null,
      monthlyCost: c.monthlyCost[i] ?? null,
      findings,
      worstSeverity: worstSeverityOf(findings),
    };
  });
  return { range: wire.range, functions, status: wire.status, asOf: wire.asOf };
}
