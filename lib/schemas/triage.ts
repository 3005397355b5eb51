import { z } from "zod";
import {
  rangePresetSchema,
  scopeStatusSchema,
  sectionSchema,
  severitySchema,
  timeRangeSchema,
} from "./common";
import { errorMessageSchema, seriesSchema } from "./functions";
import { accountIdParam, regionParam } from "./params";

/** GET /api/v1/triage: functions ranked by what hurts now, with since when and what changed. */

const isoTime = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 time such as 2026-11-20T12:00:00Z",
});

export const TRIAGE_DEFAULT_LIMIT = 50;
export const TRIAGE_MAX_LIMIT = 200;

export const triageParamsSchema = z
  .object({
    range: rangePresetSchema.optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    account: accountIdParam.optional(),
    region: regionParam.optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, `must be a whole number from 1 to ${TRIAGE_MAX_LIMIT}`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= TRIAGE_MAX_LIMIT, `must be a whole number from 1 to ${TRIAGE_MAX_LIMIT}`)
      .optional(),
  })
  .strict();
/** As the route receives it (strings). */
export type TriageParamsInput = z.input<typeof triageParamsSchema>;
export type TriageParams = z.infer<typeof triageParamsSchema>;

export const reasonKindSchema = z.enum([
  "errors",
  "throttles",
  "timeouts",
  "duration",
  "out_of_memory",
  "iterator_age",
]);
export type ReasonKindName = z.infer<typeof reasonKindSchema>;

export const triageReasonSchema = z.object({
  kind: reasonKindSchema,
  severity: severitySchema,
  /** Unit of `current` and `baseline`: a ratio 0..1, milliseconds or megabytes. */
  unit: z.enum(["ratio", "ms", "mb"]),
  current: z.number(),
  /** The function's own earlier level, or the limit (out of memory); null without one. */
  baseline: z.number().nullable(),
  /** First interval of the current bad run. */
  since: z.string(),
  /** The run was already going on when the data starts: since then or earlier. */
  sinceStartOfData: z.boolean(),
  /** Timeouts: intervals with a timeout, of the intervals of the run. */
  intervals: z.object({ bad: z.number().int(), of: z.number().int() }).optional(),
  score: z.number(),
});
export type TriageReason = z.infer<typeof triageReasonSchema>;

export const changeEventSchema = z.object({
  kind: z.enum(["modified", "version"]),
  at: z.string(),
  version: z.string().optional(),
});
export type ChangeEventView = z.infer<typeof changeEventSchema>;

export const triageEntrySchema = z.object({
  /** `account/region/name`, the function list's id. */
  id: z.string(),
  account: z.string(),
  region: z.string(),
  name: z.string(),
  runtime: z.string().nullable(),
  memoryMB: z.number(),
  timeoutS: z.number(),
  severity: severitySchema,
  score: z.number(),
  since: z.string(),
  sinceStartOfData: z.boolean(),
  reasons: z.array(triageReasonSchema),
  change: z.object({
    /** LastModified of the function's configuration or code. */
    lastModified: z.string().nullable(),
    inRange: z.array(changeEventSchema),
    /** The newest change in the range before the trouble began. */
    before: changeEventSchema.nullable(),
    startedAfterChange: z.boolean(),
  }),
  /** The leading reason's series (at most 120 points), and where its bad run starts. */
  sparkline: z.object({
    kind: reasonKindSchema,
    unit: z.enum(["ratio", "ms", "count"]),
    series: seriesSchema,
    badFrom: z.string(),
  }),
  logGroupName: z.string(),
  /** A Logs Insights query for this function's errors, ready to paste. */
  insightsQuery: z.string(),
  links: z.object({ function: z.string(), logGroup: z.string(), insights: z.string() }),
  /** Top error messages of the range; null when not looked up (only the first entries are). */
  errors: sectionSchema(z.array(errorMessageSchema)).nullable(),
});
export type TriageEntry = z.infer<typeof triageEntrySchema>;

export const triageResponseSchema = z.object({
  range: timeRangeSchema,
  entries: z.array(triageEntrySchema),
  /** Functions with a problem, before `limit`. */
  total: z.number().int(),
  /** Functions examined. */
  checked: z.number().int(),
  status: z.object({
    inventory: z.array(scopeStatusSchema),
    metrics: z.array(scopeStatusSchema),
    /** Memory used, from the logs (out-of-memory detection). */
    logs: z.array(scopeStatusSchema),
  }),
  asOf: z.string(),
});
export type TriageResponse = z.infer<typeof triageResponseSchema>;
