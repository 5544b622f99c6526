// Shared by checkout.session.completed (card payments: paid at once) and
// checkout.session.async_payment_succeeded (bank debits: paid later). Either may arrive first or
// both at once; the externalRef `stripe:checkout:<session>` makes the session credit once.
import type Stripe from "stripe";
import { currency as installationCurrency } from "@/lib/money";
import { microsToMinorUnits } from "@/lib/billing/stripe/minor-units";
import { creditPayment } from "@/lib/billing/webhooks/credit-payment";
import { fetchPaidDetails } from "@/lib/billing/webhooks/fetch-paid-details";
import { lockPayment, teamIdOf } from "@/lib/billing/webhooks/lock-payment";
import type { CheckoutSessionFields } from "@/lib/billing/webhooks/event-objects";
import type { Effect } from "@/lib/billing/webhooks/types";

export async function creditCheckoutSession(stripe: Stripe, session: CheckoutSessionFields): Promise<Effect> {
  const teamId = teamIdOf(session.metadata, session.client_reference_id);
  if (!teamId) return async () => ({ outcome: "unknown_team", detail: `session ${session.id} names no team` });
  const paid = await fetchPaidDetails(stripe, session.payment_intent);
  return async (tx) => {
    const lookup = await lockPayment(tx, { teamId, paymentId: session.metadata.paymentId, checkoutSessionId: session.id });
    if ("result" in lookup) return lookup.result;
    const { payment } = lookup;
    // Credit what we asked for, and only if Stripe charged exactly that.
    const expected = microsToMinorUnits(payment.amount, payment.currency);
    if (session.amount_total !== expected || (session.currency ?? installationCurrency()).toUpperCase() !== payment.currency) {
      return {
        outcome: "failed",
        teamId,
        detail: `session ${session.id} charged ${session.amount_total} ${session.currency}, payment ${payment.id} expects ${expected} ${payment.currency}`,
      };
    }
    return creditPayment(
      tx,
      payment,
      { kind: "TOPUP", externalRef: `stripe:checkout:${session.id}`, reason: "Top-up through Stripe Checkout" },
      paid,
    );
  };
}
