import { describe, expect, it } from "vitest";
import { looksSecret } from "./secret-env";

// Token-shaped test values are assembled from parts so that secret scanners do not flag this file.
const j = (...parts: string[]) => parts.join("");
const RANDOM_36 = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

describe("looksSecret", () => {
  it.each([
    // By name.
    ["DB_PASSWORD", "hunter2"],
    ["dbPassword", "hunter2"],
    ["SMTP_PASS", "hunter2"],
    ["JWT_SECRET", "correct horse battery staple"],
    ["GITHUB_TOKEN", "abc"],
    ["API_KEY", "abc123"],
    ["apiKey", "abc123"],
    ["STRIPE_APIKEY", "abc123"],
    ["PRIVATE_KEY", "abc"],
    ["GOOGLE_CREDENTIALS", '{"type":"service_account"}'],
    ["OAUTH_CLIENT_SECRET", "abc"],
    // By value, whatever the name.
    ["SETTING_A", "AKIAIOSFODNN7EXAMPLE"], // AWS's documented example access key id
    ["SETTING_B", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"], // AWS's documented example secret key
    ["SETTING_C", j("eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiIxMjM0In0", ".", "c2lnbmF0dXJlLXZhbHVl")],
    ["SETTING_D", j("-----BEGIN RSA ", "PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----")],
    ["SETTING_E", j("-----BEGIN ", "PRIVATE KEY-----\nMIIE...")],
    ["SETTING_F", j("xox", "b-", "123456789012-abcdefghijkl")],
    ["SETTING_G", j("gh", "p_", RANDOM_36)],
    ["SETTING_H", j("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc")],
    ["DATABASE_URL", "postgres://app:s3cret@db.internal:5432/orders"],
    ["SENTRY_DSN", "https://public:private@sentry.example.com/1"],
    ["SETTING_I", "Zx9Qm2Lp7Rt4Vb8Nc1Kd6Hf3Jg5Ws0Ty"], // 34 random characters
  ])("%s is secret-looking", (name, value) => {
    expect(looksSecret(name, value)).toBe(true);
  });

  it.each([
    ["TABLE_NAME", "orders"],
    ["LOG_LEVEL", "debug"],
    ["DB_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf"],
    ["DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf"], // a reference
    ["API_KEY_PARAM", "/prod/payments/api-key"],
    ["API_KEY", "/prod/payments/api-key"], // an SSM path
    ["TOKEN_TTL", "3600"],
    ["PASSWORD_MIN_LENGTH", "12"],
    ["AUTH_TOKEN_URL", "https://auth.example.com/oauth/token"],
    ["DATABASE_URL", "postgres://db.internal:5432/orders"], // no credentials in it
    ["SENTRY_DSN", "https://examplePublicKey@o0.ingest.sentry.io/0"], // user only, no password
    ["DB_PASSWORD", ""], // nothing to leak
    ["GIT_SHA", "9fceb02d0ae598e95dc970b74767f19372d61af8"], // hex digest
    ["REQUEST_ID", "550e8400-e29b-41d4-a716-446655440000"], // UUID
    ["BYPASS_CACHE", "true"],
    ["SERVICE_URL", "https://api.example.com/v1/orders"],
  ])("%s is not", (name, value) => {
    expect(looksSecret(name, value)).toBe(false);
  });
});
