import { redirect } from "next/navigation";
import { globalQuery, type RawSearchParams } from "@/lib/search-params";

/** The console opens on the overview, keeping any range or scope in the link. */
export default async function Home({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  redirect(`/overview${globalQuery(await searchParams)}`);
}
