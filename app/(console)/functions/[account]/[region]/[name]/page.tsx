import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  coldStartsQuery,
  functionDetailQuery,
  functionErrorsQuery,
  functionMetricsQuery,
} from "@/lib/queries/functions";
import { prefetchWithin } from "@/lib/queries/prefetch";
import { makeQueryClient } from "@/lib/queries/query-client";
import {
  coldStartsResponseSchema,
  functionDetailSchema,
  functionErrorsSchema,
  functionMetricsSchema,
} from "@/lib/schemas/functions";
import { functionPathSchema } from "@/lib/schemas/params";
import { parseViewState, toRangeParams, type RawSearchParams } from "@/lib/search-params";
import { getColdStarts } from "@/lib/server/functions/get-cold-starts";
import { getFunctionDetail } from "@/lib/server/functions/get-function";
import { getFunctionErrors } from "@/lib/server/functions/get-function-errors";
import { getFunctionMetrics } from "@/lib/server/functions/get-function-metrics";
import { FunctionDetailClient } from "./client";

type Params = { account: string; region: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const path = functionPathSchema.safeParse(await params);
  return { title: path.success ? path.data.name : "Function" };
}

/** Logs Insights reads may take seconds; the page does not wait longer than this for them. */
const INSIGHTS_BUDGET_MS = 2_500;

/**
 * Prefetch only: configuration and metrics in full, the two Logs Insights reads (cold starts,
 * errors) within a budget. Same lib/server functions, keys and response schemas as the API.
 */
export default async function FunctionDetailPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<RawSearchParams>;
}) {
  const parsed = functionPathSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const path = parsed.data;
  const range = toRangeParams(parseViewState(await searchParams).range);
  const queryClient = makeQueryClient({ server: true });
  await Promise.all([
    queryClient.prefetchQuery({
      ...functionDetailQuery(path, range),
      queryFn: async () => functionDetailSchema.parse(await getFunctionDetail(path, range)),
    }),
    queryClient.prefetchQuery({
      ...functionMetricsQuery(path, range),
      queryFn: async () => functionMetricsSchema.parse(await getFunctionMetrics(path, range)),
    }),
    prefetchWithin(
      queryClient,
      {
        ...coldStartsQuery(path, range),
        queryFn: async () => coldStartsResponseSchema.parse(await getColdStarts(path, range)),
      },
      INSIGHTS_BUDGET_MS,
    ),
    prefetchWithin(
      queryClient,
      {
        ...functionErrorsQuery(path, range),
        queryFn: async () => functionErrorsSchema.parse(await getFunctionErrors(path, range)),
      },
      INSIGHTS_BUDGET_MS,
    ),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <FunctionDetailClient path={path} />
    </HydrationBoundary>
  );
}
