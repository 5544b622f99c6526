// app/api/webhooks/stripe/route.ts: signed events from the local Stripe server, applied exactly
// once, with balance == sum(ledger) after every scenario.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { POST } from "@/app/api/webhooks/stripe/route";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-top-up-checkout";
import { createTeamWithOwner } from "../../factories";
import { signedDelivery, useStripeTestbed, webhookRequest } from "../../support/billing-factories";
import { expectLedgerInvariant } from "../../support/ledger";
import type { PayOutcome } from "../../support/stripe-server";

const bed = useStripeTestbed();

async function topUp(amountMicros = 25_000_000n, outcome?: PayOutcome) {
  const { team, owner } = await createTeamWithOwner();
  const checkout = await createTopUpCheckout(team.id, { amountMicros }, owner.id);
  if (outcome) await bed.testbed.server.pay(checkout.sessionId, { outcome });
  return { team, owner, checkout };
}

/** Pays with the webhook receiver out of reach, so the test decides when and how events arrive. */
async function payWithoutDelivery(sessionId: string) {
  bed.testbed.server.setWebhookUrl("http://127.0.0.1:9/unreachable");
  try {
    await bed.testbed.server.pay(sessionId);
  } finally {
    bed.testbed.server.setWebhookUrl(bed.testbed.webhookUrl);
  }
}

const eventFor = (type: string, sessionId: string) => {
  const event = bed.testbed.server.events.find(
    (candidate) => candidate.type === type && (candidate.data.object as { id?: string }).id === sessionId,
  );
  if (!event) throw new Error(`no ${type} for ${sessionId}`);
  return event;
};
const deliveryStatus = (eventId: string) =>
  bed.testbed.server.deliveries.filter((delivery) => delivery.event.id === eventId).map((delivery) => delivery.status);
const recorded = (eventId: string) => db.stripeEvent.findUnique({ where: { id: eventId } });
const balanceOf = async (teamId: string) => (await db.team.findUniqueOrThrow({ where: { id: teamId } })).balance;
const ledger = (teamId: string) => db.creditLedgerEntry.findMany({ where: { teamId }, orderBy: { createdAt: "asc" } });

describe("checkout top-ups", () => {
  it("credits a paid checkout once, with the receipt, and records the event", async () => {
    const { team, checkout } = await topUp(25_000_000n, "paid");
    const completed = eventFor("checkout.session.completed", checkout.sessionId);
    expect(deliveryStatus(completed.id)).toEqual([200]);
    expect(await recorded(completed.id)).toMatchObject({ type: "checkout.session.completed", outcome: "applied", teamId: team.id });

    const payment = await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } });
    expect(payment).toMatchObject({ status: "PAID" });
    expect(payment.stripePaymentIntentId).toMatch(/^pi_/);
    expect(payment.stripeChargeId).toMatch(/^ch_/);
    expect(payment.receiptUrl).toMatch(/^http/);
    const entries = await ledger(team.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "TOPUP",
      amount: 25_000_000n,
      balanceAfter: 25_000_000n,
      paymentId: payment.id,
      externalRef: `stripe:checkout:${checkout.sessionId}`,
    });
    expect(await expectLedgerInvariant(team.id)).toBe(25_000_000n);
    // payment_intent.succeeded came too: recorded, but the session events settle checkouts.
    const intentEvent = bed.testbed.server.events.find(
      (event) => event.type === "payment_intent.succeeded" && (event.data.object as { id: string }).id === payment.stripePaymentIntentId,
    );
    expect(await recorded(intentEvent!.id)).toMatchObject({ outcome: "ignored" });
  });

  it("changes nothing when the same event is delivered again", async () => {
    const { team, checkout } = await topUp(10_000_000n, "paid");
    const completed = eventFor("checkout.session.completed", checkout.sessionId);
    const again = await bed.testbed.server.redeliver(completed.id);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
    expect(await ledger(team.id)).toHaveLength(1);
    expect(await expectLedgerInvariant(team.id)).toBe(10_000_000n);
  });

  it("credits once when the same event arrives twice at the same moment", async () => {
    const { team, checkout } = await topUp(50_000_000n);
    await payWithoutDelivery(checkout.sessionId);
    const { payload, signature } = signedDelivery(eventFor("checkout.session.completed", checkout.sessionId));
    const responses = await Promise.all(Array.from({ length: 6 }, () => POST(webhookRequest(payload, signature))));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(bodies.filter((body) => !body.duplicate)).toHaveLength(1);
    expect(await ledger(team.id)).toHaveLength(1);
    expect(await expectLedgerInvariant(team.id)).toBe(50_000_000n);
  });

  it("waits for a delayed payment, then credits it once", async () => {
    const { team, checkout } = await topUp(25_000_000n, "async_pending");
    const completed = eventFor("checkout.session.completed", checkout.sessionId);
    expect(await recorded(completed.id)).toMatchObject({ outcome: "applied", detail: "awaiting the asynchronous payment" });
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({ status: "PENDING" });
    expect(await balanceOf(team.id)).toBe(0n);

    await bed.testbed.server.pay(checkout.sessionId, { outcome: "async_succeeded" });
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({ status: "PAID" });
    expect(await ledger(team.id)).toHaveLength(1);
    expect(await expectLedgerInvariant(team.id)).toBe(25_000_000n);
  });

  it("marks a failed delayed payment FAILED and credits nothing", async () => {
    const { team, checkout } = await topUp(25_000_000n, "async_pending");
    await bed.testbed.server.pay(checkout.sessionId, { outcome: "async_failed" });
    const failed = eventFor("checkout.session.async_payment_failed", checkout.sessionId);
    expect(await recorded(failed.id)).toMatchObject({ outcome: "applied" });
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({ status: "FAILED" });
    expect(await ledger(team.id)).toHaveLength(0);
    expect(await expectLedgerInvariant(team.id)).toBe(0n);
  });

  it("credits a session once when completed (paid) and async_payment_succeeded both arrive, even together", async () => {
    const { team, checkout } = await topUp(25_000_000n);
    await payWithoutDelivery(checkout.sessionId);
    const completed = eventFor("checkout.session.completed", checkout.sessionId);
    // The same session, paid, under another event id and type: what Stripe sends for a session
    // that settled later. Signed like the server's own events.
    const succeeded = { ...completed, id: `${completed.id}_async`, type: "checkout.session.async_payment_succeeded" };
    const responses = await Promise.all(
      [completed, succeeded]
        .map((event) => signedDelivery(event))
        .map(({ payload, signature }) => POST(webhookRequest(payload, signature))),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect((await Promise.all([completed.id, succeeded.id].map(recorded))).map((row) => row?.outcome).sort()).toEqual([
      "applied",
      "ignored",
    ]);
    expect(await ledger(team.id)).toHaveLength(1);
    expect(await expectLedgerInvariant(team.id)).toBe(25_000_000n);
  });
});

