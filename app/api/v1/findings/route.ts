import { findingsRoute } from "@/lib/server/api/findings-route";

export const GET = findingsRoute;
