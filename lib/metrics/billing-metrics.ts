// Metrics of money outside the gateway: Stripe events (lib/billing/webhooks), low-balance alerts
// (lib/billing/alerts) and team webhook deliveries (lib/notifications).
import { counter } from "@/lib/metrics/registry";

const stripeEvents = counter({
  name: "tollgate_stripe_events_total",
  help: "Verified Stripe events by type (other: a type Tollgate does not handle) and outcome (applied, ignored, unknown_team, failed, duplicate, error)",
  labelNames: ["type", "outcome"],
});
const lowBalanceAlerts = counter({
  name: "tollgate_low_balance_alerts_total",
  help: "Low-balance alerts sent (one per team and crossing)",
});
const webhookDeliveries = counter({
  name: "tollgate_webhook_deliveries_total",
  help: "Team webhook delivery attempts by outcome: sent, retry (failed, tried again later), failed (given up)",
  labelNames: ["outcome"],
});

export function countStripeEvent(type: string, outcome: string): void {
  stripeEvents.inc({ type, outcome });
}

export function countLowBalanceAlert(): void {
  lowBalanceAlerts.inc();
}

export function countWebhookDelivery(outcome: "sent" | "retry" | "failed"): void {
  webhookDeliveries.inc({ outcome });
}
