import { postToken } from "@/lib/auth/routes";

export const POST = postToken;
