// The local Stripe server driven by the real `stripe` SDK, with every webhook verified by
// `constructEvent` on a local receiver: the same path the app's top-ups will take.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startStripeServer, type StripeServer } from "./stripe-server";
import { startWebhookReceiver, type WebhookReceiver } from "./stripe-server/receiver";

const SECRET = "whsec_test_local_secret";
let server: StripeServer;
let receiver: WebhookReceiver;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  server = await startStripeServer({ webhookSecret: SECRET, webhookUrl: receiver.url });
  stripe = new Stripe(server.secretKey, { host: server.host, port: server.port, protocol: "http", maxNetworkRetries: 0 });
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

/** A top-up as the app will create it: a team's customer, a server-computed price, the team in metadata. */
async function topUp(amount = 2500, options: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  const customer = await stripe.customers.create({ email: "owner@acme.test", metadata: { team: "team_1" } });
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    customer: customer.id,
    client_reference_id: "team_1",
    line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: amount, product_data: { name: "Tollgate credit" } } }],
    metadata: { team: "team_1", credit: String(amount * 10_000) },
    payment_intent_data: { setup_future_usage: "off_session", metadata: { team: "team_1" } },
    success_url: "http://app.test/billing?session={CHECKOUT_SESSION_ID}",
    cancel_url: "http://app.test/billing?cancelled=1",
    ...options,
  });
  return { customer, session };
}

const received = (type: string, id: string) =>
  receiver.received.filter((e) => e.type === type && (e.data.object as { id: string }).id === id);

describe("checkout", () => {
  it("creates and reads back a session priced with price_data", async () => {
    const { customer, session } = await topUp();
    expect(customer.id).toMatch(/^cus_/);
    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      amount_total: 2500,
      currency: "usd",
      livemode: false,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${server.url}/checkout/${session.id}`);
    const read = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] });
    expect(read).toMatchObject({
      customer: customer.id,
      client_reference_id: "team_1",
      metadata: { team: "team_1", credit: "25000000" },
      payment_intent: null,
    });
    expect(read.line_items?.data[0]).toMatchObject({ quantity: 1, amount_total: 2500, description: "Tollgate credit" });
  });

  it("pay() completes the session, saves the card and sends signed events", async () => {
    const { customer, session } = await topUp();
    await server.pay(session.id);
    const [completed] = received("checkout.session.completed", session.id);
    expect(completed.data.object).toMatchObject({ status: "complete", payment_status: "paid", metadata: { team: "team_1" } });
    expect(server.deliveries.every((d) => d.status === 200)).toBe(true);

    const read = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    const pi = read.payment_intent as Stripe.PaymentIntent;
    const charge = pi.latest_charge as Stripe.Charge;
    expect(pi).toMatchObject({ status: "succeeded", amount_received: 2500, customer: customer.id, metadata: { team: "team_1" } });
    expect(charge).toMatchObject({ paid: true, status: "succeeded", amount: 2500 });
    expect(received("payment_intent.succeeded", pi.id)).toHaveLength(1);
    const receipt = await fetch(charge.receipt_url!);
    expect(await receipt.text()).toContain("$25.00");
    const cards = await stripe.customers.listPaymentMethods(customer.id);
    expect(cards.data.map((pm) => pm.id)).toEqual([pi.payment_method]);
  });

  it("serves a hosted page whose Pay button completes the session and redirects", async () => {
    const { customer, session } = await topUp(4200);
    const html = await (await fetch(session.url!)).text();
    expect(html).toContain("$42.00");
    expect(html).toContain('<label for="save_card">Save card for future payments</label>');
    expect(html).toContain('href="http://app.test/billing?cancelled=1"');

    const declined = await fetch(`${server.url}/checkout/${session.id}/pay`, {
      method: "POST",
      body: new URLSearchParams({ outcome: "declined" }),
    });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('role="alert"');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");

    const paid = await fetch(`${server.url}/checkout/${session.id}/pay`, {
      method: "POST",
      body: new URLSearchParams({ save_card: "true" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://app.test/billing?session=${session.id}`);
    await server.flush();
    expect(received("checkout.session.completed", session.id)).toHaveLength(1);
    const pi = await stripe.paymentIntents.retrieve((await stripe.checkout.sessions.retrieve(session.id)).payment_intent as string);
    expect(pi.status).toBe("succeeded"); // the declined attempt's PaymentIntent, retried
    expect(received("payment_intent.payment_failed", pi.id)).toHaveLength(1);
    expect((await stripe.customers.listPaymentMethods(customer.id)).data.map((pm) => pm.id)).toEqual([pi.payment_method]); // not the declined card
  });

  it("completes async payments unpaid, then settles them", async () => {
    const { session } = await topUp();
    await server.pay(session.id, { outcome: "async_pending" });
    expect(received("checkout.session.completed", session.id)[0].data.object).toMatchObject({ payment_status: "unpaid" });
    await server.pay(session.id, { outcome: "async_succeeded" });
    expect(received("checkout.session.async_payment_succeeded", session.id)[0].data.object).toMatchObject({ payment_status: "paid" });

    const failing = (await topUp()).session;
    await server.pay(failing.id, { outcome: "async_failed" });
    expect(received("checkout.session.async_payment_failed", failing.id)[0].data.object).toMatchObject({
      status: "complete",
      payment_status: "unpaid",
    });
  });
});

