// charge.refunded: money went back to the card, so the credit it bought is taken back. The event
// carries the charge's cumulative amount_refunded; we debit only what is new since the Payment's
// recorded amountRefunded. The balance may go below zero: the credit may already have been spent.
import { minorUnitsToMicros } from "@/lib/billing/stripe/minor-units";
import { recordAudit } from "@/lib/audit/record-audit";
import { postCredit } from "@/lib/billing/ledger/post-credit";
import { chargeSchema } from "@/lib/billing/webhooks/event-objects";
import { lockPayment } from "@/lib/billing/webhooks/lock-payment";
import type { StripeEventHandler } from "@/lib/billing/webhooks/types";

const CREDITED = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

export const chargeRefunded: StripeEventHandler = async (event) => {
  const charge = chargeSchema.parse(event.data.object);
  return async (tx) => {
    let teamId = charge.metadata.teamId;
    if (!teamId) {
      // Charges do not always carry the PaymentIntent's metadata: find the team by our own record.
      const byCharge = await tx.payment.findFirst({
        where: {
          OR: [{ stripeChargeId: charge.id }, ...(charge.payment_intent ? [{ stripePaymentIntentId: charge.payment_intent }] : [])],
        },
        select: { teamId: true },
      });
      if (!byCharge) return { outcome: "unknown_team", detail: `charge ${charge.id} matches no team` };
      teamId = byCharge.teamId;
    }
    const lookup = await lockPayment(tx, {
      teamId,
      paymentId: charge.metadata.paymentId,
      chargeId: charge.id,
      paymentIntentId: charge.payment_intent,
    });
    if ("result" in lookup) return lookup.result;
    const { payment } = lookup;
    // Stripe does not promise delivery order: a refund seen before its payment's credit is refused
    // (500, nothing recorded) so that Stripe retries it once the credit has landed.
    if (payment.status === "PENDING")
      throw new Error(`charge ${charge.id} refunded before payment ${payment.id} was credited; retry later`);
    if (!CREDITED.has(payment.status))
      return { outcome: "ignored", teamId, detail: `payment ${payment.id} was never credited (${payment.status})` };

    const refunded = minorUnitsToMicros(charge.amount_refunded, payment.currency);
    const debit = (refunded > payment.amount ? payment.amount : refunded) - payment.amountRefunded;
    if (debit <= 0n) return { outcome: "ignored", teamId, detail: `refund of ${refunded} already recorded` };

    const externalRef = `stripe:refund:${charge.id}:${charge.amount_refunded}`;
    const entry = await postCredit(tx, {
      teamId,
      kind: "PAYMENT_REFUND",
      amount: -debit,
      externalRef,
      paymentId: payment.id,
      reason: "Payment refunded to the card",
    });
    if (!entry) return { outcome: "unknown_team", detail: `no team ${teamId}` };
    const amountRefunded = payment.amountRefunded + debit;
    await tx.payment.update({
      where: { id: payment.id },
      data: { amountRefunded, status: amountRefunded >= payment.amount ? "REFUNDED" : "PARTIALLY_REFUNDED", stripeChargeId: charge.id },
    });
    const metadata = { debit: debit.toString(), amountRefunded: amountRefunded.toString(), balanceAfter: String(entry.balanceAfter) };
    await recordAudit(
      { actorType: "SYSTEM", teamId, action: "billing.payment.refunded", targetType: "payment", targetId: payment.id, metadata },
      tx,
    );
    return { outcome: "applied", teamId, detail: `debited ${debit} for refund` };
  };
};
