// /v1/payment_intents, /v1/charges, /v1/refunds, /v1/payment_methods.
import { invalidRequest } from "./errors";
import type { Params } from "./form";
import { MAX_AMOUNT, MIN_AMOUNT, paymentIntentObject } from "./objects";
import { attach, confirm, detach, paymentMethod, refund, type Ctx } from "./payments";
import { list } from "./state";
import type { Route } from "./routes";

function createPaymentIntent(ctx: Ctx, params: Params) {
  params.only(
    "amount",
    "currency",
    "customer",
    "payment_method",
    "confirm",
    "off_session",
    "metadata",
    "description",
    "receipt_email",
    "setup_future_usage",
    "payment_method_types",
    "automatic_payment_methods",
    "statement_descriptor_suffix",
    "error_on_requires_action",
    "capture_method",
    "return_url",
  );
  const amount = params.int("amount", { required: true, min: 0 })!;
  if (amount < MIN_AMOUNT) throw invalidRequest(`Amount must be at least ${MIN_AMOUNT}`, "amount", "amount_too_small");
  if (amount > MAX_AMOUNT) throw invalidRequest(`Amount must be no more than ${MAX_AMOUNT}`, "amount", "amount_too_large");
  const currency = params.currency();
  const customer = params.string("customer");
  if (customer) ctx.state.customer(customer, "customer");
  params.oneOf("capture_method", ["automatic", "automatic_async"]);
  const offSession = params.oneOf("off_session", ["true", "false", "one_off", "recurring"]);
  const confirming = params.bool("confirm") ?? false;
  if (offSession && offSession !== "false" && !confirming)
    throw invalidRequest("You can only pass `off_session` when `confirm` is `true`.", "off_session");
  const pmId = params.string("payment_method");
  if (confirming && !pmId) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update it with a payment method, then confirm again.",
      "payment_method",
      "payment_intent_unexpected_state",
    );
  }
  const pm = pmId ? paymentMethod(ctx, pmId, "payment_method") : undefined;
  if (pm?.customer && pm.customer !== customer) {
    throw invalidRequest(
      `The provided PaymentMethod ${pm.id} belongs to another customer (or you did not pass its customer).`,
      "payment_method",
    );
  }
  const pi = paymentIntentObject({
    amount,
    currency,
    customer: customer ?? null,
    payment_method: pm?.id ?? null,
    metadata: params.metadata() ?? {},
    description: params.string("description"),
    receipt_email: params.string("receipt_email"),
    setup_future_usage: params.oneOf("setup_future_usage", ["on_session", "off_session"]),
  });
  ctx.state.paymentIntents.set(pi.id, pi);
  ctx.emit("payment_intent.created", pi);
  return confirming ? confirm(ctx, pi, pm!) : pi;
}

function confirmPaymentIntent(ctx: Ctx, params: Params, id: string) {
  params.only("payment_method", "off_session", "return_url", "error_on_requires_action");
  const pi = ctx.state.get(ctx.state.paymentIntents, "payment_intent", id);
  const pmId = params.string("payment_method") ?? pi.payment_method;
  if (!pmId)
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method.",
      "payment_method",
      "payment_intent_unexpected_state",
    );
  return confirm(ctx, pi, paymentMethod(ctx, pmId, "payment_method"));
}

function cancelPaymentIntent(ctx: Ctx, params: Params, id: string) {
  params.only("cancellation_reason");
  const pi = ctx.state.get(ctx.state.paymentIntents, "payment_intent", id);
  if (pi.status === "succeeded" || pi.status === "processing" || pi.status === "canceled") {
    throw invalidRequest(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
      undefined,
      "payment_intent_unexpected_state",
    );
  }
  Object.assign(pi, {
    status: "canceled",
    canceled_at: Math.floor(Date.now() / 1000),
    cancellation_reason: params.string("cancellation_reason") ?? null,
  });
  ctx.emit("payment_intent.canceled", pi);
  return pi;
}

