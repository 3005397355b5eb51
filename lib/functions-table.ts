import type { FindingCounts } from "@/lib/schemas/common";
import type { FunctionRow } from "@/lib/schemas/functions";

/**
 * The function table's pure logic: columns, filtering, sorting, facets and CSV export. The table
 * component only renders what these return, so "what is shown" and "what is exported" are the
 * same rows in the same order by construction.
 *
 * Sorting is built for 15,000 rows: keys are extracted once per sort (no accessor calls inside the
 * comparator), strings compare by code unit on lower-cased copies, and "no data" (null) always
 * sorts last whatever the direction, so unknown figures never pose as the smallest or largest.
 */

export const SORT_KEYS = [
  "name",
  "team",
  "region",
  "runtime",
  "architecture",
  "memoryMB",
  "timeoutS",
  "invocations",
  "errorRate",
  "throttles",
  "p99DurationMs",
  "coldStartRate",
  "monthlyCost",
  "findings",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export interface SortState {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: SortState = { key: "name", dir: "asc" };

/** Stands for "no value" in the runtime and team filters (container images, untagged functions). */
export const NONE = "(none)";

export const SEVERITY_FILTERS = ["critical", "warning", "info", "none"] as const;
export type SeverityFilter = (typeof SEVERITY_FILTERS)[number];

export interface TableFilters {
  /** Case-insensitive substring of name, team, runtime, region or account. */
  q?: string;
  /** Exact runtime, or NONE for functions without one (container images). */
  runtime?: string;
  /** Exact team (case-insensitive), or NONE for untagged functions. */
  team?: string;
  region?: string;
  /** "critical"/"warning"/"info": at least that severity; "none": no findings at all. */
  severity?: SeverityFilter;
}

type KeyKind = "text" | "number";

export interface Column {
  key: SortKey;
  label: string;
  /** How the column sorts: text by code unit (case-insensitive), numbers numerically. */
  kind: KeyKind;
  /** Numbers read best right-aligned. */
  align: "left" | "right";
  /** Direction a first click on the header sorts in: names A→Z, figures largest first. */
  firstDir: SortDir;
}

export const COLUMNS: readonly Column[] = [
  { key: "name", label: "Function", kind: "text", align: "left", firstDir: "asc" },
  { key: "team", label: "Team", kind: "text", align: "left", firstDir: "asc" },
  { key: "region", label: "Region", kind: "text", align: "left", firstDir: "asc" },
  { key: "runtime", label: "Runtime", kind: "text", align: "left", firstDir: "asc" },
  { key: "architecture", label: "Arch", kind: "text", align: "left", firstDir: "asc" },
  { key: "memoryMB", label: "Memory", kind: "number", align: "right", firstDir: "desc" },
  { key: "timeoutS", label: "Timeout", kind: "number", align: "right", firstDir: "desc" },
  { key: "invocations", label: "Invocations", kind: "number", align: "right", firstDir: "desc" },
  { key: "errorRate", label: "Error %", kind: "number", align: "right", firstDir: "desc" },
  { key: "throttles", label: "Throttles", kind: "number", align: "right", firstDir: "desc" },
  { key: "p99DurationMs", label: "p99 duration", kind: "number", align: "right", firstDir: "desc" },
  { key: "coldStartRate", label: "Cold start %", kind: "number", align: "right", firstDir: "desc" },
  { key: "monthlyCost", label: "Monthly cost", kind: "number", align: "right", firstDir: "desc" },
  { key: "findings", label: "Findings", kind: "number", align: "left", firstDir: "desc" },
];

export function isSortKey(v: string): v is SortKey {
  return (SORT_KEYS as readonly string[]).includes(v);
}

export function isSeverityFilter(v: string): v is SeverityFilter {
  return (SEVERITY_FILTERS as readonly string[]).includes(v);
}

/** One number that orders findings: critical first, then warning, then info. */
export function findingsScore(f: FindingCounts | null): number {
  // Not analysed yet: below every analysed function.
  if (!f) return -1;
  // Counts stay far below 1e4 per function; each level outranks any number of the next.
  return Math.min(f.critical, 9999) * 1e8 + Math.min(f.warning, 9999) * 1e4 + Math.min(f.info, 9999);
}

function numberKey(row: FunctionRow, key: SortKey): number | null {
  switch (key) {
    case "memoryMB":
      return row.memoryMB;
    case "timeoutS":
      return row.timeoutS;
    case "invocations":
      return row.invocations;
    case "errorRate":
      return row.errorRate;
    case "throttles":
      return row.throttles;
    case "p99DurationMs":
      return row.p99DurationMs;
    case "coldStartRate":
      return row.coldStartRate;
    case "monthlyCost":
      return row.monthlyCost;
    case "findings":
      return findingsScore(row.findings);
    default:
      return null;
  }
}

function textKey(row: FunctionRow, key: SortKey): string | null {
  switch (key) {
    case "name":
      return row.name;
    case "team":
      return row.team;
    case "region":
      return row.region;
    case "runtime":
      return row.runtime;
    case "architecture":
      return row.architecture;
    default:
      return null;
  }
}

/** The rows in the requested order; a new array, the input is not touched. Ties fall back to name, then id. */
export function sortRows(rows: readonly FunctionRow[], sort: SortState): FunctionRow[] {
  const column = COLUMNS.find((c) => c.key === sort.key);
  const kind: KeyKind = column?.kind ?? "text";
  const sign = sort.dir === "asc" ? 1 : -1;
  const n = rows.length;
  const order = new Array<number>(n);
  const tie = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const row = rows[i];
    tie[i] = row ? `${row.name.toLowerCase()}\u0000${row.id}` : "";
  }
  const byTie = (a: number, b: number): number => {
    const ta = tie[a] ?? "";
    const tb = tie[b] ?? "";
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  };

  if (kind === "number") {
    const keys = new Float64Array(n);
    const missing = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const v = row ? numberKey(row, sort.key) : null;
      if (v === null || !Number.isFinite(v)) missing[i] = 1;
      else keys[i] = v;
    }
    order.sort((a, b) => {
      const ma = missing[a] ?? 1;
      const mb = missing[b] ?? 1;
      if (ma !== mb) return ma - mb;
      if (ma === 0) {
        const d = ((keys[a] ?? 0) - (keys[b] ?? 0)) * sign;
        if (d !== 0) return d;
      }
      return byTie(a, b);
    });
  } else {
    const keys = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const v = row ? textKey(row, sort.key) : null;
      keys[i] = v === null || v === "" ? null : v.toLowerCase();
    }
    order.sort((a, b) => {
      const ka = keys[a] ?? null;
      const kb = keys[b] ?? null;
      if (ka === null || kb === null) {
        if (ka === kb) return byTie(a, b);
        return ka === null ? 1 : -1;
      }
      if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
      return byTie(a, b);
    });
  }

  const out = new Array<FunctionRow>(n);
  let k = 0;
  for (const i of order) {
    const row = rows[i];
    if (row) out[k++] = row;
  }
  out.length = k;
  return out;
}

