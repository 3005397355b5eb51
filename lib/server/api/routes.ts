import "server-only";
import { z } from "zod";
import { accountsResponseSchema, overviewSchema } from "@/lib/schemas/accounts";
import { healthSchema } from "@/lib/schemas/common";
import {
  coldStartsResponseSchema,
  functionDetailSchema,
  functionErrorsSchema,
  functionListSchema,
  functionMetricsSchema,
} from "@/lib/schemas/functions";
import { functionListParamsSchema, functionPathSchema, rangeParamsSchema } from "@/lib/schemas/params";
import { getAccounts } from "../accounts/get-accounts";
import { getHealth } from "../health";
import { getColdStarts } from "../functions/get-cold-starts";
import { getFunctionDetail } from "../functions/get-function";
import { getFunctionErrors } from "../functions/get-function-errors";
import { getFunctionMetrics } from "../functions/get-function-metrics";
import { listFunctions } from "../functions/list-functions";
import { getOverview } from "../overview/get-overview";
import { apiRoute } from "./handler";

/** Every /api/v1 route: its parameters, its lib/server function and its response schema. */

const noPath = z.object({}).strict();
const noQuery = z.object({}).strict();

export const healthRoute = apiRoute({
  path: noPath,
  query: noQuery,
  output: healthSchema,
  handle: async () => getHealth(),
});

export const accountsRoute = apiRoute({
  path: noPath,
  query: noQuery,
  output: accountsResponseSchema,
  handle: () => getAccounts(),
});

export const overviewRoute = apiRoute({
  path: noPath,
  query: rangeParamsSchema,
  output: overviewSchema,
  handle: ({ query }) => getOverview(query),
});

export const functionsRoute = apiRoute({
  path: noPath,
  query: functionListParamsSchema,
  output: functionListSchema,
  handle: ({ query }) => listFunctions(query, { warmFindings: true }),
});

export const functionDetailRoute = apiRoute({
  path: functionPathSchema,
  query: rangeParamsSchema,
  output: functionDetailSchema,
  handle: ({ path, query }) => getFunctionDetail(path, query),
});

export const functionMetricsRoute = apiRoute({
  path: functionPathSchema,
  query: rangeParamsSchema,
  output: functionMetricsSchema,
  handle: ({ path, query }) => getFunctionMetrics(path, query),
});

export const functionColdStartsRoute = apiRoute({
  path: functionPathSchema,
  query: rangeParamsSchema,
  output: coldStartsResponseSchema,
  handle: ({ path, query }) => getColdStarts(path, query),
});

export const functionErrorsRoute = apiRoute({
  path: functionPathSchema,
  query: rangeParamsSchema,
  output: functionErrorsSchema,
  handle: ({ path, query }) => getFunctionErrors(path, query),
});
