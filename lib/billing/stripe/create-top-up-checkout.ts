// A top-up starts here: a PENDING Payment row for the amount decided on the server, then a
// Checkout Session (mode=payment) for exactly that amount. Credit arrives only with the webhook.
import type Stripe from "stripe";
import { db, type Payment } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { currency as installationCurrency } from "@/lib/money";
import { recordAudit } from "@/lib/audit/record-audit";
import { isStripeConfigured, stripeClient } from "@/lib/billing/stripe/stripe-client";
import { ensureStripeCustomer } from "@/lib/billing/stripe/ensure-stripe-customer";
import { microsToMinorUnits } from "@/lib/billing/stripe/minor-units";
import { requireVerifiedEmailFor } from "@/lib/auth/verified-email-gate";

type TopUpCheckoutInput = { amountMicros: bigint; saveCard?: boolean };
type TopUpCheckout = { url: string; paymentId: string; sessionId: string };

const notConfigured = () =>
  new AppError("conflict", "Top-ups are not configured on this installation. Ask a platform admin to grant credit.");

/**
 * The Checkout Session for a Payment. The idempotency key comes from the Payment id, so a retried
 * request (network error, double submit of one payment) opens the same session, never a second.
 */
export function openCheckoutSession(
  stripe: Stripe,
  payment: Payment,
  options: { customerId: string; teamSlug: string; saveCard: boolean },
) {
  const metadata = { teamId: payment.teamId, paymentId: payment.id };
  const billing = `${appUrl()}/${options.teamSlug}/billing/top-up`;
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      customer: options.customerId,
      client_reference_id: payment.teamId,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: payment.currency.toLowerCase(),
            unit_amount: microsToMinorUnits(payment.amount, payment.currency),
            product_data: { name: "Tollgate credit" },
          },
        },
      ],
      metadata,
      payment_intent_data: { metadata, ...(options.saveCard ? { setup_future_usage: "off_session" as const } : {}) },
      success_url: `${billing}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${billing}/cancelled`,
    },
    { idempotencyKey: `tollgate-checkout-${payment.id}` },
  );
}

export async function createTopUpCheckout(teamId: string, input: TopUpCheckoutInput, actorUserId: string): Promise<TopUpCheckout> {
  await requireVerifiedEmailFor({ type: "USER", userId: actorUserId }, "top up credit");
  const stripe = stripeClient();
  if (!stripe || !isStripeConfigured()) throw notConfigured();
  const team = await db.team.findUnique({ where: { id: teamId }, select: { slug: true } });
  if (!team) throw notFound("This team");
  const customerId = await ensureStripeCustomer(stripe, teamId);
  const payment = await db.payment.create({
    data: {
      teamId,
      kind: "CHECKOUT",
      status: "PENDING",
      amount: input.amountMicros,
      currency: installationCurrency(),
      createdByUserId: actorUserId,
    },
  });
  let session: { id: string; url: string };
  try {
    const opened = await openCheckoutSession(stripe, payment, { customerId, teamSlug: team.slug, saveCard: Boolean(input.saveCard) });
    if (!opened.url) throw new Error(`Stripe returned checkout session ${opened.id} without a url`);
    session = { id: opened.id, url: opened.url };
  } catch (error) {
    // No session means nothing can ever be paid for this row: do not leave it looking open.
    await db.payment.update({ where: { id: payment.id }, data: { status: "FAILED" } });
    throw error;
  }
  await db.$transaction(async (tx) => {
    await tx.payment.update({ where: { id: payment.id }, data: { stripeCheckoutSessionId: session.id } });
    const metadata = { amount: payment.amount.toString(), currency: payment.currency, saveCard: Boolean(input.saveCard) };
    await recordAudit({ actorUserId, teamId, action: "billing.top_up.started", targetType: "payment", targetId: payment.id, metadata }, tx);
  });
  return { url: session.url, paymentId: payment.id, sessionId: session.id };
}
