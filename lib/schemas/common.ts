import { z } from "zod";

/**
 * Shapes shared by every API response. Route handlers parse their output with these schemas on
 * the way out, so a field that is not declared here (an environment variable's value, a raw SDK
 * error) cannot reach the browser.
 */

export const errorCodeSchema = z.enum([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "access_denied",
  "throttled",
  "region_unavailable",
  "timeout",
  "aws_error",
  "internal_error",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The one error shape of the API: `{ "error": { "code", "message" } }`. */
export const apiErrorSchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string() }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const sectionErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type SectionError = z.infer<typeof sectionErrorSchema>;

/**
 * A part of a response that can fail on its own. `asOf` is when the data was read from AWS;
 * `stale` marks data kept from an earlier read because the latest one failed.
 */
export const sectionSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion("status", [
    z.object({
      status: z.literal("ok"),
      data,
      asOf: z.string(),
      stale: z.boolean().optional(),
      partial: z.boolean().optional(),
    }),
    z.object({
      status: z.literal("error"),
      error: sectionErrorSchema,
      asOf: z.string().optional(),
      data: data.optional(),
    }),
  ]);
export type Section<T> =
  | { status: "ok"; data: T; asOf: string; stale?: boolean; partial?: boolean }
  | { status: "error"; error: SectionError; asOf?: string; data?: T };

/** Where a piece of data came from: one region of one configured account. */
export const scopeSchema = z.object({ account: z.string(), region: z.string() });
export type Scope = z.infer<typeof scopeSchema>;

/** A section's status per account and region, so the UI can say which region failed. */
export const scopeStatusSchema = scopeSchema.extend({
  status: z.enum(["ok", "error"]),
  error: sectionErrorSchema.optional(),
  asOf: z.string().optional(),
  stale: z.boolean().optional(),
  /** Some of the scope's data is still loading or a query did not complete; ask again for the rest. */
  partial: z.boolean().optional(),
});
export type ScopeStatus = z.infer<typeof scopeStatusSchema>;

export const RANGE_PRESETS = ["1h", "3h", "12h", "24h", "3d", "7d", "30d"] as const;
export const rangePresetSchema = z.enum(RANGE_PRESETS);
export type RangePreset = z.infer<typeof rangePresetSchema>;

/** A resolved time range: absolute bounds and the metric period chosen for it. */
export const timeRangeSchema = z.object({
  start: z.string(),
  end: z.string(),
  /** Seconds per datapoint for charts over this range. */
  periodSeconds: z.number().int().positive(),
  preset: rangePresetSchema.optional(),
});
export type TimeRange = z.infer<typeof timeRangeSchema>;

export const severitySchema = z.enum(["critical", "warning", "info"]);

export const findingCountsSchema = z.object({
  critical: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
});
export type FindingCounts = z.infer<typeof findingCountsSchema>;

/** GET /api/v1/health: answers without any AWS call. */
export const healthSchema = z.object({
  status: z.literal("ok"),
  time: z.string(),
  accounts: z.number().int(),
  regions: z.array(z.string()),
});
export type Health = z.infer<typeof healthSchema>;
