// payment_intent.succeeded / payment_intent.payment_failed. Checkout top-ups are settled by the
// checkout.session.* events, so for them these are recorded as "ignored". Off-session
// auto-recharges (metadata.kind "auto_recharge") are settled here: a success is credited in the
// event's transaction; a failure switches auto-recharge off and notifies before it (idempotent by
// its own conditional update, since the create call's StripeCardError may have got there first).
import { autoRechargeIntentSchema, settleAutoRecharge } from "@/lib/billing/auto-recharge/settle-auto-recharge";
import { failAutoRecharge } from "@/lib/billing/auto-recharge/fail-auto-recharge";
import { ignored, type StripeEventHandler } from "@/lib/billing/webhooks/types";

export const paymentIntentEvent: StripeEventHandler = async (event, stripe) => {
  const intent = autoRechargeIntentSchema.parse(event.data.object);
  const teamId = intent.metadata.teamId ?? null;
  if (intent.metadata.kind !== "auto_recharge") return ignored("settled by the checkout.session events", teamId);
  if (event.type === "payment_intent.succeeded") return settleAutoRecharge(stripe, intent);
  const paymentId = intent.metadata.paymentId;
  const failed = paymentId ? await failAutoRecharge(paymentId, intent.last_payment_error?.message ?? "payment failed") : false;
  return async () => ({
    outcome: failed ? "applied" : "ignored",
    teamId,
    detail: failed ? "auto-recharge failed; switched off" : "auto-recharge failure already recorded",
  });
};
