// The checks before a team may subscribe: the API exists and the caller may see it, it takes new
// subscriptions (PUBLISHED only), and the plan exists and is not archived.
import type { Prisma } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { CatalogViewer } from "@/lib/catalog/api-visibility";

async function findVisibleApi(tx: Prisma.TransactionClient, teamId: string, slug: string, viewer: CatalogViewer) {
  const api = await tx.api.findUnique({ where: { slug }, select: { id: true, slug: true, status: true, visibility: true } });
  if (!api) throw notFound("This API");
  if (viewer.kind === "admin") return api;
  if (api.status === "DRAFT" || api.status === "RETIRED") throw notFound("This API");
  if (api.visibility === "PRIVATE") {
    // Private APIs are granted by the platform admin; a team that already holds one may see it, nothing more.
    const holds = await tx.subscription.count({ where: { teamId, apiId: api.id, status: { in: ["PENDING", "ACTIVE"] } } });
    if (!holds) throw notFound("This API");
    throw new AppError("forbidden", "Subscriptions to this private API are managed by the platform admin.");
  }
  return api;
}

export async function findSubscribablePlan(
  tx: Prisma.TransactionClient,
  teamId: string,
  input: { api: string; plan: string },
  viewer: CatalogViewer,
) {
  const api = await findVisibleApi(tx, teamId, input.api, viewer);
  if (api.status !== "PUBLISHED") {
    throw new AppError("conflict", `This API is ${api.status.toLowerCase()} and takes no new subscriptions.`, {
      api: `The API is ${api.status.toLowerCase()}.`,
    });
  }
  const plan = await tx.plan.findUnique({ where: { apiId_slug: { apiId: api.id, slug: input.plan } } });
  if (!plan || plan.archivedAt) {
    const message = plan ? "This plan is archived and takes no new subscriptions." : `This API has no plan "${input.plan}".`;
    throw new AppError("validation_failed", message, { plan: message });
  }
  return { api, plan };
}
