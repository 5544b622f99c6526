// Plan input (decimal price strings) -> Prisma data (micro-units).
import { decimalToMicros } from "@/lib/billing/money";
import type { Prisma } from "@/lib/db";
import type { CreatePlan, PatchPlan } from "@/lib/catalog/api-schemas";

export function planCreateData(plan: CreatePlan, sortOrder: number): Omit<Prisma.PlanCreateManyInput, "apiId"> {
  return {
    slug: plan.slug,
    name: plan.name,
    description: plan.description ?? "",
    pricePerCall: decimalToMicros(plan.price),
    rateLimit: plan.rateLimit,
    rateLimitWindowSec: plan.rateLimitWindowSec,
    maxRequestBytes: plan.maxRequestBytes,
    requiresApproval: plan.requiresApproval,
    chargePolicy: plan.chargePolicy,
    sortOrder,
  };
}

export function planUpdateData(plan: PatchPlan): Prisma.PlanUpdateInput {
  const { slug: _slug, price, archived, ...fields } = plan;
  return {
    ...fields,
    ...(price !== undefined ? { pricePerCall: decimalToMicros(price) } : {}),
    ...(archived !== undefined ? { archivedAt: archived ? new Date() : null } : {}),
  };
}
