// Auto-recharge end to end: a card saved with a Checkout top-up, many concurrent gateway calls
// crossing the threshold, one off-session PaymentIntent, credit through the signed webhook. A
// declined card switches auto-recharge off, notifies, and credits nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { settleBalanceWatch, watchBalances } from "@/lib/billing/balance-watch";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-top-up-checkout";
import { updateAutoRecharge } from "@/lib/billing/auto-recharge/auto-recharge-settings";
import { startUpstream, type Upstream } from "../../support/upstream-server";
import { callGateway, createGatewayFixture } from "../../support/gateway-factories";
import { useStripeTestbed } from "../../support/billing-factories";
import { expectLedgerInvariant } from "../../support/ledger";

const bed = useStripeTestbed();
let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const PRICE = 20_000n;

/** A metered team that topped up 10.00 with "save card" ticked, auto-recharge 5.00 below 10.50. */
async function rechargingTeam() {
  const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: PRICE });
  const checkout = await createTopUpCheckout(fixture.team.id, { amountMicros: 10_000_000n, saveCard: true }, fixture.owner.id);
  await bed.testbed.server.pay(checkout.sessionId);
  const team = await db.team.findUniqueOrThrow({ where: { id: fixture.team.id } });
  expect(team.autoRechargePaymentMethodId).toMatch(/^pm_/);
  await updateAutoRecharge(team.id, { enabled: true, threshold: "10.50", amount: "5" }, fixture.owner.id);
  return { ...fixture, customerId: team.stripeCustomerId! };
}

async function storm(slug: string, key: string, teamId: string) {
  const responses = await Promise.all(Array.from({ length: 40 }, () => callGateway(slug, "/echo", { key })));
  await Promise.all(responses.map((response) => response.arrayBuffer()));
  expect(responses.every((response) => response.status === 200)).toBe(true);
  await flushUsage();
  // Other instances watching the same team at the same moment.
  await Promise.all(Array.from({ length: 5 }, () => watchBalances([teamId])));
  await settleBalanceWatch();
  await bed.testbed.server.flush();
}

const intentsFor = (teamId: string) =>
  bed.testbed.server.events.filter(
    (event) =>
      event.type === "payment_intent.created" &&
      (event.data.object as { metadata?: Record<string, string> }).metadata?.teamId === teamId &&
      (event.data.object as { metadata?: Record<string, string> }).metadata?.kind === "auto_recharge",
  );

describe("auto-recharge", () => {
  it("recharges exactly once when many calls cross the threshold together", async () => {
    const { team, slug, key } = await rechargingTeam();
    await storm(slug, key, team.id);

    const recharges = await db.creditLedgerEntry.findMany({ where: { teamId: team.id, kind: "AUTO_RECHARGE" } });
    expect(recharges).toHaveLength(1);
    expect(recharges[0]).toMatchObject({ amount: 5_000_000n });
    expect(recharges[0]!.externalRef).toMatch(/^stripe:pi:pi_/);
    expect(intentsFor(team.id)).toHaveLength(1);
    const payments = await db.payment.findMany({ where: { teamId: team.id, kind: "AUTO_RECHARGE" } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: "PAID", amount: 5_000_000n });
    expect(await expectLedgerInvariant(team.id)).toBe(1_000_000n + 10_000_000n - 40n * PRICE + 5_000_000n);
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({
      autoRechargeEnabled: true,
      autoRechargeInFlightAt: null,
    });
  });

  it("switches itself off, notifies and credits nothing when the card is declined", async () => {
    const { team, owner, slug, key, customerId } = await rechargingTeam();
    bed.testbed.server.failNextOffSessionPayment(customerId, "insufficient_funds");
    await storm(slug, key, team.id);

    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "AUTO_RECHARGE" } })).toBe(0);
    expect(await db.payment.findMany({ where: { teamId: team.id, kind: "AUTO_RECHARGE" } })).toMatchObject([{ status: "FAILED" }]);
    expect(intentsFor(team.id)).toHaveLength(1);
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({
      autoRechargeEnabled: false,
      autoRechargeInFlightAt: null,
    });
    expect(await db.notification.count({ where: { teamId: team.id, kind: "auto_recharge.failed" } })).toBe(1);
    expect(await db.emailOutbox.count({ where: { to: owner.email, subject: { contains: "auto-recharge failed" } } })).toBe(1);
    const failedEvent = bed.testbed.server.events.find(
      (event) =>
        event.type === "payment_intent.payment_failed" &&
        (event.data.object as { metadata?: Record<string, string> }).metadata?.teamId === team.id,
    );
    expect(await db.stripeEvent.findUnique({ where: { id: failedEvent!.id } })).toMatchObject({ outcome: "ignored" });
    expect(await expectLedgerInvariant(team.id)).toBe(1_000_000n + 10_000_000n - 40n * PRICE);
  });

  it("takes a stale in-flight claim again, never a fresh one", async () => {
    const { team } = await rechargingTeam();
    await db.team.update({ where: { id: team.id }, data: { balance: { decrement: 1_000_000n } } });
    await db.creditLedgerEntry.create({ data: { teamId: team.id, kind: "ADJUSTMENT", amount: -1_000_000n, reason: "test" } });
    await db.team.update({ where: { id: team.id }, data: { autoRechargeInFlightAt: new Date(Date.now() - 60_000) } });
    await watchBalances([team.id]);
    expect(intentsFor(team.id)).toHaveLength(0);
    await db.team.update({ where: { id: team.id }, data: { autoRechargeInFlightAt: new Date(Date.now() - 16 * 60_000) } });
    await watchBalances([team.id]);
    await settleBalanceWatch();
    await bed.testbed.server.flush();
    expect(intentsFor(team.id)).toHaveLength(1);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "AUTO_RECHARGE" } })).toBe(1);
    expect(await expectLedgerInvariant(team.id)).toBe(15_000_000n);
  });

  it("re-arms the low-balance alert when a Stripe top-up lifts the balance", async () => {
    const { team, owner } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n });
    await db.team.update({ where: { id: team.id }, data: { lowBalanceThreshold: 5_000_000n, lowBalanceAlertedAt: new Date() } });
    const checkout = await createTopUpCheckout(team.id, { amountMicros: 10_000_000n }, owner.id);
    await bed.testbed.server.pay(checkout.sessionId);
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({
      lowBalanceAlertedAt: null,
      autoRechargePaymentMethodId: null,
    });
  });

  it("cannot be switched on before a card was saved", async () => {
    const { team, owner } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n });
    await expect(updateAutoRecharge(team.id, { enabled: true, threshold: "1", amount: "10" }, owner.id)).rejects.toThrow(/Save a card/);
  });
});
