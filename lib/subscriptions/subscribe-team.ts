// Subscribes a team to an API plan. One row per team and API: re-subscribing after a cancellation
// or rejection reuses it, and choosing another plan updates it. Plans that require approval leave
// the subscription PENDING until an admin decides; the gateway only admits ACTIVE ones.
import { z } from "zod";
import { db, type Plan, type Subscription } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { apiSlugSchema } from "@/lib/catalog/api-schemas";
import type { CatalogViewer } from "@/lib/catalog/api-visibility";
import { forgetSubscription } from "@/lib/gateway/route-cache";
import { findSubscribablePlan } from "@/lib/subscriptions/find-subscribable-api";
import { subscriptionInclude, type SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

export const subscribeSchema = z.object({
  api: apiSlugSchema.meta({ description: "Slug of the API" }),
  plan: apiSlugSchema.meta({ description: "Slug of one of the API's plans" }),
});

export type SubscribeOutcome = "created" | "resubscribed" | "plan_changed" | "unchanged";

function outcomeFor(existing: Subscription | null, plan: Plan): SubscribeOutcome {
  if (!existing) return "created";
  if (existing.status === "CANCELLED" || existing.status === "REJECTED") return "resubscribed";
  return existing.planId === plan.id ? "unchanged" : "plan_changed";
}

export async function subscribeTeam(
  teamId: string,
  input: z.output<typeof subscribeSchema>,
  actor: Actor,
  viewer: CatalogViewer,
  requestId?: string,
): Promise<{ subscription: SubscriptionWithRefs; outcome: SubscribeOutcome }> {
  const result = await db.$transaction(async (tx) => {
    const { api, plan } = await findSubscribablePlan(tx, teamId, input, viewer);
    const existing = await tx.subscription.findUnique({ where: { teamId_apiId: { teamId, apiId: api.id } } });
    const outcome = outcomeFor(existing, plan);
    if (outcome === "unchanged") return { subscription: await tx.subscription.findUniqueOrThrow({ where: { id: existing!.id }, include: subscriptionInclude }), outcome };

    const status = plan.requiresApproval ? "PENDING" : "ACTIVE";
    const fresh = { planId: plan.id, status, reason: null, decidedAt: null, decidedById: null } as const;
    // A concurrent first subscription fails on the (teamId, apiId) unique index: answered as 409.
    const subscription = existing
      ? await tx.subscription.update({ where: { id: existing.id }, data: fresh, include: subscriptionInclude })
      : await tx.subscription.create({ data: { ...fresh, teamId, apiId: api.id }, include: subscriptionInclude });
    const metadata = { api: api.slug, plan: plan.slug, status, previousPlanId: existing?.planId ?? null, previousStatus: existing?.status ?? null };
    await recordAudit({ ...auditActor(actor), teamId, action: `subscription.${outcome}`, targetType: "subscription", targetId: subscription.id, requestId, metadata }, tx);
    return { subscription, outcome };
  });
  if (result.outcome !== "unchanged") forgetSubscription(teamId, result.subscription.apiId);
  return result;
}
