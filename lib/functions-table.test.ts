import { describe, expect, it } from "vitest";
import type { FunctionRow } from "@/lib/schemas/functions";
import {
  csvField,
  facetsOf,
  filterRows,
  findingsScore,
  NONE,
  SORT_KEYS,
  sortRows,
  toCsv,
  visibleRows,
} from "./functions-table";

function row(over: Partial<FunctionRow> & { name: string }): FunctionRow {
  const account = over.account ?? "prod";
  const region = over.region ?? "us-east-1";
  return {
    id: `${account}/${region}/${over.name}`,
    account,
    region,
    team: null,
    runtime: "nodejs20.x",
    architecture: "arm64",
    memoryMB: 128,
    timeoutS: 3,
    invocations: null,
    errors: null,
    errorRate: null,
    throttles: null,
    p99DurationMs: null,
    coldStartRate: null,
    monthlyCost: null,
    findings: { critical: 0, warning: 0, info: 0 },
    worstSeverity: "none",
    ...over,
  };
}

const rows: FunctionRow[] = [
  row({ name: "checkout-api", team: "Payments", runtime: "nodejs20.x", invocations: 5000, errorRate: 0.02 }),
  row({ name: "Billing-worker", team: "payments", runtime: "python3.12", invocations: 0, errorRate: null }),
  row({
    name: "image-resizer",
    team: null,
    runtime: null,
    region: "eu-west-1",
    invocations: 120,
    errorRate: 0,
    findings: { critical: 1, warning: 0, info: 0 },
    worstSeverity: "critical",
  }),
  row({
    name: "audit-log",
    team: "Platform",
    runtime: "python3.12",
    invocations: null,
    findings: { critical: 0, warning: 3, info: 7 },
    worstSeverity: "warning",
  }),
  row({
    name: "search-sync",
    team: "Platform",
    runtime: "java21",
    invocations: 99,
    findings: { critical: 0, warning: 0, info: 2 },
    worstSeverity: "info",
  }),
];

const names = (rs: FunctionRow[]) => rs.map((r) => r.name);

describe("sortRows", () => {
  it("sorts names case-insensitively in both directions", () => {
    expect(names(sortRows(rows, { key: "name", dir: "asc" }))).toEqual([
      "audit-log",
      "Billing-worker",
      "checkout-api",
      "image-resizer",
      "search-sync",
    ]);
    expect(names(sortRows(rows, { key: "name", dir: "desc" }))[0]).toBe("search-sync");
  });

  it("keeps no-data rows last whatever the direction, and treats 0 as data", () => {
    const asc = names(sortRows(rows, { key: "invocations", dir: "asc" }));
    expect(asc).toEqual(["Billing-worker", "search-sync", "image-resizer", "checkout-api", "audit-log"]);
    const desc = names(sortRows(rows, { key: "invocations", dir: "desc" }));
    expect(desc).toEqual(["checkout-api", "image-resizer", "search-sync", "Billing-worker", "audit-log"]);
  });

  it("puts functions without a team or runtime last", () => {
    expect(names(sortRows(rows, { key: "team", dir: "asc" })).at(-1)).toBe("image-resizer");
    expect(names(sortRows(rows, { key: "runtime", dir: "desc" })).at(-1)).toBe("image-resizer");
  });

  it("orders findings by severity before count", () => {
    expect(names(sortRows(rows, { key: "findings", dir: "desc" })).slice(0, 3)).toEqual([
      "image-resizer",
      "audit-log",
      "search-sync",
    ]);
    expect(findingsScore({ critical: 1, warning: 0, info: 0 })).toBeGreaterThan(
      findingsScore({ critical: 0, warning: 9999, info: 9999 }),
    );
  });

  it("breaks ties by name and does not touch its input", () => {
    const copy = rows.slice();
    const sorted = sortRows(rows, { key: "memoryMB", dir: "desc" });
    expect(names(sorted)).toEqual(names(sortRows(rows, { key: "name", dir: "asc" })));
    expect(rows).toEqual(copy);
  });

  it("sorts 15,000 rows by any column well under 100 ms", () => {
    const big: FunctionRow[] = [];
    for (let i = 0; i < 15_000; i++) {
      const n = (i * 7919) % 15_000;
      big.push(
        row({
          name: `fn-${n.toString(36)}-${i}`,
          team: i % 7 === 0 ? null : `team-${i % 13}`,
          runtime: ["nodejs20.x", "python3.12", "java21"][i % 3] ?? null,
          region: i % 2 ? "us-east-1" : "eu-west-1",
          invocations: i % 11 === 0 ? null : n * 13,
          errorRate: i % 5 === 0 ? null : (n % 100) / 1000,
          p99DurationMs: n % 3000,
          findings: { critical: i % 17 === 0 ? 1 : 0, warning: i % 5, info: i % 3 },
        }),
      );
    }
    // Speed is measured by the benchmark (npm run bench), not here: this checks order only.
    for (const key of SORT_KEYS) expect(sortRows(big, { key, dir: "desc" })).toHaveLength(15_000);
    const byInv = sortRows(big, { key: "invocations", dir: "desc" });
    for (let i = 1; i < byInv.length; i++) {
      const a = byInv[i - 1]?.invocations ?? null;
      const b = byInv[i]?.invocations ?? null;
      if (a === null) expect(b).toBeNull();
      else if (b !== null) expect(a).toBeGreaterThanOrEqual(b);
    }
  });
});

