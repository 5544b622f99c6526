// Subscriptions on the wire.
import { z } from "zod";
import { moneyString, toMoneyString } from "@/lib/billing/money-schemas";
import { SUBSCRIPTION_STATES } from "@/lib/subscriptions/list-subscriptions-by-state";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import { isoDateTimeOut, pageQuerySchema, toIso } from "@/lib/management/schemas/common";

const planRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), price: moneyString, requiresApproval: z.boolean() });

export const subscriptionSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  team: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  api: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  plan: planRefSchema.meta({ description: "The plan in force (for a PENDING subscription: the plan asked for)" }),
  pendingPlan: planRefSchema
    .nullable()
    .meta({ description: "A plan change of an ACTIVE subscription waiting for approval; the team stays on `plan` meanwhile" }),
  status: z.enum(["PENDING", "ACTIVE", "REJECTED", "CANCELLED"]).meta({ description: "Only ACTIVE subscriptions admit gateway calls" }),
  reason: z.string().nullable().meta({ description: "Why the last request was rejected" }),
  requestedAt: isoDateTimeOut.nullable().meta({ description: "When the request or plan change that needs approval was made" }),
  decidedAt: isoDateTimeOut.nullable(),
  createdAt: isoDateTimeOut,
  updatedAt: isoDateTimeOut,
});

export const subscriptionListSchema = z.object({ data: z.array(subscriptionSchema) });

export const subscriptionPageSchema = z.object({
  data: z.array(subscriptionSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
});

export const subscriptionStateQuerySchema = pageQuerySchema.extend({
  status: z
    .enum(SUBSCRIPTION_STATES)
    .default("pending")
    .meta({ description: "pending: new requests and plan changes waiting for a decision (default)" }),
});

type PlanRef = NonNullable<SubscriptionWithRefs["pendingPlan"]>;
const toPlanRef = (plan: PlanRef) => ({
  id: plan.id,
  slug: plan.slug,
  name: plan.name,
  requiresApproval: plan.requiresApproval,
  price: toMoneyString(plan.pricePerCall),
});

export function toSubscriptionResponse(subscription: SubscriptionWithRefs): z.input<typeof subscriptionSchema> {
  return {
    ...subscription,
    plan: toPlanRef(subscription.plan),
    pendingPlan: subscription.pendingPlan ? toPlanRef(subscription.pendingPlan) : null,
    requestedAt: toIso(subscription.requestedAt),
    decidedAt: toIso(subscription.decidedAt),
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}
