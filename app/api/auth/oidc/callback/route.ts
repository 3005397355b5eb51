import { getOidcCallback } from "@/lib/auth/routes";

export const GET = getOidcCallback;
