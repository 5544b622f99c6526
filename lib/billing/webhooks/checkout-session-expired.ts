// checkout.session.expired: the customer never paid and Stripe closed the session (24 h by
// default). The PENDING Payment becomes EXPIRED so the payments list stops showing it as open.
import { checkoutSessionSchema } from "@/lib/billing/webhooks/event-objects";
import { updatePendingSession } from "@/lib/billing/webhooks/update-pending-session";
import type { StripeEventHandler } from "@/lib/billing/webhooks/types";

export const checkoutSessionExpired: StripeEventHandler = async (event) =>
  updatePendingSession(checkoutSessionSchema.parse(event.data.object), { status: "EXPIRED" }, "session expired unpaid");
