// Subscriptions on the wire.
import { z } from "zod";
import { moneyString, toMoneyString } from "@/lib/billing/money-schemas";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import { isoDateTimeOut, toIso } from "@/lib/management/schemas/common";

export const subscriptionSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  api: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  plan: z.object({ id: z.string(), slug: z.string(), name: z.string(), price: moneyString, requiresApproval: z.boolean() }),
  status: z.enum(["PENDING", "ACTIVE", "REJECTED", "CANCELLED"]).meta({ description: "Only ACTIVE subscriptions admit gateway calls" }),
  reason: z.string().nullable(),
  decidedAt: isoDateTimeOut.nullable(),
  createdAt: isoDateTimeOut,
  updatedAt: isoDateTimeOut,
});

export const subscriptionListSchema = z.object({ data: z.array(subscriptionSchema) });

export function toSubscriptionResponse(subscription: SubscriptionWithRefs): z.input<typeof subscriptionSchema> {
  return {
    ...subscription,
    plan: { ...subscription.plan, price: toMoneyString(subscription.plan.pricePerCall) },
    decidedAt: toIso(subscription.decidedAt),
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}
