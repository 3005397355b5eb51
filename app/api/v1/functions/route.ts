import { functionsRoute } from "@/lib/server/api/routes";

export const GET = functionsRoute;
