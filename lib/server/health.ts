import "server-only";
import { getConfig } from "@/lib/config";
import type { Health } from "@/lib/schemas/common";

/** GET /api/v1/health: the server is up and configured. No AWS call. */
export function getHealth(): Health {
  const config = getConfig();
  return {
    status: "ok",
    time: new Date().toISOString(),
    accounts: config.accounts.length,
    regions: [...new Set(config.accounts.flatMap((a) => a.regions))].sort(),
  };
}
