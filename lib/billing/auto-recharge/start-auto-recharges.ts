// Off-session recharges for the teams of one usage batch (never on the gateway's request path).
// ONE conditional UPDATE claims the team's in-flight slot, so at most one recharge per team is in
// flight whatever the number of instances; a claim older than 15 minutes (a crash between claim
// and Stripe) may be taken again. The credit itself arrives with payment_intent.succeeded.
import Stripe from "stripe";
import { db } from "@/lib/db";
import { currency as installationCurrency } from "@/lib/money";
import { stripeClient } from "@/lib/billing/stripe/stripe-client";
import { microsToMinorUnits } from "@/lib/billing/stripe/minor-units";
import { failAutoRecharge } from "@/lib/billing/auto-recharge/fail-auto-recharge";
import { briefError, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("billing");

type Claimed = { id: string; customerId: string; paymentMethodId: string; amount: bigint };

async function claimRecharges(teamIds: string[]): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE teams SET "autoRechargeInFlightAt" = now()
    WHERE id = ANY(${teamIds}::text[]) AND "autoRechargeEnabled"
      AND ("autoRechargeInFlightAt" IS NULL OR "autoRechargeInFlightAt" < now() - interval '15 minutes')
      AND balance < "autoRechargeThreshold" AND "autoRechargeAmount" > 0
      AND "autoRechargePaymentMethodId" IS NOT NULL AND "stripeCustomerId" IS NOT NULL
    RETURNING id, "stripeCustomerId" AS "customerId", "autoRechargePaymentMethodId" AS "paymentMethodId", "autoRechargeAmount" AS amount`;
}

async function recharge(stripe: Stripe, team: Claimed): Promise<void> {
  const currency = installationCurrency();
  const payment = await db.payment.create({
    data: { teamId: team.id, kind: "AUTO_RECHARGE", status: "PENDING", amount: team.amount, currency },
  });
  try {
    const intent = await stripe.paymentIntents.create(
      {
        amount: microsToMinorUnits(payment.amount, currency),
        currency: currency.toLowerCase(),
        customer: team.customerId,
        payment_method: team.paymentMethodId,
        off_session: true,
        confirm: true,
        metadata: { kind: "auto_recharge", teamId: team.id, paymentId: payment.id },
      },
      // A retried request (SDK network retry) confirms the same PaymentIntent, never a second one.
      { idempotencyKey: `tollgate-auto-recharge-${payment.id}` },
    );
    await db.payment.updateMany({ where: { id: payment.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id } });
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      await failAutoRecharge(payment.id, error.message);
      return;
    }
    // Unknown outcome (network, Stripe down): keep the claim; if Stripe did charge, the webhook
    // credits this Payment, otherwise the stale claim is taken again after 15 minutes.
    log.error({ teamId: team.id, paymentId: payment.id, err: briefError(error) }, "auto-recharge failed");
  }
}

export async function startAutoRecharges(teamIds: string[]): Promise<void> {
  const stripe = stripeClient();
  if (!stripe) return;
  for (const team of await claimRecharges(teamIds)) await recharge(stripe, team);
}
