import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests: the production build (`next start`) against the sim's demo scenario.
 * Both servers are started here; the console's only link to "AWS" is AWS_ENDPOINT_URL.
 */
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4610);
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3210);
const simUrl = `http://127.0.0.1:${SIM_PORT}`;

export const consoleEnv = {
  AWS_ENDPOINT_URL: simUrl,
  AWS_ACCESS_KEY_ID: "sim",
  AWS_SECRET_ACCESS_KEY: "sim",
  AWS_REGION: "us-east-1",
  HEADROOM_REGIONS: "us-east-1,eu-west-1",
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts/,
  outputDir: "../test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "on-first-retry",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
  ],
  webServer: [
    {
      command: `npx tsx sim/cli.ts --port ${SIM_PORT} --scenario demo`,
      cwd: "..",
      url: `${simUrl}/_sim/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npx next start --hostname 127.0.0.1 --port ${APP_PORT}`,
      cwd: "..",
      url: `http://127.0.0.1:${APP_PORT}/api/v1/health`,
      env: consoleEnv,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
