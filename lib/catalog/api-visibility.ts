// Which APIs a team may see: published or deprecated ones that are public, or private ones the team
// holds a (pending or active) subscription to. The platform admin sees every API in every state.
import type { Prisma } from "@/lib/db";

export type CatalogViewer = { kind: "admin" } | { kind: "team"; teamId: string };

export function visibleApisWhere(viewer: CatalogViewer): Prisma.ApiWhereInput {
  if (viewer.kind === "admin") return {};
  return {
    status: { in: ["PUBLISHED", "DEPRECATED"] },
    OR: [
      { visibility: "PUBLIC" },
      { visibility: "PRIVATE", subscriptions: { some: { teamId: viewer.teamId, status: { in: ["PENDING", "ACTIVE"] } } } },
    ],
  };
}

/** Teams see only plans open for subscription; the admin sees archived ones too. */
export function visiblePlansWhere(viewer: CatalogViewer): Prisma.PlanWhereInput {
  return viewer.kind === "admin" ? {} : { archivedAt: null };
}
