// Applies one verified Stripe event exactly once. The event id is claimed (inserted) and the
// effect applied in one transaction; a redelivery, sequential or concurrent, finds the id taken
// and changes nothing. Events we do not handle are recorded as "ignored".
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { chargeRefunded } from "@/lib/billing/webhooks/charge-refunded";
import { checkoutSessionAsyncPaymentFailed } from "@/lib/billing/webhooks/checkout-session-async-payment-failed";
import { checkoutSessionAsyncPaymentSucceeded } from "@/lib/billing/webhooks/checkout-session-async-payment-succeeded";
import { checkoutSessionCompleted } from "@/lib/billing/webhooks/checkout-session-completed";
import { checkoutSessionExpired } from "@/lib/billing/webhooks/checkout-session-expired";
import { paymentIntentEvent } from "@/lib/billing/webhooks/payment-intent-events";
import { claimStripeEvent, finishStripeEvent, isEventRecorded } from "@/lib/billing/webhooks/record-stripe-event";
import { isUniqueViolation } from "@/lib/db-errors";
import { ignored, type EffectResult, type StripeEventHandler } from "@/lib/billing/webhooks/types";
import { countStripeEvent } from "@/lib/metrics/billing-metrics";

const HANDLERS: ReadonlyMap<string, StripeEventHandler> = new Map([
  ["checkout.session.completed", checkoutSessionCompleted],
  ["checkout.session.async_payment_succeeded", checkoutSessionAsyncPaymentSucceeded],
  ["checkout.session.async_payment_failed", checkoutSessionAsyncPaymentFailed],
  ["checkout.session.expired", checkoutSessionExpired],
  ["charge.refunded", chargeRefunded],
  ["payment_intent.succeeded", paymentIntentEvent],
  ["payment_intent.payment_failed", paymentIntentEvent],
]);

export const HANDLED_EVENT_TYPES: readonly string[] = [...HANDLERS.keys()];

export type HandledEvent = EffectResult & { duplicate: boolean };

const DUPLICATE: HandledEvent = { outcome: "ignored", duplicate: true, detail: "already processed" };

/** Applies the event and counts it in the metrics by type (other: a type not handled) and outcome. */
export async function handleStripeEvent(event: Stripe.Event, stripe: Stripe): Promise<HandledEvent> {
  const type = HANDLERS.has(event.type) ? event.type : "other";
  try {
    const handled = await applyStripeEvent(event, stripe);
    countStripeEvent(type, handled.duplicate ? "duplicate" : handled.outcome);
    return handled;
  } catch (error) {
    countStripeEvent(type, "error");
    throw error;
  }
}

async function applyStripeEvent(event: Stripe.Event, stripe: Stripe): Promise<HandledEvent> {
  // Cheap early exit for the common redelivery, before any call to Stripe.
  if (await isEventRecorded(event.id)) return DUPLICATE;
  const handler = HANDLERS.get(event.type);
  const effect = handler ? await handler(event, stripe) : ignored(`event type ${event.type} is not handled`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        await claimStripeEvent(tx, event);
        const result = await effect(tx);
        await finishStripeEvent(tx, event.id, result);
        return { ...result, duplicate: false };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await isEventRecorded(event.id)) return DUPLICATE;
      // Another event for the same payment took the ledger reference first; the whole transaction
      // rolled back, so run it again: it now sees that payment credited and records "ignored".
      if (attempt >= 2) throw error;
    }
  }
}
