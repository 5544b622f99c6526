// checkout.session.completed: the customer finished Checkout. Card payments are paid now and
// credited; delayed methods (payment_status "unpaid") stay PENDING until async_payment_succeeded.
// A card the owner chose to save is kept for auto-recharge, in the same transaction as the credit.
import { savedPaymentMethodOf, withSavedCard } from "@/lib/billing/auto-recharge/saved-card";
import { creditCheckoutSession } from "@/lib/billing/webhooks/credit-checkout-session";
import { checkoutSessionSchema } from "@/lib/billing/webhooks/event-objects";
import { updatePendingSession } from "@/lib/billing/webhooks/update-pending-session";
import { ignored, type StripeEventHandler } from "@/lib/billing/webhooks/types";

export const checkoutSessionCompleted: StripeEventHandler = async (event, stripe) => {
  const session = checkoutSessionSchema.parse(event.data.object);
  if (session.payment_status === "paid")
    return withSavedCard(await creditCheckoutSession(stripe, session), await savedPaymentMethodOf(stripe, session.payment_intent));
  if (session.payment_status !== "unpaid") return ignored(`payment_status ${session.payment_status}`);
  return updatePendingSession(session, { stripePaymentIntentId: session.payment_intent ?? undefined }, "awaiting the asynchronous payment");
};
