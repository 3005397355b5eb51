/**
 * `npm test`: every check the project has, in order, stopping at the first failure:
 * typecheck, lint and format, unit and integration tests (Vitest, against the sim), the production
 * build, end-to-end tests (Playwright against `next start` and the sim), and a small benchmark run.
 * Ends with one line "tests: N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.CI ? "0" : "1" };
const started = Date.now();
let passed = 0;
let failed = 0;

function step(name: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  const t = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  console.log(
    `=== ${name}: ${ok ? "ok" : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  return ok;
}

function countVitest(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}

function countPlaywright(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
}

function finish(ok: boolean): never {
  console.log(`\nAll checks took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(ok && failed === 0 ? 0 : 1);
}

const out = ".test-output";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

if (!step("typecheck", "npx", ["tsc", "--noEmit"])) finish(false);
if (!step("lint", "npx", ["eslint", "--max-warnings=0", "."])) finish(false);
if (!step("format", "npx", ["prettier", "--check", "."])) finish(false);
const unitOk = step("unit and integration tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${out}/vitest.json`,
]);
countVitest(`${out}/vitest.json`);
if (!unitOk) finish(false);
if (!step("production build", "npx", ["next", "build"])) finish(false);
if (!step("chromium", "bash", ["scripts/ensure-chromium.sh"])) finish(false);
const e2eOk = step(
  "end-to-end tests",
  "npx",
  ["playwright", "test", "-c", "playwright/playwright.config.ts", "--reporter=list,json"],
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`,
  },
);
countPlaywright(`${out}/playwright.json`);
if (!e2eOk) finish(false);
if (existsSync("bench/run.ts")) {
  const benchOk = step("benchmark (small)", "npx", ["tsx", "bench/run.ts", "--small"]);
  if (benchOk) passed++;
  else failed++;
}
finish(true);