function createRefund(ctx: Ctx, params: Params) {
  params.only("charge", "payment_intent", "amount", "reason", "metadata", "refund_application_fee", "reverse_transfer");
  let chargeId = params.string("charge");
  const piId = params.string("payment_intent");
  if (!chargeId && !piId)
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
      undefined,
      "parameter_missing",
    );
  if (piId) {
    const pi = ctx.state.get(ctx.state.paymentIntents, "payment_intent", piId, "payment_intent");
    if (pi.status !== "succeeded" || !pi.latest_charge)
      throw invalidRequest(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        "payment_intent",
        "charge_not_refundable",
      );
    if (chargeId && chargeId !== pi.latest_charge)
      throw invalidRequest(`The charge ${chargeId} does not belong to PaymentIntent ${pi.id}.`, "charge");
    chargeId = pi.latest_charge;
  }
  const charge = ctx.state.get(ctx.state.charges, "charge", chargeId!, "charge");
  const reason = params.oneOf("reason", ["duplicate", "fraudulent", "requested_by_customer"]) ?? null;
  return refund(ctx, charge, params.int("amount", { min: 1 }), reason, params.metadata() ?? {});
}

export const paymentRoutes: Route[] = [
  ["POST", /^\/v1\/payment_intents$/, createPaymentIntent],
  ["GET", /^\/v1\/payment_intents$/, (ctx, q) => list(ctx.state.paymentIntents.values(), q, "/v1/payment_intents", ["customer"])],
  ["GET", /^\/v1\/payment_intents\/([^/]+)$/, (ctx, q, id) => ctx.state.get(ctx.state.paymentIntents, "payment_intent", id)],
  ["POST", /^\/v1\/payment_intents\/([^/]+)\/confirm$/, confirmPaymentIntent],
  ["POST", /^\/v1\/payment_intents\/([^/]+)\/cancel$/, cancelPaymentIntent],
  ["GET", /^\/v1\/charges$/, (ctx, q) => list(ctx.state.charges.values(), q, "/v1/charges", ["customer", "payment_intent"])],
  ["GET", /^\/v1\/charges\/([^/]+)$/, (ctx, q, id) => ctx.state.get(ctx.state.charges, "charge", id)],
  ["POST", /^\/v1\/refunds$/, createRefund],
  ["GET", /^\/v1\/refunds$/, (ctx, q) => list(ctx.state.refunds.values(), q, "/v1/refunds", ["charge", "payment_intent"])],
  ["GET", /^\/v1\/refunds\/([^/]+)$/, (ctx, q, id) => ctx.state.get(ctx.state.refunds, "refund", id)],
  ["GET", /^\/v1\/payment_methods$/, (ctx, q) => listPaymentMethods(ctx, q, q.string("customer"))],
  ["GET", /^\/v1\/payment_methods\/([^/]+)$/, (ctx, q, id) => ctx.state.get(ctx.state.paymentMethods, "PaymentMethod", id)],
  [
    "POST",
    /^\/v1\/payment_methods\/([^/]+)\/attach$/,
    (ctx, p, id) => {
      const pm = ctx.state.get(ctx.state.paymentMethods, "PaymentMethod", id);
      attach(ctx, pm, ctx.state.customer(p.only("customer").string("customer", true)!, "customer").id);
      return pm;
    },
  ],
  [
    "POST",
    /^\/v1\/payment_methods\/([^/]+)\/detach$/,
    (ctx, p, id) => {
      const pm = ctx.state.get(ctx.state.paymentMethods, "PaymentMethod", id);
      p.only();
      detach(ctx, pm);
      return pm;
    },
  ],
];

/** The cards saved on a customer (only attached payment methods are listed, as on Stripe). */
export function listPaymentMethods(ctx: Ctx, q: Params, customer: string | undefined) {
  if (customer) ctx.state.customer(customer, "customer");
  return list(
    ctx.state.paymentMethods.values(),
    q,
    "/v1/payment_methods",
    ["customer", "type"],
    (pm) => pm.customer !== null && (!customer || pm.customer === customer),
  );
}
