// lib/billing/stripe/create-top-up-checkout.ts against the local Stripe-compatible server, through
// the real SDK: the amount comes from the server, one customer per team, idempotent sessions.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTopUpCheckout, openCheckoutSession } from "@/lib/billing/stripe/create-top-up-checkout";
import { createTeamWithOwner } from "../../factories";
import { useStripeTestbed } from "../../support/billing-factories";

const bed = useStripeTestbed();

describe("createTopUpCheckout", () => {
  it("creates a PENDING payment and a Checkout Session for exactly that amount", async () => {
    const { team, owner } = await createTeamWithOwner();
    const checkout = await createTopUpCheckout(team.id, { amountMicros: 25_000_000n }, owner.id);
    expect(checkout.url).toContain(`/checkout/${checkout.sessionId}`);

    const payment = await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } });
    expect(payment).toMatchObject({
      teamId: team.id,
      kind: "CHECKOUT",
      status: "PENDING",
      amount: 25_000_000n,
      currency: "USD",
      createdByUserId: owner.id,
      stripeCheckoutSessionId: checkout.sessionId,
    });

    const session = await bed.stripe.checkout.sessions.retrieve(checkout.sessionId);
    expect(session).toMatchObject({
      mode: "payment",
      amount_total: 2500,
      currency: "usd",
      client_reference_id: team.id,
      metadata: { teamId: team.id, paymentId: payment.id },
    });
    expect(session.success_url).toBe(`http://localhost:3000/${team.slug}/billing/top-up/success?session_id={CHECKOUT_SESSION_ID}`);
    expect(session.cancel_url).toBe(`http://localhost:3000/${team.slug}/billing/top-up/cancelled`);
    const items = await bed.stripe.checkout.sessions.listLineItems(checkout.sessionId);
    expect(items.data[0]?.amount_total).toBe(2500);
    expect(await db.auditLog.findFirst({ where: { targetId: payment.id } })).toMatchObject({
      action: "billing.top_up.started",
      actorUserId: owner.id,
    });
  });

  it("reuses the team's Stripe customer, also for two first top-ups at once", async () => {
    const { team, owner } = await createTeamWithOwner();
    const [first, second] = await Promise.all([
      createTopUpCheckout(team.id, { amountMicros: 10_000_000n }, owner.id),
      createTopUpCheckout(team.id, { amountMicros: 50_000_000n }, owner.id),
    ]);
    const third = await createTopUpCheckout(team.id, { amountMicros: 100_000_000n }, owner.id);
    const { stripeCustomerId } = await db.team.findUniqueOrThrow({ where: { id: team.id } });
    expect(stripeCustomerId).toMatch(/^cus_/);
    for (const checkout of [first, second, third]) {
      expect((await bed.stripe.checkout.sessions.retrieve(checkout.sessionId)).customer).toBe(stripeCustomerId);
    }
    const customers = await bed.stripe.customers.list({ limit: 100 });
    expect(customers.data.filter((customer) => customer.metadata.teamId === team.id)).toHaveLength(1);
  });

  it("asks to save the card only when told to", async () => {
    const { team, owner } = await createTeamWithOwner();
    const saved = await createTopUpCheckout(team.id, { amountMicros: 10_000_000n, saveCard: true }, owner.id);
    const plain = await createTopUpCheckout(team.id, { amountMicros: 10_000_000n }, owner.id);
    await bed.testbed.server.pay(saved.sessionId);
    await bed.testbed.server.pay(plain.sessionId);
    const intentOf = async (sessionId: string) =>
      bed.stripe.paymentIntents.retrieve(String((await bed.stripe.checkout.sessions.retrieve(sessionId)).payment_intent));
    expect((await intentOf(saved.sessionId)).setup_future_usage).toBe("off_session");
    expect((await intentOf(plain.sessionId)).setup_future_usage).toBeNull();
  });

  it("opens one session per payment: a retried request gets the same session", async () => {
    const { team, owner } = await createTeamWithOwner();
    const checkout = await createTopUpCheckout(team.id, { amountMicros: 25_000_000n }, owner.id);
    const payment = await db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } });
    const { stripeCustomerId } = await db.team.findUniqueOrThrow({ where: { id: team.id } });
    const again = await openCheckoutSession(bed.stripe, payment, { customerId: stripeCustomerId!, teamSlug: team.slug, saveCard: false });
    expect(again.id).toBe(checkout.sessionId);
  });

  it("refuses a team that does not exist", async () => {
    const { owner } = await createTeamWithOwner();
    await expect(createTopUpCheckout("no-such-team", { amountMicros: 10_000_000n }, owner.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
