import { functionDetailRoute } from "@/lib/server/api/routes";

export const GET = functionDetailRoute;
