import "server-only";
import { paginateGetResources } from "@aws-sdk/client-resource-groups-tagging-api";
import { taggingClient, type AwsScope } from "./clients";
import { call, type CallContext } from "./errors";

/**
 * Tags of a region's Lambda functions in bulk: Resource Groups Tagging API GetResources, 100
 * resources a call, paginated to the end (one call per 100 tagged functions instead of one
 * GetFunction per function). Only resources that have or had tags are returned: a function that
 * is absent has no tags.
 */

const ctx = (scope: AwsScope): CallContext => ({
  service: "tag",
  operation: "GetResources",
  account: scope.account.id,
  region: scope.region,
  resource: `region ${scope.region}`,
});

/** The maximum GetResources allows. */
const RESOURCES_PER_PAGE = 100;

/** `arn:<partition>:lambda:<region>:<account>:function:<name>`, unqualified. */
const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([a-zA-Z0-9-_]+)$/;

/**
 * Tags of every tagged function of the scope's region, by function name (names are unique in a
 * region). Untagged functions are absent: read a missing entry as "no tags".
 */
export async function listFunctionTags(scope: AwsScope): Promise<Map<string, Record<string, string>>> {
  return call(ctx(scope), async () => {
    const byName = new Map<string, Record<string, string>>();
    const pages = paginateGetResources(
      { client: taggingClient(scope), pageSize: RESOURCES_PER_PAGE },
      { ResourceTypeFilters: ["lambda:function"] },
    );
    for await (const page of pages)
      for (const m of page.ResourceTagMappingList ?? []) {
        const name = FUNCTION_ARN.exec(m.ResourceARN ?? "")?.[1];
        if (!name) continue;
        const tags: Record<string, string> = {};
        for (const t of m.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
        byName.set(name, tags);
      }
    return byName;
  });
}
