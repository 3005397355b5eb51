import { QueryClient } from "@tanstack/react-query";
import { isFetchError } from "./fetch-json";

/** How long fetched data counts as fresh: the BFF caches AWS reads for about as long. */
export const STALE_TIME_MS = 60_000;

/**
 * One QueryClient configuration for the browser and for server prefetching. Client errors (4xx
 * other than 429) are not retried: asking again gives the same answer. The server does not retry
 * at all, and only its successful prefetches are sent to the browser (React Query's default), which
 * fetches a failed one again itself.
 */
export function makeQueryClient(opts: { server?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_TIME_MS,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: true,
        retry: opts.server
          ? false
          : (failures, error) => {
              if (isFetchError(error) && error.status >= 400 && error.status < 500 && error.status !== 429)
                return false;
              return failures < 2;
            },
      },
    },
  });
}
