import { costsRoute } from "@/lib/server/api/costs-route";

export const GET = costsRoute;
