import { RULE_DEFAULTS } from "@/lib/analysis/thresholds";
import { runtimeInfo, type RuntimeInfo } from "./table";

export type RuntimeState =
  "supported" | "deprecating-soon" | "deprecated" | "blocked-create" | "blocked-update" | "unknown";

export interface RuntimeStatus {
  state: RuntimeState;
  dates: { deprecation: string | null; blockCreate: string | null; blockUpdate: string | null };
  /** Whether the runtime runs on arm64 (false when unknown). */
  arm64: boolean;
  /** Whole days until the deprecation date (negative once passed); null when not scheduled. */
  daysToDeprecation: number | null;
}

const DAY_MS = 86_400_000;
const NO_DATES = { deprecation: null, blockCreate: null, blockUpdate: null };

/** Midnight UTC of an ISO calendar day. */
function dayStart(isoDay: string): number {
  return Date.parse(`${isoDay}T00:00:00Z`);
}

function reached(isoDay: string | null, today: Date): boolean {
  return isoDay !== null && today.getTime() >= dayStart(isoDay);
}

/**
 * Where a runtime stands on `today`. A date takes effect at 00:00 UTC on that day; the latest
 * reached stage wins (blocked-update > blocked-create > deprecated > deprecating-soon).
 */
export function runtimeStatus(
  runtime: string | undefined,
  today: Date,
  noticeDays: number = RULE_DEFAULTS.runtimeDeprecationNoticeDays,
): RuntimeStatus {
  const info: RuntimeInfo | undefined = runtimeInfo(runtime);
  if (!info) return { state: "unknown", dates: NO_DATES, arm64: false, daysToDeprecation: null };
  const dates = {
    deprecation: info.deprecation,
    blockCreate: info.blockCreate,
    blockUpdate: info.blockUpdate,
  };
  const daysToDeprecation =
    info.deprecation === null ? null : Math.ceil((dayStart(info.deprecation) - today.getTime()) / DAY_MS);
  const state: RuntimeState = reached(info.blockUpdate, today)
    ? "blocked-update"
    : reached(info.blockCreate, today)
      ? "blocked-create"
      : reached(info.deprecation, today)
        ? "deprecated"
        : daysToDeprecation !== null && daysToDeprecation <= noticeDays
          ? "deprecating-soon"
          : "supported";
  return { state, dates, arm64: info.arm64, daysToDeprecation };
}