describe("out of order", () => {
  it("credits once when async_payment_succeeded arrives before the unpaid completed event", async () => {
    const { team, checkout } = await topUp(25_000_000n);
    bed.testbed.server.setWebhookUrl("http://127.0.0.1:9/unreachable");
    try {
      await bed.testbed.server.pay(checkout.sessionId, { outcome: "async_pending" });
      await bed.testbed.server.pay(checkout.sessionId, { outcome: "async_succeeded" });
    } finally {
      bed.testbed.server.setWebhookUrl(bed.testbed.webhookUrl);
    }
    const completed = eventFor("checkout.session.completed", checkout.sessionId);
    const succeeded = eventFor("checkout.session.async_payment_succeeded", checkout.sessionId);
    for (const event of [succeeded, completed]) {
      const { payload, signature } = signedDelivery(event);
      expect((await POST(webhookRequest(payload, signature))).status).toBe(200);
    }
    // The late "completed, unpaid" must not send the paid payment back to pending.
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({ status: "PAID" });
    expect(await ledger(team.id)).toHaveLength(1);
    expect(await expectLedgerInvariant(team.id)).toBe(25_000_000n);
  });
});

describe("sessions that end unpaid", () => {
  it("marks an expired session's payment EXPIRED", async () => {
    const { team, checkout } = await topUp(25_000_000n);
    await bed.stripe.checkout.sessions.expire(checkout.sessionId);
    await bed.testbed.server.flush();
    expect(await recorded(eventFor("checkout.session.expired", checkout.sessionId).id)).toMatchObject({ outcome: "applied" });
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({ status: "EXPIRED" });
    expect(await expectLedgerInvariant(team.id)).toBe(0n);
  });
});

