import "server-only";
import { z } from "zod";
import { costsParamsSchema, costsResponseSchema } from "@/lib/schemas/costs";
import { getCosts } from "../costs/get-costs";
import { apiRoute } from "./handler";

/** GET /api/v1/costs: cost per team (or function, runtime, architecture, region), savings, change. */
export const costsRoute = apiRoute({
  path: z.object({}).strict(),
  query: costsParamsSchema,
  output: costsResponseSchema,
  handle: ({ query }) => getCosts(query),
});
