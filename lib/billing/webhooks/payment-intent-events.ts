// payment_intent.succeeded / payment_intent.payment_failed. Checkout top-ups are settled by the
// checkout.session.* events, so for them these are recorded as "ignored". Off-session
// auto-recharges (metadata.kind "auto_recharge") will be settled here by the auto-recharge work;
// until that lands they are recorded as "ignored" too, with a detail that says so.
import { paymentIntentSchema } from "@/lib/billing/webhooks/event-objects";
import { ignored, type StripeEventHandler } from "@/lib/billing/webhooks/types";

export const paymentIntentEvent: StripeEventHandler = async (event) => {
  const intent = paymentIntentSchema.parse(event.data.object);
  const teamId = intent.metadata.teamId ?? null;
  if (intent.metadata.kind === "auto_recharge") return ignored("auto-recharge payments are not settled by this version", teamId);
  return ignored("settled by the checkout.session events", teamId);
};
