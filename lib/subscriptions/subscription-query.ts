// What subscription reads return: the row with its API and plan.
import type { Prisma } from "@/lib/db";

export const subscriptionInclude = {
  api: { select: { id: true, slug: true, name: true } },
  plan: { select: { id: true, slug: true, name: true, pricePerCall: true, requiresApproval: true } },
} satisfies Prisma.SubscriptionInclude;

export type SubscriptionWithRefs = Prisma.SubscriptionGetPayload<{ include: typeof subscriptionInclude }>;