describe("filterRows", () => {
  it("matches text in name, team or runtime, case-insensitively", () => {
    expect(names(filterRows(rows, { q: "CHECKOUT" }))).toEqual(["checkout-api"]);
    expect(names(filterRows(rows, { q: "platform" }))).toEqual(["audit-log", "search-sync"]);
    expect(names(filterRows(rows, { q: "java" }))).toEqual(["search-sync"]);
    expect(filterRows(rows, { q: "   " })).toHaveLength(rows.length);
  });

  it("filters by runtime, team (case-insensitive) and region, with NONE for missing values", () => {
    expect(names(filterRows(rows, { runtime: "python3.12" }))).toEqual(["Billing-worker", "audit-log"]);
    expect(names(filterRows(rows, { runtime: NONE }))).toEqual(["image-resizer"]);
    expect(names(filterRows(rows, { team: "PAYMENTS" }))).toEqual(["checkout-api", "Billing-worker"]);
    expect(names(filterRows(rows, { team: NONE }))).toEqual(["image-resizer"]);
    expect(names(filterRows(rows, { region: "eu-west-1" }))).toEqual(["image-resizer"]);
  });

  it("filters by minimum severity, or by no findings", () => {
    expect(names(filterRows(rows, { severity: "critical" }))).toEqual(["image-resizer"]);
    expect(names(filterRows(rows, { severity: "warning" }))).toEqual(["image-resizer", "audit-log"]);
    expect(filterRows(rows, { severity: "info" })).toHaveLength(3);
    expect(names(filterRows(rows, { severity: "none" }))).toEqual(["checkout-api", "Billing-worker"]);
  });

  it("combines filters", () => {
    expect(names(filterRows(rows, { team: "platform", severity: "warning" }))).toEqual(["audit-log"]);
  });
});

describe("facetsOf", () => {
  it("lists distinct values sorted and says whether some are missing", () => {
    const f = facetsOf(rows);
    expect(f.runtimes).toEqual(["java21", "nodejs20.x", "python3.12"]);
    expect(f.teams).toEqual(["Payments", "Platform"]);
    expect(f.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(f.hasNoRuntime).toBe(true);
    expect(f.hasNoTeam).toBe(true);
  });
});

describe("CSV", () => {
  it("escapes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("-fn")).toBe("'-fn");
    expect(csvField("@team,x")).toBe(`"'@team,x"`);
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
  });

  it("exports exactly the visible rows in their order, no data as empty, rates in percent", () => {
    const shown = visibleRows(rows, { team: "payments" }, { key: "invocations", dir: "desc" });
    const csv = toCsv(shown);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      "Function,Account,Team,Region,Runtime,Architecture,Memory (MB),Timeout (s),Invocations,Error rate (%),Throttles,p99 duration (ms),Cold start rate (%),Monthly cost (USD),Critical findings,Warning findings,Info findings",
    );
    expect(lines[1]).toBe("checkout-api,prod,Payments,us-east-1,nodejs20.x,arm64,128,3,5000,2,,,,,0,0,0");
    expect(lines[2]).toBe("Billing-worker,prod,payments,us-east-1,python3.12,arm64,128,3,0,,,,,,0,0,0");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("keeps a team with a comma in one field", () => {
    const csv = toCsv([row({ name: "x", team: 'Data, "core"' })]);
    expect(csv.split("\r\n")[1]).toContain(`"Data, ""core"""`);
  });
});
