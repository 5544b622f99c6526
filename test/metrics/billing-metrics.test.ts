// Money outside the gateway in the metrics: Stripe events by type and outcome (a type Tollgate does
// not handle counts as "other", a redelivery as "duplicate"), low-balance alerts (once per crossing)
// and team webhook deliveries (sent to a real receiver; retried when refused).
import crypto from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { registry } from "@/lib/metrics/registry";
import { handleStripeEvent } from "@/lib/billing/webhooks/handle-stripe-event";
import { checkLowBalance } from "@/lib/billing/alerts/check-low-balance";
import { updateAlertSettings } from "@/lib/billing/alerts/alert-settings";
import { enqueueTeamWebhook } from "@/lib/notifications/enqueue-team-webhook";
import { deliverDueWebhooks } from "@/lib/notifications/deliver-webhooks";
import { generateWebhookSecret } from "@/lib/notifications/team-webhook-secret";
import { grant } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { createTeamWithOwner } from "../factories";
import { startWebhookReceiver } from "../notifications/webhook-receiver";
import { parseSamples, valueOf, type Sample } from "../support/metrics-text";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => void (receiver = await startWebhookReceiver()));
afterAll(() => receiver.close());

const scrape = async (): Promise<Sample[]> => parseSamples(await registry.metrics());
const deltaOf =
  (before: Sample[], after: Sample[]) =>
  (name: string, labels: Record<string, string> = {}) =>
    valueOf(after, name, labels) - valueOf(before, name, labels);

describe("billing metrics", () => {
  it("count Stripe events by type and outcome", async () => {
    const event = {
      id: `evt_${crypto.randomBytes(8).toString("hex")}`,
      object: "event",
      type: "customer.created",
      livemode: false,
      data: { object: { id: "cus_metrics", object: "customer" } },
    } as unknown as Stripe.Event;
    const stripe = {} as Stripe; // an unhandled type never calls Stripe
    const before = await scrape();
    expect(await handleStripeEvent(event, stripe)).toMatchObject({ outcome: "ignored", duplicate: false });
    expect(await handleStripeEvent(event, stripe)).toMatchObject({ duplicate: true });
    const delta = deltaOf(before, await scrape());
    expect(delta("tollgate_stripe_events_total", { type: "other", outcome: "ignored" })).toBe(1);
    expect(delta("tollgate_stripe_events_total", { type: "other", outcome: "duplicate" })).toBe(1);
    expect(valueOf(await scrape(), "tollgate_stripe_events_total", { type: "customer.created" })).toBe(0);
  });

  it("count a low-balance alert once per crossing", async () => {
    const { team, owner } = await createTeamWithOwner();
    await updateAlertSettings(team.id, { lowBalanceThreshold: "5", webhookUrl: "" }, owner.id);
    await grant(team.id, 4_000_000n); // below the threshold of 5
    const before = await scrape();
    await checkLowBalance([team.id]);
    await checkLowBalance([team.id]); // still low: no second alert
    expect(deltaOf(before, await scrape())("tollgate_low_balance_alerts_total")).toBe(1);
    await expectLedgerInvariant(team.id);
  });

  it("count webhook deliveries sent and retried", async () => {
    const { team, owner } = await createTeamWithOwner();
    await db.team.update({ where: { id: team.id }, data: { webhookUrl: receiver.url } });
    await generateWebhookSecret(team.id, owner.id);
    const before = await scrape();
    receiver.respondWith(500);
    expect(await enqueueTeamWebhook(team.id, "balance.low", { type: "balance.low" })).toBe(true);
    await deliverDueWebhooks(50); // refused with a 500: tried again later
    await db.webhookDelivery.updateMany({ where: { teamId: team.id }, data: { nextAttemptAt: new Date() } });
    await deliverDueWebhooks(50);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { teamId: team.id } })).toMatchObject({ status: "SENT", attempts: 2 });
    const delta = deltaOf(before, await scrape());
    expect(delta("tollgate_webhook_deliveries_total", { outcome: "retry" })).toBeGreaterThanOrEqual(1);
    expect(delta("tollgate_webhook_deliveries_total", { outcome: "sent" })).toBeGreaterThanOrEqual(1);
  });
});
