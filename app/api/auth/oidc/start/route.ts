import { getOidcStart } from "@/lib/auth/routes";

export const GET = getOidcStart;
