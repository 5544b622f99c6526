// What happens when a customer presses Pay on the hosted page (or a test calls pay()):
//   paid            card payment succeeds at once: charge.succeeded, payment_intent.succeeded,
//                   then checkout.session.completed with payment_status=paid
//   declined        card declined: charge.failed, payment_intent.payment_failed; the session stays
//                   open (the page shows the error) and a later Pay reuses its PaymentIntent
//   async_pending   a delayed method (bank debit): checkout.session.completed with
//                   payment_status=unpaid, PaymentIntent processing
//   async_succeeded / async_failed
//                   on a pending session: settles it (checkout.session.async_payment_succeeded /
//                   _failed); on an open session: completes it as pending and settles it at once
// The card is saved (attached to the session's customer, or to a customer created for it) when
// `saveCard` is true, which is the default when payment_intent_data.setup_future_usage was set.
import type { CheckoutSession } from "./checkout-session";
import { invalidRequest } from "./errors";
import { customerObject, paymentIntentObject, type Customer } from "./objects";
import { attach, attempt, newPaymentMethod, settle, type Ctx } from "./payments";

export type PayOutcome = "paid" | "declined" | "async_pending" | "async_succeeded" | "async_failed";
export type PayOptions = { saveCard?: boolean; outcome?: PayOutcome; email?: string };

export function paySession(ctx: Ctx, session: CheckoutSession, options: PayOptions = {}): "complete" | "declined" {
  const outcome = options.outcome ?? "paid";
  const pending = session.payment_intent ? ctx.state.paymentIntents.get(session.payment_intent) : undefined;
  if (session.status === "complete" && pending?.status === "processing" && (outcome === "async_succeeded" || outcome === "async_failed")) {
    settleSession(ctx, session, outcome);
    return "complete";
  }
  if (session.status !== "open") throw new Error(`stripe-server: checkout session ${session.id} is ${session.status}, not open`);

  const details = ctx.state.sessionDetails.get(session.id)!;
  const email = options.email || session.customer_email || customerOf(ctx, session)?.email || "customer@example.com";
  // a declined card is neither saved nor given a customer
  const saveCard = outcome !== "declined" && (options.saveCard ?? details.paymentIntentData.setup_future_usage !== undefined);
  if (!session.customer && outcome !== "declined" && (saveCard || session.customer_creation === "always")) {
    const customer = customerObject({ email });
    ctx.state.customers.set(customer.id, customer);
    ctx.emit("customer.created", customer);
    session.customer = customer.id;
  }
  const pm = newPaymentMethod(ctx, email);
  if (saveCard && session.customer) {
    pm.allow_redisplay = "always";
    attach(ctx, pm, session.customer);
  }

  const pi =
    reusable(pending) ??
    paymentIntentObject({
      amount: session.amount_total,
      currency: session.currency,
      customer: session.customer,
      payment_method: null,
      metadata: details.paymentIntentData.metadata,
      description: details.paymentIntentData.description,
      receipt_email: details.paymentIntentData.receipt_email,
    });
  if (!ctx.state.paymentIntents.has(pi.id)) {
    ctx.state.paymentIntents.set(pi.id, pi);
    ctx.emit("payment_intent.created", pi);
  }
  Object.assign(pi, {
    customer: session.customer,
    setup_future_usage: saveCard ? (details.paymentIntentData.setup_future_usage ?? "off_session") : null,
  });
  session.payment_intent = pi.id;
  attempt(ctx, pi, pm, outcome === "paid" ? "succeeded" : outcome === "declined" ? "card_declined" : "processing");
  if (outcome === "declined") return "declined";

  Object.assign(session, {
    status: "complete",
    payment_status: outcome === "paid" ? "paid" : "unpaid",
    customer_details: { email, name: null, phone: null, address: null, tax_exempt: "none", tax_ids: [] },
    url: null, // Stripe clears the URL of a session that can no longer be paid
  });
  ctx.emit("checkout.session.completed", session);
  if (outcome === "async_succeeded" || outcome === "async_failed") settleSession(ctx, session, outcome);
  return "complete";
}

function customerOf(ctx: Ctx, session: CheckoutSession): Customer | undefined {
  return session.customer ? ctx.state.customers.get(session.customer) : undefined;
}

/** A PaymentIntent left by a declined attempt is retried, as Checkout does. */
function reusable(pi: ReturnType<typeof paymentIntentObject> | undefined) {
  return pi?.status === "requires_payment_method" ? pi : undefined;
}

function settleSession(ctx: Ctx, session: CheckoutSession, outcome: "async_succeeded" | "async_failed") {
  const pi = ctx.state.paymentIntents.get(session.payment_intent!)!;
  settle(ctx, pi, outcome === "async_succeeded" ? "succeeded" : "insufficient_funds");
  if (outcome === "async_succeeded") session.payment_status = "paid";
  ctx.emit(`checkout.session.${outcome === "async_succeeded" ? "async_payment_succeeded" : "async_payment_failed"}`, session);
}

export function expireSession(ctx: Ctx, session: CheckoutSession): CheckoutSession {
  if (session.status !== "open") {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired.`,
      undefined,
      "checkout_session_unexpected_state",
    );
  }
  Object.assign(session, { status: "expired", url: null });
  ctx.emit("checkout.session.expired", session);
  return session;
}
