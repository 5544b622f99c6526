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
