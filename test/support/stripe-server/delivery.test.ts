// Webhook delivery options of the local Stripe server: timing, event filters, failing endpoints.
import { afterEach, expect, it } from "vitest";
import Stripe from "stripe";
import { startStripeServer, type StripeServer, type StripeServerOptions } from ".";
import { startWebhookReceiver, type WebhookReceiver } from "./receiver";

const SECRET = "whsec_delivery_test";
const open: (StripeServer | WebhookReceiver)[] = [];
afterEach(async () => {
  for (const closable of open.splice(0).reverse()) await closable.close();
});

async function setup(options: Partial<StripeServerOptions> = {}) {
  const receiver = await startWebhookReceiver(SECRET);
  const server = await startStripeServer({ webhookSecret: SECRET, webhookUrl: receiver.url, ...options });
  open.push(receiver, server);
  const stripe = new Stripe(server.secretKey, { host: server.host, port: server.port, protocol: "http", maxNetworkRetries: 0 });
  return { receiver, server, stripe };
}

it("delivers an API call's events before its response when asked to", async () => {
  const { receiver, stripe } = await setup({ delivery: "before_response" });
  const customer = await stripe.customers.create({ email: "early@acme.test" });
  expect(receiver.received.map((e) => [e.type, (e.data.object as { id: string }).id])).toEqual([["customer.created", customer.id]]);
});

it("delivers after the response by default; flush() waits for it", async () => {
  const { receiver, server, stripe } = await setup();
  const customer = await stripe.customers.create({ email: "late@acme.test" });
  await server.flush();
  expect(receiver.received.map((e) => e.type)).toEqual(["customer.created"]);
  expect(server.deliveries[0]).toMatchObject({
    status: 200,
    event: { id: receiver.received[0].id, request: { id: expect.stringMatching(/^req_/) } },
  });
  expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
});

it("sends only enabled event types, records failed attempts, and expires sessions", async () => {
  const { receiver, server, stripe } = await setup({ enabledEvents: ["checkout.session.expired"] });
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ quantity: 3, price_data: { currency: "eur", unit_amount: 500, product_data: { name: "Credit" } } }],
  });
  receiver.status = 500;
  const expired = await stripe.checkout.sessions.expire(session.id);
  expect(expired).toMatchObject({ status: "expired", url: null, amount_total: 1500 });
  await server.flush();
  expect(server.deliveries.map((d) => [d.event.type, d.status])).toEqual([["checkout.session.expired", 500]]);
  receiver.status = 200;
  expect(await server.redeliver(server.deliveries[0].event.id)).toMatchObject({ status: 200 });
  expect(server.events.map((e) => e.type)).toEqual(["checkout.session.expired"]);
  await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400 });
  await expect(server.pay(session.id)).rejects.toThrow(/expired/);
});

it("links the hosted page and receipts to publicUrl", async () => {
  const { server, stripe } = await setup({ publicUrl: "http://stripe.test:8080" });
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ quantity: 1, price_data: { currency: "jpy", unit_amount: 2500, product_data: { name: "Credit" } } }],
  });
  expect(session.url).toBe(`http://stripe.test:8080/checkout/${session.id}`);
  const html = await (await fetch(`${server.url}/checkout/${session.id}`)).text();
  expect(html).toContain("¥2,500");
  expect(html).not.toContain("save_card"); // no setup_future_usage, no customer_creation=always
  await server.pay(session.id);
  const pi = await stripe.paymentIntents.retrieve((await stripe.checkout.sessions.retrieve(session.id)).payment_intent as string, {
    expand: ["latest_charge"],
  });
  expect((pi.latest_charge as Stripe.Charge).receipt_url).toMatch(/^http:\/\/stripe\.test:8080\/receipts\/ch_/);
});
