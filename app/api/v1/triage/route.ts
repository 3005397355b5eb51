import { triageRoute } from "@/lib/server/api/triage-route";

export const GET = triageRoute;
