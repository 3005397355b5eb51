import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { prefetchWithin } from "@/lib/queries/prefetch";
import { makeQueryClient } from "@/lib/queries/query-client";
import { triageParams, triageQuery } from "@/lib/queries/triage";
import { triageResponseSchema } from "@/lib/schemas/triage";
import { parseViewState, type RawSearchParams } from "@/lib/search-params";
import { getTriage } from "@/lib/server/triage/get-triage";
import { TriageClient } from "./client";

export const metadata: Metadata = { title: "Triage" };

/** How long the server waits for the list before letting the browser fetch it itself. */
const PREFETCH_BUDGET_MS = 8_000;

/** Prefetch only: the triage list of the URL's range and scope, under the client's query key. */
export default async function TriagePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = triageParams(parseViewState(await searchParams));
  const queryClient = makeQueryClient({ server: true });
  await prefetchWithin(
    queryClient,
    {
      ...triageQuery(params),
      queryFn: async () => triageResponseSchema.parse(await getTriage(params)),
    },
    PREFETCH_BUDGET_MS,
  );
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TriageClient />
    </HydrationBoundary>
  );
}
