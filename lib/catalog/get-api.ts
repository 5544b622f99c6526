import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { visibleApisWhere, visiblePlansWhere, type CatalogViewer } from "@/lib/catalog/api-visibility";
import { includePlans, type ApiWithPlans } from "@/lib/catalog/api-query";

/** One API by slug with its plans; an API the viewer may not see is "not found", like a missing one. */
export async function getApi(slug: string, viewer: CatalogViewer): Promise<ApiWithPlans> {
  const api = await db.api.findFirst({
    where: { slug, ...visibleApisWhere(viewer) },
    include: includePlans(visiblePlansWhere(viewer)),
  });
  if (!api) throw notFound("This API");
  return api;
}

/** One API for the admin's edit page: every plan (archived too) with its active subscriptions, and its models. */
export async function getApiForAdmin(slug: string) {
  const api = await db.api.findUnique({
    where: { slug },
    include: {
      plans: {
        orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
        include: { _count: { select: { subscriptions: { where: { status: "ACTIVE" } } } } },
      },
      models: { select: { model: { select: { id: true, publicId: true } } }, orderBy: { model: { publicId: "asc" } } },
    },
  });
  if (!api) throw notFound("This API");
  return api;
}

export type AdminApi = Awaited<ReturnType<typeof getApiForAdmin>>;
