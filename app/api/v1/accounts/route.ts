import { accountsRoute } from "@/lib/server/api/routes";

export const GET = accountsRoute;
