/**
 * Lambda managed runtimes with their planning dates. Data, not code: AWS moved these dates several
 * times in 2026 (block-update went 2026-07-01 → 2026-09-30 → 2027-03-03), so the table carries the
 * date it was read and where from. Update the rows and `RUNTIME_TABLE_AS_OF` together.
 *
 * Dates are calendar days (UTC). null = AWS has not published the date, or no source we trust had it.
 */

export type RuntimeFamily = "nodejs" | "python" | "java" | "dotnet" | "ruby" | "go" | "provided";

export interface RuntimeInfo {
  id: string;
  family: RuntimeFamily;
  /** From this day AWS no longer patches the runtime. */
  deprecation: string | null;
  /** From this day new functions cannot use it. */
  blockCreate: string | null;
  /** From this day existing functions using it cannot be updated. */
  blockUpdate: string | null;
  arm64: boolean;
  note?: string;
}

export const RUNTIME_TABLE_AS_OF = "2026-08-15";

export const RUNTIME_TABLE_SOURCES = [
  'AWS "Lambda runtimes", https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, via endoflife-date/release-data releases/aws-lambda.json (deprecation and block-update columns, scraped 2026-08-15)',
  "AWS per-language pages (block-create column): lambda-nodejs.html, lambda-python.html, lambda-java.html, lambda-ruby.html, lambda-csharp.html, runtimes-provided.html",
  'AWS Toolkit for JetBrains, "AWS Lambda runtimes and support" (x86_64-only runtimes)',
  "Compiled in /work/shared/reference/aws-lambda-facts.md §6 (2026-11-22)",
] as const;

type Row = [
  id: string,
  family: RuntimeFamily,
  deprecation: string | null,
  blockCreate: string | null,
  blockUpdate: string | null,
  arm64: boolean,
  note?: string,
];

