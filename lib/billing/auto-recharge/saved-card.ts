// The card saved during a top-up (the owner ticked "save card", so the session's PaymentIntent had
// setup_future_usage) becomes the team's auto-recharge payment method. The PaymentIntent is read
// before the event's transaction; the team row is written inside it, with the credit.
import type Stripe from "stripe";
import type { Effect } from "@/lib/billing/webhooks/types";
import { briefError, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("stripe");

export async function savedPaymentMethodOf(stripe: Stripe, paymentIntentId: string | null): Promise<string | null> {
  if (!paymentIntentId) return null;
  try {
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    if (intent.setup_future_usage !== "off_session") return null;
    return typeof intent.payment_method === "string" ? intent.payment_method : (intent.payment_method?.id ?? null);
  } catch (error) {
    // The credit must not wait for this: the owner can save a card with the next top-up.
    log.warn({ paymentIntentId, err: briefError(error) }, "could not read the saved card");
    return null;
  }
}

/** Runs `effect`, then stores the card when the effect credited the team. */
export function withSavedCard(effect: Effect, paymentMethodId: string | null): Effect {
  if (!paymentMethodId) return effect;
  return async (tx) => {
    const result = await effect(tx);
    if (result.outcome === "applied" && result.teamId) {
      await tx.team.update({ where: { id: result.teamId }, data: { autoRechargePaymentMethodId: paymentMethodId } });
    }
    return result;
  };
}
