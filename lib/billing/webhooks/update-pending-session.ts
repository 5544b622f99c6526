// The effect shared by the session events that settle no money (completed but unpaid, async
// payment failed, expired): change the session's Payment while it is still PENDING, else nothing.
import type { Prisma } from "@/lib/db";
import type { CheckoutSessionFields } from "@/lib/billing/webhooks/event-objects";
import { lockPayment, teamIdOf } from "@/lib/billing/webhooks/lock-payment";
import type { Effect } from "@/lib/billing/webhooks/types";

export function updatePendingSession(session: CheckoutSessionFields, data: Prisma.PaymentUpdateInput, detail: string): Effect {
  const teamId = teamIdOf(session.metadata, session.client_reference_id);
  return async (tx) => {
    if (!teamId) return { outcome: "unknown_team", detail: `session ${session.id} names no team` };
    const lookup = await lockPayment(tx, { teamId, paymentId: session.metadata.paymentId, checkoutSessionId: session.id });
    if ("result" in lookup) return lookup.result;
    if (lookup.payment.status !== "PENDING") return { outcome: "ignored", teamId, detail: `payment already ${lookup.payment.status}` };
    await tx.payment.update({ where: { id: lookup.payment.id }, data });
    return { outcome: "applied", teamId, detail };
  };
}