// prettier-ignore
const ROWS: Row[] = [
  // Supported or scheduled.
  ["nodejs26.x", "nodejs", null, null, null, true, "public preview, not scheduled"],
  ["nodejs24.x", "nodejs", "2028-04-30", "2028-06-01", "2028-07-01", true],
  ["nodejs22.x", "nodejs", "2027-04-30", "2027-06-01", "2027-07-01", true],
  ["python3.15", "python", null, null, null, true, "public preview, not scheduled"],
  ["python3.14", "python", "2029-06-30", null, "2029-08-31", true],
  ["python3.13", "python", "2029-06-30", "2029-07-31", "2029-08-31", true],
  ["python3.12", "python", "2028-10-31", "2028-11-30", "2029-01-10", true],
  ["python3.11", "python", "2027-06-30", "2027-07-31", "2027-08-31", true],
  ["python3.10", "python", "2026-10-31", "2026-11-30", "2027-03-03", true, "block-create from an older page copy"],
  ["java25", "java", "2029-06-30", null, "2029-08-31", true],
  ["java21", "java", "2029-06-30", "2029-07-31", "2029-08-31", true],
  ["java17.al2023", "java", "2029-06-30", null, "2029-08-31", true],
  ["java11.al2023", "java", "2029-06-30", null, "2029-08-31", true],
  ["java8.al2023", "java", "2029-06-30", null, "2029-08-31", true],
  ["java17", "java", "2027-06-30", null, "2027-08-31", true, "AL2; deprecation extended from 2026-06-30 in Jan 2026"],
  ["java11", "java", "2027-06-30", null, "2027-08-31", true, "AL2; deprecation extended from 2026-06-30 in Jan 2026"],
  ["java8.al2", "java", "2027-06-30", null, "2027-08-31", true, "AL2; deprecation extended from 2026-06-30 in Jan 2026"],
  ["dotnet10", "dotnet", "2028-11-14", "2028-12-14", "2029-01-15", true],
  ["dotnet9", "dotnet", "2026-11-10", null, null, true, "container image only"],
  ["dotnet8", "dotnet", "2026-11-10", null, "2027-03-03", true, "block-create unsettled (2026-12-10 or 2027-07-29)"],
  ["ruby4.0", "ruby", "2029-03-31", "2029-04-30", "2029-05-31", true],
  ["ruby3.4", "ruby", "2028-03-31", "2028-04-30", "2028-05-31", true],
  ["ruby3.3", "ruby", "2027-03-31", "2027-04-30", "2027-05-31", true],
  ["provided.al2023", "provided", "2029-06-30", "2029-07-31", "2029-08-31", true],
  ["provided.al2", "provided", "2026-07-31", null, "2027-03-03", true],
  // Deprecated.
  ["nodejs20.x", "nodejs", "2026-04-30", "2026-08-31", "2027-03-03", true],
  ["nodejs18.x", "nodejs", "2025-09-01", null, "2027-03-03", true],
  ["nodejs16.x", "nodejs", "2024-06-12", null, "2027-03-03", true],
  ["nodejs14.x", "nodejs", "2023-12-04", null, "2027-03-03", true],
  ["nodejs12.x", "nodejs", "2023-03-31", null, "2023-04-30", true],
  ["nodejs10.x", "nodejs", "2021-07-30", null, "2022-02-14", false],
  ["nodejs8.10", "nodejs", "2020-03-06", null, "2020-03-06", false],
  ["nodejs6.10", "nodejs", "2019-08-12", null, "2019-08-12", false],
  ["nodejs4.3", "nodejs", "2020-03-05", null, "2020-03-05", false],
  ["nodejs4.3-edge", "nodejs", "2020-03-05", null, "2020-04-30", false],
  ["nodejs", "nodejs", "2016-08-30", null, "2016-10-31", false],
  ["python3.9", "python", "2025-12-15", null, "2027-03-03", true],
  ["python3.8", "python", "2024-10-14", null, "2027-03-03", true],
  ["python3.7", "python", "2023-12-04", null, "2027-03-03", false],
  ["python3.6", "python", "2022-07-18", null, "2022-08-29", false],
  ["python2.7", "python", "2021-07-15", null, "2022-05-30", false],
  ["java8", "java", "2024-01-08", null, "2027-03-03", false, "Amazon Linux 1"],
  ["go1.x", "go", "2024-01-08", null, "2027-03-03", false, "move to provided.al2023"],
  ["provided", "provided", "2024-01-08", null, "2027-03-03", false, "Amazon Linux 1"],
  ["ruby3.2", "ruby", "2026-03-31", null, "2027-03-03", true],
  ["ruby2.7", "ruby", "2023-12-07", null, "2027-03-03", true],
  ["ruby2.5", "ruby", "2021-07-30", null, "2022-03-31", false],
  ["dotnet6", "dotnet", "2024-12-20", null, "2027-03-03", true],
  ["dotnet7", "dotnet", "2024-05-14", null, null, true, "container image only"],
  ["dotnet5.0", "dotnet", "2022-05-10", null, null, true, "container image only"],
  ["dotnetcore3.1", "dotnet", "2023-04-03", null, "2023-05-03", true],
  ["dotnetcore2.1", "dotnet", "2022-01-05", null, "2022-04-13", false],
  ["dotnetcore2.0", "dotnet", "2019-05-30", null, "2019-05-30", false],
  ["dotnetcore1.0", "dotnet", "2019-06-27", null, "2019-07-30", false],
];

export const RUNTIMES: ReadonlyMap<string, RuntimeInfo> = new Map(
  ROWS.map(([id, family, deprecation, blockCreate, blockUpdate, arm64, note]) => [
    id,
    { id, family, deprecation, blockCreate, blockUpdate, arm64, ...(note ? { note } : {}) },
  ]),
);

export function runtimeInfo(runtime: string | undefined): RuntimeInfo | undefined {
  return runtime === undefined ? undefined : RUNTIMES.get(runtime);
}
