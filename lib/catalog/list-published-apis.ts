import { db } from "@/lib/db";

/** APIs anyone may see in the catalog: published or deprecated, public. Retired and drafts are hidden. */
export async function listPublishedApis() {
  const apis = await db.api.findMany({
    where: { visibility: "PUBLIC", status: { in: ["PUBLISHED", "DEPRECATED"] } },
    select: {
      id: true, slug: true, name: true, summary: true, tags: true, status: true, version: true,
      plans: { where: { archivedAt: null }, select: { pricePerCall: true }, orderBy: { pricePerCall: "asc" } },
    },
    orderBy: { name: "asc" },
  });
  return apis.map(({ plans, ...api }) => ({ ...api, priceFrom: plans.length ? plans[0].pricePerCall : null }));
}

export type CatalogEntry = Awaited<ReturnType<typeof listPublishedApis>>[number];
