import { apiErrorSchema, type ErrorCode } from "@/lib/schemas/common";

/**
 * The one fetcher of every query: GET a same-origin API path, parse JSON, and on failure throw a
 * FetchError carrying the HTTP status, the API's error code and the server's own message (which
 * Headroom writes for people: "region eu-west-1 did not answer"), so a panel can show it as is.
 */

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code?: ErrorCode,
  ) {
    super(message);
  }
}

export function isFetchError(e: unknown): e is FetchError {
  return e instanceof FetchError;
}

/** Query string from defined values, in a stable order: `?a=1&b=2`, or "". */
export function queryString(params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v !== undefined && v !== "") search.set(key, v);
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

export async function fetchJson<T>(path: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      signal: init.signal,
      headers: { accept: "application/json" },
      // Revalidate every time: the server answers an unchanged answer with a bodiless 304.
      cache: "no-cache",
      credentials: "same-origin",
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new FetchError("Could not reach the Headroom server. Check that it is running and try again.", 0);
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    const parsed = apiErrorSchema.safeParse(body);
    if (parsed.success) throw new FetchError(parsed.data.error.message, res.status, parsed.data.error.code);
    throw new FetchError(`The server answered with HTTP ${res.status}.`, res.status);
  }
  return (await res.json()) as T;
}
