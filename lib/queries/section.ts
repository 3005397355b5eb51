import type { Section, SectionError } from "@/lib/schemas/common";

/**
 * A response section read for display: the data when there is some (fresh, or kept from an
 * earlier read), the error when the latest read failed, and the freshness flags.
 */
export interface SectionView<T> {
  data: T | undefined;
  error: SectionError | undefined;
  asOf: string | undefined;
  stale: boolean;
  partial: boolean;
}

export function readSection<T>(section: Section<T> | undefined): SectionView<T> {
  if (!section) return { data: undefined, error: undefined, asOf: undefined, stale: false, partial: false };
  if (section.status === "ok")
    return {
      data: section.data,
      error: undefined,
      asOf: section.asOf,
      stale: section.stale ?? false,
      partial: section.partial ?? false,
    };
  // An error section may carry the data of an earlier read: that data is stale by definition.
  return {
    data: section.data,
    error: section.error,
    asOf: section.asOf,
    stale: section.data !== undefined,
    partial: false,
  };
}

/** A section that asks to be read again soon: a partial read, or one that timed out while AWS was still answering. */
export function sectionIncomplete<T>(section: Section<T> | undefined): boolean {
  if (!section) return false;
  return section.status === "ok" ? section.partial === true : section.error.code === "timeout";
}

/** How often to ask again while a response is incomplete, and for how many answers at most. */
export const FOLLOW_UP_MS = 5_000;
export const MAX_FOLLOW_UPS = 12;

/**
 * The refetch interval of a query: soon while its data is incomplete (the server said "ask again
 * in a few seconds"), for a bounded number of answers; otherwise the user's auto-refresh.
 */
export function followUpInterval(
  incomplete: boolean,
  updates: number,
  autoRefresh: number | false,
): number | false {
  if (incomplete && updates <= MAX_FOLLOW_UPS)
    return autoRefresh === false ? FOLLOW_UP_MS : Math.min(FOLLOW_UP_MS, autoRefresh);
  return autoRefresh;
}
