// Which APIs a viewer may see. Anyone (signed out too): published or deprecated public ones. A team
// also sees private ones it holds a (pending or active) subscription to. The platform admin sees
// every API in every state.
import type { Prisma } from "@/lib/db";

export type CatalogViewer = { kind: "admin" } | { kind: "team"; teamId: string } | { kind: "public" };

export function visibleApisWhere(viewer: CatalogViewer): Prisma.ApiWhereInput {
  if (viewer.kind === "admin") return {};
  const listed = { status: { in: ["PUBLISHED", "DEPRECATED"] } } satisfies Prisma.ApiWhereInput;
  if (viewer.kind === "public") return { ...listed, visibility: "PUBLIC" };
  return {
    ...listed,
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