describe("API behaviour", () => {
  it("replays an Idempotency-Key and refuses it with other parameters", async () => {
    const first = await stripe.customers.create({ email: "a@acme.test" }, { idempotencyKey: "team-7-customer" });
    const again = await stripe.customers.create({ email: "a@acme.test" }, { idempotencyKey: "team-7-customer" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(server.events.filter((e) => e.type === "customer.created" && e.data.object.id === first.id)).toHaveLength(1);
    const mismatch = stripe.customers.create({ email: "b@acme.test" }, { idempotencyKey: "team-7-customer" });
    await expect(mismatch).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("charges a saved card off-session, and declines when told to", async () => {
    const { customer, session } = await topUp();
    await server.pay(session.id, { saveCard: true });
    const [card] = (await stripe.customers.listPaymentMethods(customer.id)).data;
    const params = {
      amount: 1000,
      currency: "usd",
      customer: customer.id,
      payment_method: card.id,
      off_session: true,
      confirm: true,
      metadata: { team: "team_1" },
    };
    const pi = await stripe.paymentIntents.create(params);
    expect(pi).toMatchObject({ status: "succeeded", amount_received: 1000 });
    expect(pi.latest_charge).toMatch(/^ch_/);

    server.failNextOffSessionPayment(customer.id);
    const error = await stripe.paymentIntents.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    const cardError = error as Stripe.errors.StripeCardError;
    expect(cardError).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline" });
    expect(cardError.payment_intent).toMatchObject({ status: "requires_payment_method", last_payment_error: { code: "card_declined" } });
    await server.flush();
    expect(received("payment_intent.succeeded", pi.id)).toHaveLength(1);
    expect(received("payment_intent.payment_failed", cardError.payment_intent!.id)).toHaveLength(1);
  });

  it("refunds partially, then fully, with a cumulative amount_refunded", async () => {
    const { session } = await topUp(3000);
    await server.pay(session.id);
    const pi = (await stripe.checkout.sessions.retrieve(session.id)).payment_intent as string;
    const refund = await stripe.refunds.create({ payment_intent: pi, amount: 1000 });
    expect(refund).toMatchObject({ object: "refund", amount: 1000, status: "succeeded", payment_intent: pi });
    const chargeId = refund.charge as string;
    await server.refundCharge(chargeId);
    const refunded = received("charge.refunded", chargeId).map((e) => e.data.object as Stripe.Charge);
    expect(refunded.map((c) => [c.amount_refunded, c.refunded])).toEqual([
      [1000, false],
      [3000, true],
    ]);
    expect(refunded[1].refunds?.data.map((r) => r.amount)).toEqual([2000, 1000]);
    await expect(stripe.refunds.create({ charge: chargeId })).rejects.toMatchObject({ code: "charge_already_refunded" });
  });

  it("redelivers an event: tampered or stale signatures fail verification", async () => {
    const event = server.events.find((e) => e.type === "checkout.session.completed")!;
    const before = receiver.received.length;
    expect(await server.redeliver(event.id, { tamper: true })).toMatchObject({
      status: 400,
      body: expect.stringContaining("No signatures found"),
    });
    const stale = await server.redeliver(event.id, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale).toMatchObject({ status: 400, body: expect.stringContaining("Timestamp outside the tolerance zone") });
    expect((await server.redeliver(event.id)).status).toBe(200);
    expect(receiver.received.slice(before).map((e) => e.id)).toEqual([event.id]);
  });

  it("answers like Stripe to a wrong key, a missing object and an unknown parameter", async () => {
    const intruder = new Stripe("sk_test_wrong_key_1234", { host: server.host, port: server.port, protocol: "http", maxNetworkRetries: 0 });
    await expect(intruder.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(stripe.charges.retrieve("ch_missing")).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
    const unknown = stripe.customers.create({ emial: "typo@acme.test" } as Stripe.CustomerCreateParams);
    await expect(unknown).rejects.toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "emial" });
    expect((await stripe.events.retrieve(server.events[0].id)).id).toBe(server.events[0].id);
  });
});
