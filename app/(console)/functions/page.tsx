import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { functionListQuery } from "@/lib/queries/functions";
import { makeQueryClient } from "@/lib/queries/query-client";
import { functionListSchema } from "@/lib/schemas/functions";
import { functionListParams, parseViewState, type RawSearchParams } from "@/lib/search-params";
import { listFunctions } from "@/lib/server/functions/list-functions";
import { FunctionsClient } from "./client";

export const metadata: Metadata = { title: "Functions" };

/** Prefetch only: the function list of the URL's range and account, under the client's query key. */
export default async function FunctionsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = functionListParams(parseViewState(await searchParams));
  const queryClient = makeQueryClient({ server: true });
  await queryClient.prefetchQuery({
    ...functionListQuery(params),
    queryFn: async () => functionListSchema.parse(await listFunctions(params, { warmFindings: true })),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <FunctionsClient />
    </HydrationBoundary>
  );
}
