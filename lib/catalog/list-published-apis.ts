import { db } from "@/lib/db";
import { visibleApisWhere, visiblePlansWhere } from "@/lib/catalog/api-visibility";

/** APIs anyone may see in the catalog: published or deprecated, public. Retired and drafts are hidden. */
export async function listPublishedApis() {
  const viewer = { kind: "public" } as const;
  const apis = await db.api.findMany({
    where: visibleApisWhere(viewer),
    select: {
      id: true, slug: true, name: true, summary: true, tags: true, status: true, version: true,
      plans: { where: visiblePlansWhere(viewer), select: { pricePerCall: true }, orderBy: { pricePerCall: "asc" } },
    },
    orderBy: { name: "asc" },
  });
  return apis.map(({ plans, ...api }) => ({ ...api, priceFrom: plans.length ? plans[0].pricePerCall : null }));
}

export type CatalogEntry = Awaited<ReturnType<typeof listPublishedApis>>[number];
