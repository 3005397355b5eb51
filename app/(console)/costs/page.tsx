import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { costsQuery } from "@/lib/queries/costs";
import { makeQueryClient } from "@/lib/queries/query-client";
import { costsResponseSchema } from "@/lib/schemas/costs";
import { parseViewState, type RawSearchParams } from "@/lib/search-params";
import { getCosts } from "@/lib/server/costs/get-costs";
import { CostsClient } from "./client";
import { costsParams, parseCostView } from "./search-params";
import "./print.css";

export const metadata: Metadata = { title: "Costs" };

/** Prefetch only: the cost report of the URL's view, under the client's query key and response schema. */
export default async function CostsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params = costsParams(parseViewState(raw), parseCostView(raw));
  const queryClient = makeQueryClient({ server: true });
  await queryClient.prefetchQuery({
    ...costsQuery(params),
    queryFn: async () => costsResponseSchema.parse(await getCosts(params)),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CostsClient />
    </HydrationBoundary>
  );
}
