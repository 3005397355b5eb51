import { z } from "zod";
import { sectionSchema, timeRangeSchema } from "./common";
import { seriesSchema } from "./functions";

/** GetAccountSettings of one region, in the units AWS uses (bytes, executions). */
export const accountSettingsSchema = z.object({
  concurrencyLimit: z.number(),
  unreservedConcurrencyLimit: z.number(),
  codeStorageLimitBytes: z.number(),
  codeStorageUsedBytes: z.number(),
  functionCount: z.number(),
  codeSizeZippedLimitBytes: z.number(),
  codeSizeUnzippedLimitBytes: z.number(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

export const regionSummarySchema = z.object({
  account: z.string(),
  region: z.string(),
  settings: sectionSchema(accountSettingsSchema),
});

export const accountsResponseSchema = z.object({
  accounts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      accountId: sectionSchema(z.string()),
      regions: z.array(regionSummarySchema),
    }),
  ),
  teamTagKey: z.string(),
  asOf: z.string(),
});
export type AccountsResponse = z.infer<typeof accountsResponseSchema>;

/** The concurrency ledger of a region: what the limit is spent on. */
export const concurrencyLedgerSchema = z.object({
  limit: z.number(),
  reserved: z.number(),
  /** AWS keeps at least 100 unreserved (PutFunctionConcurrency). */
  unreservedPool: z.number(),
  unreservedMinimum: z.number(),
  /**
   * Provisioned concurrency of functions without a reservation (that inside a reservation is part
   * of `reserved`), from ClaimedAccountConcurrency; null when the range has no datapoint to tell.
   */
  provisioned: z.number().nullable(),
  /** The datapoint `provisioned` was read from. */
  provisionedAt: z.string().nullable(),
  peak: z.number().nullable(),
  peakUnreserved: z.number().nullable(),
});
export type ConcurrencyLedger = z.infer<typeof concurrencyLedgerSchema>;

export const regionOverviewSchema = z.object({
  account: z.string(),
  region: z.string(),
  ledger: sectionSchema(concurrencyLedgerSchema),
  totals: sectionSchema(
    z.object({
      invocations: z.number().nullable(),
      errors: z.number().nullable(),
      throttles: z.number().nullable(),
      series: z.object({
        invocations: seriesSchema,
        errors: seriesSchema,
        throttles: seriesSchema,
        concurrency: seriesSchema,
      }),
    }),
  ),
});

export const overviewSchema = z.object({
  range: timeRangeSchema,
  regions: z.array(regionOverviewSchema),
  asOf: z.string(),
});
export type Overview = z.infer<typeof overviewSchema>;