const SEVERITY_RANK = { unknown: -1, none: 0, info: 1, warning: 2, critical: 3 } as const;

function matchesSeverity(row: FunctionRow, filter: SeverityFilter): boolean {
  if (filter === "none") return row.worstSeverity === "none";
  return SEVERITY_RANK[row.worstSeverity] >= SEVERITY_RANK[filter];
}

/** The rows matching every filter given; an empty filter matches everything. */
export function filterRows(rows: readonly FunctionRow[], filters: TableFilters): FunctionRow[] {
  const q = filters.q?.trim().toLowerCase() ?? "";
  const runtime = filters.runtime;
  const team = filters.team?.toLowerCase();
  const region = filters.region;
  const severity = filters.severity;
  if (!q && !runtime && !team && !region && !severity) return rows.slice();
  return rows.filter((row) => {
    if (runtime && (runtime === NONE ? row.runtime !== null : row.runtime !== runtime)) return false;
    if (team) {
      if (team === NONE.toLowerCase()) {
        if (row.team !== null && row.team !== "") return false;
      } else if ((row.team ?? "").toLowerCase() !== team) return false;
    }
    if (region && row.region !== region) return false;
    if (severity && !matchesSeverity(row, severity)) return false;
    if (q) {
      const hit =
        row.name.toLowerCase().includes(q) ||
        (row.team ?? "").toLowerCase().includes(q) ||
        (row.runtime ?? "").toLowerCase().includes(q) ||
        row.region.includes(q) ||
        row.account.toLowerCase().includes(q);
      if (!hit) return false;
    }
    return true;
  });
}

