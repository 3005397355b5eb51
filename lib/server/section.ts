import "server-only";
import type { Scope, ScopeStatus, Section } from "@/lib/schemas/common";
import type { AwsScope } from "@/lib/aws/clients";
import type { CacheResult } from "./cache";
import { AppError, toAppError, withDataAsOf } from "./errors";

/** Turns cache results into the API's sections: ok or error, with "as of", stale and partial said out loud. */

export const iso = (ms: number): string => new Date(ms).toISOString();

export const pendingError = (): AppError =>
  new AppError("timeout", "still reading from AWS; ask again in a few seconds");

export function toSection<T, U = T>(
  r: CacheResult<T>,
  map?: (value: T) => U,
  extra: { partial?: boolean } = {},
): Section<U> {
  if (r.state === "pending") return { status: "error", error: pendingError().toSectionError() };
  if (r.state === "error") return { status: "error", error: r.error.toSectionError() };
  const data = map ? map(r.value) : (r.value as unknown as U);
  if (r.refreshError)
    return { status: "error", error: withDataAsOf(r.refreshError, r.asOf), asOf: iso(r.asOf), data };
  const partial = r.partial || extra.partial;
  return {
    status: "ok",
    data,
    asOf: iso(r.asOf),
    ...(r.stale ? { stale: true } : {}),
    ...(partial ? { partial: true } : {}),
  };
}

export function errorSection<T>(err: unknown): Section<T> {
  return { status: "error", error: toAppError(err).toSectionError() };
}

/** A section built from several reads: ok with the oldest "as of", or the first failure. */
export function okSection<T>(
  data: T,
  asOfMs: number,
  opts: { stale?: boolean; partial?: boolean } = {},
): Section<T> {
  return {
    status: "ok",
    data,
    asOf: iso(asOfMs),
    ...(opts.stale ? { stale: true } : {}),
    ...(opts.partial ? { partial: true } : {}),
  };
}

export function scopeOf(s: AwsScope): Scope {
  return { account: s.account.id, region: s.region };
}

export function scopeStatus(
  s: AwsScope,
  r: CacheResult<unknown>,
  extra: { partial?: boolean } = {},
): ScopeStatus {
  // Still loading: the region's figures are unknown for now, not failed.
  if (r.state === "pending") return { ...scopeOf(s), status: "ok", partial: true };
  const section = toSection(r, () => null, extra);
  if (section.status === "error")
    return {
      ...scopeOf(s),
      status: "error",
      error: section.error,
      ...(section.asOf ? { asOf: section.asOf } : {}),
    };
  return {
    ...scopeOf(s),
    status: "ok",
    asOf: section.asOf,
    ...(section.stale ? { stale: true } : {}),
    ...(section.partial ? { partial: true } : {}),
  };
}

/** The oldest "as of" among results that have data (a response is only as fresh as its oldest part). */
export function oldestAsOf(results: Array<CacheResult<unknown>>, fallback: number): number {
  let oldest = fallback;
  for (const r of results) if (r.state === "ok" && r.asOf < oldest) oldest = r.asOf;
  return oldest;
}
