import { db } from "@/lib/db";
import { subscriptionInclude, type SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

/** Every subscription of the team, in any state, newest first. */
export async function listSubscriptions(teamId: string): Promise<SubscriptionWithRefs[]> {
  return db.subscription.findMany({ where: { teamId }, include: subscriptionInclude, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}
