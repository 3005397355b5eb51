import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { functionListQuery } from "@/lib/queries/functions";
import { overviewQuery } from "@/lib/queries/overview";
import { makeQueryClient } from "@/lib/queries/query-client";
import { overviewSchema } from "@/lib/schemas/accounts";
import { functionListSchema } from "@/lib/schemas/functions";
import { functionListParams, parseViewState, toRangeParams, type RawSearchParams } from "@/lib/search-params";
import { listFunctions } from "@/lib/server/functions/list-functions";
import { getOverview } from "@/lib/server/overview/get-overview";
import { OverviewClient } from "./client";

export const metadata: Metadata = { title: "Overview" };

/**
 * Prefetch only: the same lib/server functions and query keys as the API routes, parsed with the
 * same response schemas (so nothing undeclared reaches the browser). client.tsx renders.
 */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const view = parseViewState(await searchParams);
  const range = toRangeParams(view.range);
  const list = functionListParams(view);
  const queryClient = makeQueryClient({ server: true });
  await Promise.all([
    queryClient.prefetchQuery({
      ...overviewQuery(range),
      queryFn: async () => overviewSchema.parse(await getOverview(range)),
    }),
    queryClient.prefetchQuery({
      ...functionListQuery(list),
      queryFn: async () => functionListSchema.parse(await listFunctions(list, { warmFindings: true })),
    }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OverviewClient />
    </HydrationBoundary>
  );
}
