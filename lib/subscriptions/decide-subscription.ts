// A platform admin decides a waiting subscription: a new request (PENDING) becomes ACTIVE or
// REJECTED; a plan change of an ACTIVE subscription is applied or dropped, and the team stays on its
// plan either way. The write is conditional on the row still being as read, so two admins deciding
// at once produce exactly one decision and the second learns that it came too late.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { validateInput } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorUserId, auditActor, type Actor } from "@/lib/audit/actor";
import { requirePlatformAdminUser } from "@/lib/admin/require-platform-admin";
import { invalidate, subscriptionKey } from "@/lib/cache/invalidate";
import { notifyDecision, type Decision } from "@/lib/subscriptions/notify-decision";
import { subscriptionInclude, type SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

export const rejectSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Give the team a reason.")
    .max(500, "Keep the reason to 500 characters.")
    .meta({ description: "Shown to the team, 1-500 characters" }),
});

export const decisionTargetSchema = z.object({ id: z.string().min(1).max(100) });

const alreadyDecided = () =>
  new AppError("conflict", "This request was already decided or withdrawn by someone else. Reload to see where it stands.");

const planRef = { select: { id: true, slug: true, name: true, archivedAt: true } } as const;

async function decideSubscription(id: string, decision: Decision, actor: Actor, requestId?: string): Promise<SubscriptionWithRefs> {
  // The session said "admin"; the database says it again where the decision is made.
  if (actor.type === "USER") await requirePlatformAdminUser(actor.userId);
  const { subscription, requested, wasChange } = await db.$transaction(async (tx) => {
    const current = await tx.subscription.findUnique({
      where: { id },
      include: { plan: planRef, pendingPlan: planRef, api: { select: { slug: true, status: true } } },
    });
    if (!current) throw notFound("This subscription");
    const wasChange = current.status === "ACTIVE" && current.pendingPlan !== null;
    if (current.status !== "PENDING" && !wasChange) throw alreadyDecided();
    const requested = wasChange ? current.pendingPlan! : current.plan;
    if (decision.approved && (requested.archivedAt || current.api.status === "RETIRED")) {
      throw new AppError(
        "conflict",
        `The requested plan ${requested.archivedAt ? "is archived" : "belongs to a retired API"}; reject the request instead.`,
      );
    }

    const decided = { decidedAt: new Date(), decidedById: actorUserId(actor) };
    const reason = decision.approved ? null : decision.reason;
    const data = wasChange
      ? { ...decided, reason, pendingPlanId: null, ...(decision.approved ? { planId: requested.id } : {}) }
      : { ...decided, reason, status: decision.approved ? ("ACTIVE" as const) : ("REJECTED" as const) };
    const { count } = await tx.subscription.updateMany({
      where: { id, status: current.status, planId: current.planId, pendingPlanId: current.pendingPlanId },
      data,
    });
    if (!count) throw alreadyDecided();

    const metadata = { api: current.api.slug, plan: requested.slug, previousPlan: current.plan.slug, change: wasChange, reason };
    const action = decision.approved ? "subscription.approved" : "subscription.rejected";
    await recordAudit(
      { ...auditActor(actor), teamId: current.teamId, action, targetType: "subscription", targetId: id, requestId, metadata },
      tx,
    );
    return { subscription: await tx.subscription.findUniqueOrThrow({ where: { id }, include: subscriptionInclude }), requested, wasChange };
  });
  invalidate("subscription", subscriptionKey(subscription.teamId, subscription.apiId));
  await notifyDecision(subscription, requested, decision, wasChange);
  return subscription;
}

export const approveSubscription = (id: string, actor: Actor, requestId?: string) =>
  decideSubscription(id, { approved: true }, actor, requestId);

/** The reason is checked here too, whichever door it came through: the team reads it. */
export async function rejectSubscription(id: string, reason: string, actor: Actor, requestId?: string) {
  const input = validateInput(rejectSchema, { reason });
  return decideSubscription(id, { approved: false, reason: input.reason }, actor, requestId);
}
