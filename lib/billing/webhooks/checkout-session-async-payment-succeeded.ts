// checkout.session.async_payment_succeeded: a delayed payment (e.g. a bank debit) cleared.
import { creditCheckoutSession } from "@/lib/billing/webhooks/credit-checkout-session";
import { checkoutSessionSchema } from "@/lib/billing/webhooks/event-objects";
import type { StripeEventHandler } from "@/lib/billing/webhooks/types";

export const checkoutSessionAsyncPaymentSucceeded: StripeEventHandler = async (event, stripe) =>
  creditCheckoutSession(stripe, checkoutSessionSchema.parse(event.data.object));
