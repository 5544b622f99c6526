// What every catalog read returns: the API row with its plans in display order.
import type { Prisma } from "@/lib/db";

const PLAN_ORDER: Prisma.PlanOrderByWithRelationInput[] = [{ sortOrder: "asc" }, { createdAt: "asc" }];

export function includePlans(where: Prisma.PlanWhereInput = {}) {
  return { plans: { where, orderBy: PLAN_ORDER } } satisfies Prisma.ApiInclude;
}

export type ApiWithPlans = Prisma.ApiGetPayload<{ include: { plans: true } }>;
