import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { findingsQuery } from "@/lib/queries/findings";
import { makeQueryClient } from "@/lib/queries/query-client";
import { findingsResponseSchema } from "@/lib/schemas/findings";
import { parseViewState, type RawSearchParams } from "@/lib/search-params";
import { listFindings } from "@/lib/server/findings/list-findings";
import { SecurityClient } from "./client";
import { securityFindingsParams } from "./search-params";

export const metadata: Metadata = { title: "Security" };

/** Prefetch only: the findings of the URL's range, account and region, under the client's query key. */
export default async function SecurityPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = securityFindingsParams(parseViewState(await searchParams));
  const queryClient = makeQueryClient({ server: true });
  await queryClient.prefetchQuery({
    ...findingsQuery(params),
    queryFn: async () => findingsResponseSchema.parse(await listFindings(params)),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SecurityClient />
    </HydrationBoundary>
  );
}
