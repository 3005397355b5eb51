import { consoleEnv } from "./playwright.config";

/** Refuses to run the end-to-end tests against anything but the local sim (never a real AWS account). */
export default async function globalSetup(): Promise<void> {
  const endpoint = new URL(consoleEnv.AWS_ENDPOINT_URL);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(endpoint.hostname)) {
    throw new Error(`end-to-end tests must run against the local sim, not ${endpoint.origin}`);
  }
  const health = await fetch(`${endpoint.origin}/_sim/health`);
  const body = (await health.json()) as { scenario?: string };
  if (body.scenario !== "demo")
    throw new Error(`expected the sim's demo scenario, found ${String(body.scenario)}`);
}
