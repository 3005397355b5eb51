import { describe, expect, it } from "vitest";
import { secretLooking } from "./secrets";

describe("secretLooking", () => {
  it.each([
    ["DB_PASSWORD", "hunter2"],
    ["STRIPE_SECRET_KEY", "whatever"],
    ["GITHUB_TOKEN", "abc"],
    ["API_KEY", "x"],
    ["PAYMENT_KEY", "sk_live_51HeadroomCanaryQ8mWv3kTzR7pLx2NfY6cB"],
    ["SOME_ID", "AKIAIOSFODNN7EXAMPLE"],
    ["DATABASE_URL", "postgres://app:s3cr3t@db.internal:5432/app"],
    ["BLOB", "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u"],
  ])("flags %s", (name, value) => {
    expect(secretLooking(name, value)).toBe(true);
  });

  it.each([
    ["TABLE_NAME", "payments-ledger-prod-3f9a"],
    ["POWERTOOLS_SERVICE_NAME", "payments-api-svc"],
    ["QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/orders"],
    ["BUCKET_ARN", "arn:aws:s3:::search-docs-prod"],
    ["LOG_LEVEL", "info"],
    ["EMPTY_SECRET", ""],
  ])("leaves %s alone", (name, value) => {
    expect(secretLooking(name, value)).toBe(false);
  });
});
