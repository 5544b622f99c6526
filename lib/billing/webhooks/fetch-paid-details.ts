// The charge behind a paid PaymentIntent, for the receipt link. Called before the event's
// transaction (no network inside a transaction). A receipt is a convenience: if Stripe cannot be
// reached the credit still goes ahead without it, because the money has been taken.
import type Stripe from "stripe";
import type { PaidDetails } from "@/lib/billing/webhooks/credit-payment";
import { briefError, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("stripe");

export async function fetchPaidDetails(stripe: Stripe, paymentIntentId: string | null): Promise<PaidDetails> {
  const details: PaidDetails = { paymentIntentId, chargeId: null, receiptUrl: null };
  if (!paymentIntentId) return details;
  try {
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    const latest = intent.latest_charge;
    const charge = typeof latest === "string" ? await stripe.charges.retrieve(latest) : latest;
    return { paymentIntentId, chargeId: charge?.id ?? null, receiptUrl: charge?.receipt_url ?? null };
  } catch (error) {
    log.warn({ paymentIntentId, err: briefError(error) }, "receipt lookup failed");
    return details;
  }
}
