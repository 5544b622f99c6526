// What subscription reads return: the row with its team, API, plan and the plan a pending change asks for.
import type { Prisma } from "@/lib/db";

const planSelect = { select: { id: true, slug: true, name: true, pricePerCall: true, requiresApproval: true } } as const;

export const subscriptionInclude = {
  team: { select: { id: true, slug: true, name: true } },
  api: { select: { id: true, slug: true, name: true } },
  plan: planSelect,
  pendingPlan: planSelect,
} satisfies Prisma.SubscriptionInclude;

export type SubscriptionWithRefs = Prisma.SubscriptionGetPayload<{ include: typeof subscriptionInclude }>;

/** Waiting for a platform admin: a new request (PENDING) or a plan change of an ACTIVE subscription. */
export const awaitingDecision = {
  OR: [{ status: "PENDING" }, { status: "ACTIVE", pendingPlanId: { not: null } }],
} satisfies Prisma.SubscriptionWhereInput;