describe("signatures", () => {
  it("refuses a tampered body, a stale timestamp and a missing signature, changing nothing", async () => {
    const { team, checkout } = await topUp(25_000_000n, "paid");
    const completed = eventFor("checkout.session.completed", checkout.sessionId);
    await db.stripeEvent.delete({ where: { id: completed.id } }); // so a bad delivery could not hide behind "duplicate"
    const before = await balanceOf(team.id);

    const tampered = await bed.testbed.server.redeliver(completed.id, { tamper: true });
    expect(tampered.status).toBe(400);
    expect(JSON.parse(tampered.body)).toMatchObject({ error: "invalid_signature" });
    const stale = await bed.testbed.server.redeliver(completed.id, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(400);
    const { payload } = signedDelivery(completed);
    expect((await POST(webhookRequest(payload))).status).toBe(400);
    expect((await POST(webhookRequest(payload, "t=1,v1=deadbeef"))).status).toBe(400);

    expect(await recorded(completed.id)).toBeNull();
    expect(await balanceOf(team.id)).toBe(before);
    expect(await ledger(team.id)).toHaveLength(1);
    await expectLedgerInvariant(team.id);
  });
});

describe("refunds", () => {
  it("debits each new refund once; the balance may go below zero", async () => {
    const { team, checkout } = await topUp(25_000_000n, "paid");
    // Spend most of the credit first, as gateway calls would.
    await db.$transaction([
      db.$executeRaw`UPDATE teams SET balance = balance - 20000000 WHERE id = ${team.id}`,
      db.creditLedgerEntry.create({ data: { teamId: team.id, kind: "USAGE", amount: -20_000_000n, reason: "calls" } }),
    ]);
    const { stripeChargeId } = await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } });

    await bed.testbed.server.refundCharge(stripeChargeId!, 1000); // 10.00 of 25.00
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({
      status: "PARTIALLY_REFUNDED",
      amountRefunded: 10_000_000n,
    });
    expect(await expectLedgerInvariant(team.id)).toBe(-5_000_000n);

    await bed.testbed.server.refundCharge(stripeChargeId!); // the remaining 15.00
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({
      status: "REFUNDED",
      amountRefunded: 25_000_000n,
    });
    const refunds = (await ledger(team.id)).filter((entry) => entry.kind === "PAYMENT_REFUND");
    expect(refunds.map((entry) => [entry.amount, entry.externalRef])).toEqual([
      [-10_000_000n, `stripe:refund:${stripeChargeId}:1000`],
      [-15_000_000n, `stripe:refund:${stripeChargeId}:2500`],
    ]);
    expect(await expectLedgerInvariant(team.id)).toBe(-20_000_000n);

    // A redelivered refund event changes nothing.
    const refunded = bed.testbed.server.events.filter(
      (event) => event.type === "charge.refunded" && (event.data.object as { id: string }).id === stripeChargeId,
    );
    expect(refunded).toHaveLength(2);
    expect((await bed.testbed.server.redeliver(refunded[0]!.id)).status).toBe(200);
    expect(await expectLedgerInvariant(team.id)).toBe(-20_000_000n);
  });
});

describe("refund before credit", () => {
  it("refuses a refund that arrives before its payment's credit, so Stripe retries it afterwards", async () => {
    const { team, checkout } = await topUp(25_000_000n);
    await payWithoutDelivery(checkout.sessionId);
    const intentId = String((await bed.stripe.checkout.sessions.retrieve(checkout.sessionId)).payment_intent);
    const chargeId = String((await bed.stripe.paymentIntents.retrieve(intentId)).latest_charge);
    await bed.testbed.server.refundCharge(chargeId);
    const refunded = bed.testbed.server.events.find(
      (event) => event.type === "charge.refunded" && (event.data.object as { id: string }).id === chargeId,
    )!;
    expect(deliveryStatus(refunded.id)).toEqual([500]);
    expect(await recorded(refunded.id)).toBeNull();

    expect((await bed.testbed.server.redeliver(eventFor("checkout.session.completed", checkout.sessionId).id)).status).toBe(200);
    expect((await bed.testbed.server.redeliver(refunded.id)).status).toBe(200);
    expect(await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({
      status: "REFUNDED",
      amountRefunded: 25_000_000n,
    });
    expect(await expectLedgerInvariant(team.id)).toBe(0n);
  });
});

describe("events for no team of ours", () => {
  it("records unknown_team and credits nothing", async () => {
    const session = await bed.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 2500, product_data: { name: "Tollgate credit" } } }],
      client_reference_id: "no-such-team",
      metadata: { teamId: "no-such-team", paymentId: "no-such-payment" },
      success_url: "http://localhost:3000/x/billing/top-up/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://localhost:3000/x/billing/top-up/cancelled",
    });
    await bed.testbed.server.pay(session.id);
    const completed = eventFor("checkout.session.completed", session.id);
    expect(deliveryStatus(completed.id)).toEqual([200]);
    expect(await recorded(completed.id)).toMatchObject({ outcome: "unknown_team", teamId: null, detail: "no team no-such-team" });
    expect(await db.creditLedgerEntry.count({ where: { teamId: "no-such-team" } })).toBe(0);
    // Visible to admins on /admin/payments.
    const { listUnappliedStripeEvents } = await import("@/lib/admin/list-unapplied-stripe-events");
    expect((await listUnappliedStripeEvents(500)).map((event) => event.id)).toContain(completed.id);
  });

  it("records event types it does not handle as ignored", async () => {
    const customer = await bed.stripe.customers.create({ name: "someone" });
    await bed.testbed.server.flush();
    const created = bed.testbed.server.events.find(
      (event) => event.type === "customer.created" && (event.data.object as { id: string }).id === customer.id,
    )!;
    expect(deliveryStatus(created.id)).toEqual([200]);
    expect(await recorded(created.id)).toMatchObject({ outcome: "ignored", detail: "event type customer.created is not handled" });
  });
});
