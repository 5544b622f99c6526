// Cancels a team's subscription to an API, withdrawing a request or plan change still waiting for
// an admin. Cancelling twice is harmless: the second call returns the cancelled subscription unchanged.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorUserId, auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate, subscriptionKey } from "@/lib/cache/invalidate";
import { subscriptionInclude, type SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

export async function cancelSubscription(teamId: string, apiSlug: string, actor: Actor, requestId?: string): Promise<SubscriptionWithRefs> {
  const subscription = await db.$transaction(async (tx) => {
    const current = await tx.subscription.findFirst({
      where: { teamId, api: { slug: apiSlug } },
      select: { id: true, status: true, pendingPlanId: true },
    });
    if (!current) throw notFound("This subscription");
    // Conditional on the live states, so a cancel racing an admin decision cannot undo a rejection.
    const { count } = await tx.subscription.updateMany({
      where: { id: current.id, status: { in: ["PENDING", "ACTIVE"] } },
      data: { status: "CANCELLED", pendingPlanId: null, decidedAt: new Date(), decidedById: actorUserId(actor), reason: null },
    });
    if (count) {
      const metadata = { api: apiSlug, previousStatus: current.status, withdrewPendingPlanId: current.pendingPlanId };
      await recordAudit(
        {
          ...auditActor(actor),
          teamId,
          action: "subscription.cancelled",
          targetType: "subscription",
          targetId: current.id,
          requestId,
          metadata,
        },
        tx,
      );
    }
    return tx.subscription.findUniqueOrThrow({ where: { id: current.id }, include: subscriptionInclude });
  });
  invalidate("subscription", subscriptionKey(teamId, subscription.apiId));
  return subscription;
}
