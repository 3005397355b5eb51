import { postSignOut } from "@/lib/auth/routes";

export const POST = postSignOut;
