import { functionColdStartsRoute } from "@/lib/server/api/routes";

export const GET = functionColdStartsRoute;
