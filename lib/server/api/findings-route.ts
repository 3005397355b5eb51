import "server-only";
import { z } from "zod";
import { findingsParamsSchema, findingsResponseSchema } from "@/lib/schemas/findings";
import { listFindings } from "../findings/list-findings";
import { apiRoute } from "./handler";

/** GET /api/v1/findings (kept beside routes.ts so the findings slice has its own file). */
export const findingsRoute = apiRoute({
  path: z.object({}).strict(),
  query: findingsParamsSchema,
  output: findingsResponseSchema,
  handle: ({ query }) => listFindings(query),
});