/** Filter, then sort: exactly the rows the table shows and the CSV contains. */
export function visibleRows(
  rows: readonly FunctionRow[],
  filters: TableFilters,
  sort: SortState,
): FunctionRow[] {
  return sortRows(filterRows(rows, filters), sort);
}

export interface Facets {
  runtimes: string[];
  teams: string[];
  regions: string[];
  /** Whether some rows have no runtime / no team, so the filters can offer NONE. */
  hasNoRuntime: boolean;
  hasNoTeam: boolean;
}

/** The values the filter menus offer, from all rows (not the filtered ones), sorted. */
export function facetsOf(rows: readonly FunctionRow[]): Facets {
  const runtimes = new Set<string>();
  const teams = new Map<string, string>();
  const regions = new Set<string>();
  let hasNoRuntime = false;
  let hasNoTeam = false;
  for (const r of rows) {
    if (r.runtime) runtimes.add(r.runtime);
    else hasNoRuntime = true;
    if (r.team) {
      const lower = r.team.toLowerCase();
      if (!teams.has(lower)) teams.set(lower, r.team);
    } else hasNoTeam = true;
    regions.add(r.region);
  }
  const sorted = (xs: Iterable<string>) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    runtimes: sorted(runtimes),
    teams: [...teams.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    regions: sorted(regions),
    hasNoRuntime,
    hasNoTeam,
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

type CsvCell = string | number | null;

interface CsvColumn {
  header: string;
  value: (row: FunctionRow) => CsvCell;
}

const roundTo = (n: number | null, digits: number): number | null =>
  n === null ? null : Number(n.toFixed(digits));
const percent = (ratio: number | null): number | null => (ratio === null ? null : roundTo(ratio * 100, 4));

/** The table's columns with their units; figures are exact numbers (a spreadsheet formats them). */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { header: "Function", value: (r) => r.name },
  { header: "Account", value: (r) => r.account },
  { header: "Team", value: (r) => r.team },
  { header: "Region", value: (r) => r.region },
  { header: "Runtime", value: (r) => r.runtime },
  { header: "Architecture", value: (r) => r.architecture },
  { header: "Memory (MB)", value: (r) => r.memoryMB },
  { header: "Timeout (s)", value: (r) => r.timeoutS },
  { header: "Invocations", value: (r) => r.invocations },
  { header: "Error rate (%)", value: (r) => percent(r.errorRate) },
  { header: "Throttles", value: (r) => r.throttles },
  { header: "p99 duration (ms)", value: (r) => roundTo(r.p99DurationMs, 3) },
  { header: "Cold start rate (%)", value: (r) => percent(r.coldStartRate) },
  { header: "Monthly cost (USD)", value: (r) => roundTo(r.monthlyCost, 2) },
  { header: "Critical findings", value: (r) => r.findings?.critical ?? "" },
  { header: "Warning findings", value: (r) => r.findings?.warning ?? "" },
  { header: "Info findings", value: (r) => r.findings?.info ?? "" },
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or edge spaces; quotes
 * doubled. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe. Numbers are written as numbers; null ("no data") is an empty field.
 */
export function csvField(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** The CSV of the given rows, in their order, with a header line; lines end with CRLF. */
export function toCsv(rows: readonly FunctionRow[], columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  const lines = [columns.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
