import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AuthConfigError, type AuthConfig } from "./config";
import { externalAddresses, reachableAt, startHostname, startRefusal } from "./bind";

const NEXT = ["/usr/bin/node", "/app/node_modules/next/dist/bin/next"];
const NONE = (): AuthConfig => ({ mode: "none" });

describe("startHostname", () => {
  it.each<[string[], string | undefined]>([
    [[...NEXT, "start", "--hostname", "127.0.0.1"], "127.0.0.1"],
    [[...NEXT, "start", "--hostname=10.0.0.5", "-p", "3000"], "10.0.0.5"],
    [[...NEXT, "start", "-H", "::1"], "::1"],
    [[...NEXT, "start", "-H0.0.0.0"], "0.0.0.0"],
    [[...NEXT, "start", "-H", "127.0.0.1", "--hostname", "0.0.0.0"], "0.0.0.0"],
    // `next start` listens everywhere when no hostname is given.
    [[...NEXT, "start", "-p", "3000"], "0.0.0.0"],
    [["/usr/bin/node", "/app/node_modules/.bin/next", "start"], "0.0.0.0"],
    // Not `next start`: the address is not on the command line.
    [["/usr/bin/node", "/app/server.js"], undefined],
    [["/usr/bin/node", "/app/node_modules/next/dist/server/lib/start-server.js"], undefined],
    [[...NEXT, "build"], undefined],
  ])("%j → %s", (argv, expected) => {
    expect(startHostname(argv)).toBe(expected);
  });
});

describe("reachableAt and startRefusal", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function listen(host: string): Promise<number> {
    const s = createServer((socket) => socket.end());
    server = s;
    await new Promise<void>((resolve) => s.listen(0, host, resolve));
    const address = s.address();
    if (!address || typeof address === "string") throw new Error("no port");
    return address.port;
  }

  const external = externalAddresses();
  const withNetwork = external.some((a) => a.includes(".")) ? it : it.skip;

  withNetwork("sees a server bound to every interface from the machine's other addresses", async () => {
    const port = await listen("0.0.0.0");
    expect(await reachableAt(port, external)).toBeDefined();
    const reason = await startRefusal(["/usr/bin/node", "/app/server.js"], { PORT: String(port) }, NONE);
    expect(reason).toMatch(/refuses to listen on \S+ without sign-in/);
    expect(reason).toContain("HEADROOM_AUTH_TOKEN");
  });

  withNetwork("does not see a server bound to loopback", async () => {
    const port = await listen("127.0.0.1");
    expect(await reachableAt(port, external)).toBeUndefined();
    expect(
      await startRefusal(["/usr/bin/node", "/app/server.js"], { PORT: String(port) }, NONE),
    ).toBeUndefined();
  });

  it("trusts nothing but the command line of `next start` when it names a public address", async () => {
    const reason = await startRefusal([...NEXT, "start", "--hostname", "0.0.0.0"], {}, NONE);
    expect(reason).toContain("refuses to listen on 0.0.0.0");
  });

  it("lets any address through once sign-in is configured", async () => {
    const token = (): AuthConfig => ({
      mode: "token",
      token: "t".repeat(16),
      secret: "s".repeat(32),
      ttlSeconds: 60,
    });
    expect(await startRefusal([...NEXT, "start", "--hostname", "0.0.0.0"], {}, token)).toBeUndefined();
  });

  it("names a sign-in misconfiguration", async () => {
    const broken = (): AuthConfig => {
      throw new AuthConfigError("HEADROOM_SESSION_SECRET: required when sign-in is on");
    };
    expect(await startRefusal([...NEXT, "start"], {}, broken)).toBe(
      "Sign-in is misconfigured: HEADROOM_SESSION_SECRET: required when sign-in is on",
    );
  });
});
