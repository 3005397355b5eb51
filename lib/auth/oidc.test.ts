import { describe, expect, it } from "vitest";
import { parseAuthConfig, type AuthConfig } from "./config";
import { refusal, sessionClaims } from "./oidc";

type OidcConfig = Extract<AuthConfig, { mode: "oidc" }>;

function oidc(env: Record<string, string> = {}): OidcConfig {
  const cfg = parseAuthConfig({
    HEADROOM_OIDC_ISSUER: "https://idp.example.com",
    HEADROOM_OIDC_CLIENT_ID: "headroom",
    HEADROOM_SESSION_SECRET: "s".repeat(40),
    ...env,
  });
  if (cfg.mode !== "oidc") throw new Error("expected oidc mode");
  return cfg;
}

const REFUSED = "Your account is not in a group allowed to use Headroom.";

describe("refusal", () => {
  const cfg = oidc({
    HEADROOM_OIDC_ALLOWED_GROUPS: "sre, platform",
    HEADROOM_OIDC_ALLOWED_EMAILS: "Carol@Example.com",
  });

  it.each<[string, Record<string, unknown>, string | undefined]>([
    ["a member of an allowed group", { sub: "a", groups: ["marketing", "sre"] }, undefined],
    ["a single group sent as a string", { sub: "a", groups: "platform" }, undefined],
    ["an allowed email, whatever its case", { sub: "c", email: "carol@EXAMPLE.com" }, undefined],
    [
      "an allowed email the provider verified",
      { sub: "c", email: "carol@example.com", email_verified: true },
      undefined,
    ],
    [
      "an allowed email the provider did not verify",
      { sub: "c", email: "carol@example.com", email_verified: false },
      REFUSED,
    ],
    [
      "the same, with email_verified as a string",
      { sub: "c", email: "carol@example.com", email_verified: "false" },
      REFUSED,
    ],
    ["no group in common", { sub: "b", email: "bob@example.com", groups: ["marketing"] }, REFUSED],
    ["no claims at all", { sub: "b" }, REFUSED],
    ["a group name that only differs in case", { sub: "b", groups: ["SRE"] }, REFUSED],
    ["non-string groups", { sub: "b", groups: [{ name: "sre" }, 1, null] }, REFUSED],
    ["groups under another claim than the configured one", { sub: "b", roles: ["sre"] }, REFUSED],
  ])("%s", (_label, claims, expected) => {
    expect(refusal(cfg, claims)).toBe(expected);
  });

  it("looks at every group, not only the 50 the session keeps", () => {
    const groups = [...Array.from({ length: 60 }, (_, i) => `team-${i}`), "sre"];
    expect(refusal(cfg, { sub: "a", groups })).toBeUndefined();
    expect(sessionClaims(cfg, { sub: "a", groups }).groups).toHaveLength(50);
  });

  it("reads the configured groups claim", () => {
    const roles = oidc({ HEADROOM_OIDC_ALLOWED_GROUPS: "sre", HEADROOM_OIDC_GROUPS_CLAIM: "roles" });
    expect(refusal(roles, { sub: "a", roles: ["sre"] })).toBeUndefined();
    expect(refusal(roles, { sub: "a", groups: ["sre"] })).toBe(REFUSED);
  });

  it("lets everyone the provider signs in when no group or email is configured", () => {
    expect(refusal(oidc(), { sub: "anyone" })).toBeUndefined();
  });
});

describe("sessionClaims", () => {
  const cfg = oidc();

  it("keeps the subject, name, email and string groups, and nothing else", () => {
    const claims = {
      sub: "alice",
      name: "Alice",
      email: "alice@example.com",
      groups: ["sre", 7, "oncall"],
      access_token: "must-not-be-kept",
      phone_number: "+1 555",
    };
    expect(sessionClaims(cfg, claims)).toEqual({
      sub: "alice",
      name: "Alice",
      email: "alice@example.com",
      groups: ["sre", "oncall"],
    });
  });

  it("leaves out claims of the wrong type", () => {
    expect(sessionClaims(cfg, { sub: "alice", name: 42, email: ["a@b"], groups: { sre: true } })).toEqual({
      sub: "alice",
      name: undefined,
      email: undefined,
      groups: undefined,
    });
  });
});
