import { z } from "zod";
import { rangePresetSchema } from "./common";

/**
 * Query-string parameters, shared by route handlers (to validate) and by the client (to build
 * URLs and query keys). Every value arrives as a string.
 */

const isoTime = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 time such as 2026-11-20T12:00:00Z",
});

/** `range=24h`, or `from` and `to` as ISO times. Bounds are checked when the range is resolved. */
export const rangeParamsSchema = z
  .object({
    range: rangePresetSchema.optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
  })
  .strict()
  .refine((p) => !(p.range && (p.from || p.to)), {
    message: "give either range or from/to, not both",
    path: ["range"],
  })
  .refine((p) => Boolean(p.from) === Boolean(p.to), { message: "from and to go together", path: ["from"] });
export type RangeParams = z.infer<typeof rangeParamsSchema>;

/** Names as AWS allows them; anything else is rejected before any AWS call. */
export const accountIdParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a configured account id");
export const regionParam = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be an AWS region such as us-east-1");
export const functionNameParam = z
  .string()
  .regex(/^[a-zA-Z0-9-_]{1,64}$/, "must be a Lambda function name (1-64 letters, digits, - or _)");

const text = z.string().max(200);

export const functionListParamsSchema = z
  .object({
    range: rangePresetSchema.optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    account: accountIdParam.optional(),
    region: regionParam.optional(),
    runtime: z
      .string()
      .regex(/^[a-z0-9.]{1,40}$/, "must be a runtime identifier")
      .optional(),
    team: text.optional(),
    q: text.optional(),
  })
  .strict();
export type FunctionListParams = z.infer<typeof functionListParamsSchema>;

export const functionPathSchema = z.object({
  account: accountIdParam,
  region: regionParam,
  name: functionNameParam,
});
export type FunctionPath = z.infer<typeof functionPathSchema>;
