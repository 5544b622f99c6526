// Money movements shared by the API and the hosted checkout: one payment attempt on a
// PaymentIntent (a Charge that succeeds, stays pending like a bank debit, or is declined),
// settling a pending one, refunds, and saving cards on customers. Each step emits the events
// Stripe emits for it, in Stripe's order.
import { cardError, invalidRequest } from "./errors";
import { chargeObject, paymentMethodObject, refundObject, type Charge, type PaymentIntent, type PaymentMethod } from "./objects";
import type { DeclineReason, State } from "./state";
import type { Emit } from "./webhooks";

export type Ctx = { state: State; emit: Emit };
export type Outcome = "succeeded" | "processing" | DeclineReason;

const DECLINES: Record<DeclineReason, { code: string; decline_code: string; message: string }> = {
  card_declined: { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  insufficient_funds: { code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." },
  authentication_required: {
    code: "authentication_required",
    decline_code: "authentication_required",
    message: "Your card was declined. This transaction requires authentication.",
  },
};

export function attempt(ctx: Ctx, pi: PaymentIntent, pm: PaymentMethod, outcome: Outcome): Charge {
  const charge = chargeObject(pi, pm, (id) => `${ctx.state.publicUrl}/receipts/${id}`);
  ctx.state.charges.set(charge.id, charge);
  Object.assign(pi, { latest_charge: charge.id, payment_method: pm.id, last_payment_error: null });
  if (outcome === "succeeded") {
    settle(ctx, pi, "succeeded");
  } else if (outcome === "processing") {
    pi.status = "processing";
    ctx.emit("charge.pending", charge);
    ctx.emit("payment_intent.processing", pi);
  } else {
    settle(ctx, pi, outcome);
  }
  return charge;
}

/** Ends the latest charge of `pi`: succeeded, or declined for `reason` (also how a pending bank debit fails). */
export function settle(ctx: Ctx, pi: PaymentIntent, result: "succeeded" | DeclineReason): void {
  const charge = ctx.state.charges.get(pi.latest_charge!)!;
  if (result === "succeeded") {
    Object.assign(charge, {
      status: "succeeded",
      paid: true,
      captured: true,
      amount_captured: charge.amount,
      outcome: {
        network_status: "approved_by_network",
        reason: null,
        risk_level: "normal",
        seller_message: "Payment complete.",
        type: "authorized",
      },
    });
    Object.assign(pi, { status: "succeeded", amount_received: pi.amount });
    ctx.emit("charge.succeeded", charge);
    ctx.emit("payment_intent.succeeded", pi);
    return;
  }
  const decline = DECLINES[result];
  Object.assign(charge, {
    status: "failed",
    failure_code: decline.code,
    failure_message: decline.message,
    outcome: {
      network_status: "declined_by_network",
      reason: decline.decline_code,
      risk_level: "normal",
      seller_message: "The bank declined the payment.",
      type: "issuer_declined",
    },
  });
  // Like Stripe, a declined PaymentIntent forgets its payment method and asks for another one.
  const pm = ctx.state.paymentMethods.get(pi.payment_method ?? "");
  Object.assign(pi, {
    status: "requires_payment_method",
    payment_method: null,
    last_payment_error: { type: "card_error", charge: charge.id, ...decline, payment_method: structuredClone(pm) },
  });
  ctx.emit("charge.failed", charge);
  ctx.emit("payment_intent.payment_failed", pi);
}

/** Confirms through the API: succeeds, unless a failure was queued for the customer (then 402 like Stripe). */
export function confirm(ctx: Ctx, pi: PaymentIntent, pm: PaymentMethod): PaymentIntent {
  if (pi.status !== "requires_confirmation" && pi.status !== "requires_payment_method") {
    throw invalidRequest(
      `This PaymentIntent's status is ${pi.status}, but it must be requires_payment_method or requires_confirmation to be confirmed.`,
      undefined,
      "payment_intent_unexpected_state",
    );
  }
  const reason = pi.customer ? ctx.state.failNext.get(pi.customer) : undefined;
  if (pi.customer) ctx.state.failNext.delete(pi.customer);
  const charge = attempt(ctx, pi, pm, reason ?? "succeeded");
  if (!reason) {
    // setup_future_usage on a customer's PaymentIntent saves the card, as on Stripe
    if (pi.setup_future_usage && pi.customer && !pm.customer) attach(ctx, pm, pi.customer);
    return pi;
  }
  throw cardError({ ...DECLINES[reason], charge: charge.id, payment_intent: structuredClone(pi), payment_method: structuredClone(pm) });
}

/** `pm_card_visa` is Stripe's test token for "a new Visa": each use mints a payment method. */
export function paymentMethod(ctx: Ctx, id: string, param: string, email: string | null = null): PaymentMethod {
  if (id !== "pm_card_visa") return ctx.state.get(ctx.state.paymentMethods, "PaymentMethod", id, param);
  return newPaymentMethod(ctx, email);
}

export function newPaymentMethod(ctx: Ctx, email: string | null): PaymentMethod {
  const pm = paymentMethodObject(email);
  ctx.state.paymentMethods.set(pm.id, pm);
  return pm;
}

export function attach(ctx: Ctx, pm: PaymentMethod, customerId: string): void {
  if (pm.customer === customerId) return;
  if (pm.customer)
    throw invalidRequest(
      `The payment method you provided has already been attached to a customer.`,
      "payment_method",
      "payment_method_unexpected_state",
    );
  pm.customer = customerId;
  ctx.emit("payment_method.attached", pm);
}

export function detach(ctx: Ctx, pm: PaymentMethod): void {
  if (!pm.customer)
    throw invalidRequest(`The payment method ${pm.id} is not attached to a customer.`, undefined, "payment_method_unexpected_state");
  const customer = ctx.state.customers.get(pm.customer);
  if (customer?.invoice_settings.default_payment_method === pm.id) customer.invoice_settings.default_payment_method = null;
  pm.customer = null;
  ctx.emit("payment_method.detached", pm, { customer: customer?.id ?? null });
}

/** A refund of (part of) a succeeded charge; `amount_refunded` on the charge is cumulative. */
export function refund(
  ctx: Ctx,
  charge: Charge,
  amount: number | undefined,
  reason: string | null = null,
  metadata: Record<string, string> = {},
) {
  if (charge.status !== "succeeded")
    throw invalidRequest(`Charge ${charge.id} has not succeeded, so it cannot be refunded.`, "charge", "charge_not_refundable");
  if (charge.refunded) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, "charge", "charge_already_refunded");
  const left = charge.amount - charge.amount_refunded;
  const value = amount ?? left;
  if (value > left) {
    throw invalidRequest(`Refund amount (${value}) is greater than unrefunded amount on charge (${left})`, "amount", "amount_too_large");
  }
  const created = refundObject(charge, value, reason, metadata);
  ctx.state.refunds.set(created.id, created);
  const previous = { amount_refunded: charge.amount_refunded, ...(value === left ? { refunded: false } : {}) };
  charge.amount_refunded += value;
  charge.refunded = charge.amount_refunded === charge.amount;
  charge.refunds = { ...charge.refunds, data: [created, ...charge.refunds.data], total_count: charge.refunds.total_count + 1 };
  ctx.emit("charge.refunded", charge, previous);
  ctx.emit("refund.created", created);
  return created;
}
