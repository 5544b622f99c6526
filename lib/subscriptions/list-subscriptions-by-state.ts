// Subscriptions across all teams by state, for the platform admin (management API), in pages
// ordered by id: the cursor is the last id of the previous page.
import { db, type Prisma } from "@/lib/db";
import { awaitingDecision, subscriptionInclude, type SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

export const SUBSCRIPTION_STATES = ["pending", "active", "rejected", "cancelled"] as const;
type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

const WHERE: Record<SubscriptionState, Prisma.SubscriptionWhereInput> = {
  // "pending" is everything an admin must decide, plan changes of active subscriptions included.
  pending: awaitingDecision,
  active: { status: "ACTIVE" },
  rejected: { status: "REJECTED" },
  cancelled: { status: "CANCELLED" },
};

export async function listSubscriptionsByState(
  state: SubscriptionState,
  page: { limit: number; cursor?: string },
): Promise<{ subscriptions: SubscriptionWithRefs[]; nextCursor: string | null }> {
  const rows = await db.subscription.findMany({
    where: { ...WHERE[state], ...(page.cursor ? { id: { gt: page.cursor } } : {}) },
    include: subscriptionInclude,
    orderBy: { id: "asc" },
    take: page.limit + 1,
  });
  const subscriptions = rows.slice(0, page.limit);
  return { subscriptions, nextCursor: rows.length > page.limit ? subscriptions.at(-1)!.id : null };
}
