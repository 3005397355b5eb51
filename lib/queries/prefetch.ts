import type { FetchQueryOptions, QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Server-side prefetch with a time budget. Slow reads (Logs Insights) should not hold up the whole
 * page: past the budget the page renders without that query, which is then not dehydrated (only
 * successful queries are) and the browser fetches it itself, usually joining the server's read
 * that is still under way in the BFF's cache.
 */
export async function prefetchWithin<TData, TKey extends QueryKey>(
  queryClient: QueryClient,
  options: FetchQueryOptions<TData, Error, TData, TKey>,
  budgetMs: number,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, budgetMs);
  });
  await Promise.race([queryClient.prefetchQuery(options), budget]);
  clearTimeout(timer);
}
