import "server-only";
import { z } from "zod";
import { triageParamsSchema, triageResponseSchema } from "@/lib/schemas/triage";
import { getTriage } from "../triage/get-triage";
import { apiRoute } from "./handler";

/** GET /api/v1/triage?range=…&from=…&to=…&account=…&region=…&limit=… */
export const triageRoute = apiRoute({
  path: z.object({}).strict(),
  query: triageParamsSchema,
  output: triageResponseSchema,
  handle: ({ query }) => getTriage(query),
});
