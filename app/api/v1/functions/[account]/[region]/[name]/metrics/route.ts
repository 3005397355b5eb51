import { functionMetricsRoute } from "@/lib/server/api/routes";

export const GET = functionMetricsRoute;
