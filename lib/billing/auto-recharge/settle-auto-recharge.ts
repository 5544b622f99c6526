// payment_intent.succeeded for an auto-recharge: credit the Payment through the exactly-once path
// (ledger kind AUTO_RECHARGE, externalRef `stripe:pi:<id>`) and free the team's in-flight slot, in
// the event's transaction. Only an amount equal to what we asked for is credited.
import type Stripe from "stripe";
import { z } from "zod";
import { microsToMinorUnits } from "@/lib/billing/stripe/minor-units";
import { creditPayment } from "@/lib/billing/webhooks/credit-payment";
import { fetchPaidDetails } from "@/lib/billing/webhooks/fetch-paid-details";
import { lockPayment } from "@/lib/billing/webhooks/lock-payment";
import type { Effect } from "@/lib/billing/webhooks/types";

export const autoRechargeIntentSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  metadata: z
    .record(z.string(), z.string())
    .nullish()
    .transform((value) => value ?? {}),
  last_payment_error: z.object({ message: z.string().nullish() }).nullish(),
});
type AutoRechargeIntent = z.infer<typeof autoRechargeIntentSchema>;

export async function settleAutoRecharge(stripe: Stripe, intent: AutoRechargeIntent): Promise<Effect> {
  const teamId = intent.metadata.teamId;
  if (!teamId) return async () => ({ outcome: "unknown_team", detail: `payment intent ${intent.id} names no team` });
  const paid = await fetchPaidDetails(stripe, intent.id);
  return async (tx) => {
    const lookup = await lockPayment(tx, { teamId, paymentId: intent.metadata.paymentId, paymentIntentId: intent.id });
    if ("result" in lookup) return lookup.result;
    const { payment } = lookup;
    if (payment.kind !== "AUTO_RECHARGE") return { outcome: "ignored", teamId, detail: `payment ${payment.id} is not an auto-recharge` };
    if (intent.amount !== microsToMinorUnits(payment.amount, payment.currency) || intent.currency.toUpperCase() !== payment.currency) {
      return {
        outcome: "failed",
        teamId,
        detail: `intent ${intent.id} charged ${intent.amount} ${intent.currency}, payment ${payment.id} expects ${payment.amount} micros ${payment.currency}`,
      };
    }
    const result = await creditPayment(
      tx,
      payment,
      { kind: "AUTO_RECHARGE", externalRef: `stripe:pi:${intent.id}`, reason: "Auto-recharge" },
      paid,
    );
    if (result.outcome === "applied") await tx.team.update({ where: { id: teamId }, data: { autoRechargeInFlightAt: null } });
    return result;
  };
}
