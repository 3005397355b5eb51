import { describe, expect, it } from "vitest";
import { bindRefusal, parseAuthConfig } from "./config";
import { createSession, readSession, safeNext, signValue, verifyValue } from "./session";

const SECRET = "x".repeat(40);

describe("sessions", () => {
  it("round-trips a session and refuses it after expiry", () => {
    const now = Date.UTC(2026, 10, 22, 12);
    const cookie = createSession({ sub: "alice", email: "alice@example.com" }, SECRET, 3600, now);
    expect(readSession(cookie, SECRET, now + 1000)).toMatchObject({
      sub: "alice",
      email: "alice@example.com",
    });
    expect(readSession(cookie, SECRET, now + 3600 * 1000)).toBeUndefined();
  });

  it("refuses a tampered payload, a wrong secret and garbage", () => {
    const cookie = createSession({ sub: "alice" }, SECRET, 3600);
    const [body, sig] = cookie.split(".");
    const forged = `${Buffer.from(JSON.stringify({ sub: "admin", iat: 0, exp: 4e9 })).toString("base64url")}.${sig}`;
    expect(readSession(forged, SECRET)).toBeUndefined();
    expect(readSession(cookie, "y".repeat(40))).toBeUndefined();
    expect(readSession(`${body}`, SECRET)).toBeUndefined();
    expect(readSession("not.a.cookie", SECRET)).toBeUndefined();
    expect(verifyValue(undefined, SECRET)).toBeUndefined();
    expect(verifyValue(signValue({ a: 1 }, SECRET), SECRET)).toEqual({ a: 1 });
  });

  it.each([
    ["/functions?range=24h", "/functions?range=24h"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    [null, "/"],
    // Tabs and newlines vanish when the browser parses the URL: these are "//evil.example".
    ["/\t/evil.example", "/"],
    ["/\n/evil.example/path", "/"],
    ["/\r\\evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    [
      "/functions/123456789012/us-east-1/api?range=7d#errors",
      "/functions/123456789012/us-east-1/api?range=7d#errors",
    ],
  ])("accepts only relative post-sign-in paths: %s", (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});

describe("auth configuration", () => {
  it("is open without sign-in settings, and then only on loopback", () => {
    const cfg = parseAuthConfig({});
    expect(cfg.mode).toBe("none");
    expect(bindRefusal("127.0.0.1", cfg)).toBeUndefined();
    expect(bindRefusal("::1", cfg)).toBeUndefined();
    expect(bindRefusal("0.0.0.0", cfg)).toMatch(/refuses to listen on 0\.0\.0\.0/);
    expect(bindRefusal("0.0.0.0", cfg)).toMatch(/HEADROOM_AUTH_TOKEN/);
  });

  it("needs a session secret once sign-in is on, and names the variable", () => {
    expect(() => parseAuthConfig({ HEADROOM_AUTH_TOKEN: "a".repeat(20) })).toThrow(/HEADROOM_SESSION_SECRET/);
    expect(() => parseAuthConfig({ HEADROOM_AUTH_TOKEN: "short", HEADROOM_SESSION_SECRET: SECRET })).toThrow(
      /HEADROOM_AUTH_TOKEN/,
    );
    expect(() =>
      parseAuthConfig({ HEADROOM_OIDC_ISSUER: "not a url", HEADROOM_SESSION_SECRET: SECRET }),
    ).toThrow(/HEADROOM_OIDC_ISSUER/);
    expect(() =>
      parseAuthConfig({ HEADROOM_OIDC_ISSUER: "https://id.example.com", HEADROOM_SESSION_SECRET: SECRET }),
    ).toThrow(/HEADROOM_OIDC_CLIENT_ID/);
    const token = parseAuthConfig({ HEADROOM_AUTH_TOKEN: "a".repeat(20), HEADROOM_SESSION_SECRET: SECRET });
    expect(token.mode).toBe("token");
    expect(bindRefusal("0.0.0.0", token)).toBeUndefined();
    const oidc = parseAuthConfig({
      HEADROOM_OIDC_ISSUER: "https://id.example.com",
      HEADROOM_OIDC_CLIENT_ID: "headroom",
      HEADROOM_OIDC_ALLOWED_GROUPS: "sre, platform",
      HEADROOM_SESSION_SECRET: SECRET,
    });
    expect(oidc).toMatchObject({ mode: "oidc", allowedGroups: ["sre", "platform"] });
  });
});
