import { db } from "@/lib/db";
import { visibleApisWhere, visiblePlansWhere, type CatalogViewer } from "@/lib/catalog/api-visibility";
import { includePlans, type ApiWithPlans } from "@/lib/catalog/api-query";

/** Every API the viewer may see, with plans, by name. The catalog is small (tens of APIs): no paging. */
export async function listApis(viewer: CatalogViewer): Promise<ApiWithPlans[]> {
  return db.api.findMany({
    where: visibleApisWhere(viewer),
    include: includePlans(visiblePlansWhere(viewer)),
    orderBy: [{ name: "asc" }, { slug: "asc" }],
  });
}

/** The admin console's list: every API in every state, with plan and subscription counts. */
export async function listApisForAdmin() {
  const apis = await db.api.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      status: true,
      visibility: true,
      version: true,
      updatedAt: true,
      sunsetAt: true,
      plans: { select: { archivedAt: true } },
      _count: { select: { subscriptions: { where: { status: "ACTIVE" } } } },
    },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
  });
  return apis.map(({ plans, _count, ...api }) => ({
    ...api,
    openPlans: plans.filter((plan) => plan.archivedAt === null).length,
    archivedPlans: plans.filter((plan) => plan.archivedAt !== null).length,
    activeSubscriptions: _count.subscriptions,
  }));
}

export type AdminApiRow = Awaited<ReturnType<typeof listApisForAdmin>>[number];
