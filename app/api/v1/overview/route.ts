import { overviewRoute } from "@/lib/server/api/routes";

export const GET = overviewRoute;
