// checkout.session.async_payment_failed: a delayed payment bounced. Nothing was credited, so the
// Payment is only marked FAILED.
import { checkoutSessionSchema } from "@/lib/billing/webhooks/event-objects";
import { updatePendingSession } from "@/lib/billing/webhooks/update-pending-session";
import type { StripeEventHandler } from "@/lib/billing/webhooks/types";

export const checkoutSessionAsyncPaymentFailed: StripeEventHandler = async (event) =>
  updatePendingSession(
    checkoutSessionSchema.parse(event.data.object),
    { status: "FAILED" },
    "asynchronous payment failed; nothing credited",
  );
