// What every catalog read returns: the API row with its plans in display order, and for an AI API
// the models it publishes (public ids; a REST API has none).
import type { Prisma } from "@/lib/db";

const PLAN_ORDER: Prisma.PlanOrderByWithRelationInput[] = [{ sortOrder: "asc" }, { createdAt: "asc" }];

const API_MODELS = { select: { model: { select: { id: true, publicId: true } } }, orderBy: { model: { publicId: "asc" } } } as const;

export function includePlans(where: Prisma.PlanWhereInput = {}) {
  return { plans: { where, orderBy: PLAN_ORDER }, models: API_MODELS } satisfies Prisma.ApiInclude;
}

export type ApiWithPlans = Prisma.ApiGetPayload<{ include: { plans: true; models: typeof API_MODELS } }>;
