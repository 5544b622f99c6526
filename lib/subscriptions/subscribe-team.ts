// Subscribes a team to an API plan. One row per team and API: re-subscribing after a cancellation
// or rejection reuses it, and choosing another plan updates it. Plans that require approval leave a
// new subscription PENDING until an admin decides; the gateway only admits ACTIVE ones. An ACTIVE
// subscription asking for such a plan keeps its current plan and status and records the request in
// pendingPlanId, so the team is never cut off while it waits.
import { z } from "zod";
import { db, type Plan, type Prisma, type Subscription } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { apiSlugSchema } from "@/lib/catalog/api-schemas";
import type { CatalogViewer } from "@/lib/catalog/api-visibility";
import { invalidate, subscriptionKey } from "@/lib/cache/invalidate";
import { findSubscribablePlan } from "@/lib/subscriptions/find-subscribable-api";
import { notifyApprovalRequest } from "@/lib/subscriptions/notify-approval-request";
import { subscriptionInclude, type SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

export const subscribeSchema = z.object({
  api: apiSlugSchema.meta({ description: "Slug of the API" }),
  plan: apiSlugSchema.meta({ description: "Slug of one of the API's plans" }),
});

export type SubscribeOutcome = "created" | "resubscribed" | "plan_changed" | "change_requested" | "change_withdrawn" | "unchanged";

type Transition = { outcome: SubscribeOutcome; data: Prisma.SubscriptionUncheckedUpdateInput };

const UNCHANGED: Transition = { outcome: "unchanged", data: {} };

function transition(existing: Subscription | null, plan: Plan, now: Date): Transition {
  const start = {
    planId: plan.id,
    pendingPlanId: null,
    status: plan.requiresApproval ? "PENDING" : "ACTIVE",
    requestedAt: plan.requiresApproval ? now : null,
    reason: null,
    decidedAt: null,
    decidedById: null,
  } as const;
  if (!existing) return { outcome: "created", data: start };
  if (existing.status === "CANCELLED" || existing.status === "REJECTED") return { outcome: "resubscribed", data: start };
  // A request nobody decided yet is simply replaced (and applies at once when the new plan is open).
  if (existing.status === "PENDING") return existing.planId === plan.id ? UNCHANGED : { outcome: "plan_changed", data: start };
  if (existing.planId === plan.id)
    return existing.pendingPlanId ? { outcome: "change_withdrawn", data: { pendingPlanId: null, requestedAt: null } } : UNCHANGED;
  if (existing.pendingPlanId === plan.id) return UNCHANGED;
  if (plan.requiresApproval) return { outcome: "change_requested", data: { pendingPlanId: plan.id, requestedAt: now, reason: null } };
  return { outcome: "plan_changed", data: { planId: plan.id, pendingPlanId: null, requestedAt: null, reason: null } };
}

/** True when the subscription now waits for a platform admin. */
export const awaitsDecision = (subscription: Pick<Subscription, "status" | "pendingPlanId">) =>
  subscription.status === "PENDING" || (subscription.status === "ACTIVE" && subscription.pendingPlanId !== null);

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
    const { outcome, data } = transition(existing, plan, new Date());
    if (outcome === "unchanged")
      return {
        subscription: await tx.subscription.findUniqueOrThrow({ where: { id: existing!.id }, include: subscriptionInclude }),
        outcome,
      };

    let id: string;
    if (existing) {
      // Conditional on the state we read: an admin decision landing in between is not overwritten.
      const { count } = await tx.subscription.updateMany({
        where: { id: existing.id, status: existing.status, planId: existing.planId, pendingPlanId: existing.pendingPlanId },
        data,
      });
      if (!count)
        throw new AppError(
          "conflict",
          "This subscription changed while you were choosing (an admin may have just decided). Reload and try again.",
        );
      id = existing.id;
    } else {
      // A concurrent first subscription fails on the (teamId, apiId) unique index: answered as 409.
      id = (await tx.subscription.create({ data: { ...(data as Prisma.SubscriptionUncheckedCreateInput), teamId, apiId: api.id } })).id;
    }
    const subscription = await tx.subscription.findUniqueOrThrow({ where: { id }, include: subscriptionInclude });
    const metadata = {
      api: api.slug,
      plan: subscription.plan.slug,
      pendingPlan: subscription.pendingPlan?.slug ?? null,
      status: subscription.status,
      previousPlanId: existing?.planId ?? null,
      previousStatus: existing?.status ?? null,
    };
    await recordAudit(
      { ...auditActor(actor), teamId, action: `subscription.${outcome}`, targetType: "subscription", targetId: id, requestId, metadata },
      tx,
    );
    return { subscription, outcome };
  });
  if (result.outcome !== "unchanged") {
    invalidate("subscription", subscriptionKey(teamId, result.subscription.apiId));
    if (awaitsDecision(result.subscription) && result.outcome !== "change_withdrawn") await notifyApprovalRequest(result.subscription);
  }
  return result;
}
