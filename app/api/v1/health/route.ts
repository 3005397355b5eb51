import { healthRoute } from "@/lib/server/api/routes";

export const GET = healthRoute;
