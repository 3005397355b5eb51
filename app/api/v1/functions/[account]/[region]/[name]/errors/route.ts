import { functionErrorsRoute } from "@/lib/server/api/routes";

export const GET = functionErrorsRoute;
