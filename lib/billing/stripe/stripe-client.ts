// The one configured Stripe SDK client, or null when this installation has no Stripe keys.
// STRIPE_API_BASE points the SDK at a Stripe-compatible server (tests, local development).
import Stripe from "stripe";
import { env } from "@/lib/env";

let cached: { key: string; client: Stripe } | undefined;

function apiBaseOptions(base: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** The SDK client (API version: the SDK's default), or null when STRIPE_SECRET_KEY is unset. */
export function stripeClient(): Stripe | null {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE } = env();
  if (!STRIPE_SECRET_KEY) return null;
  if (cached?.key === STRIPE_SECRET_KEY) return cached.client;
  const client = new Stripe(STRIPE_SECRET_KEY, { ...apiBaseOptions(STRIPE_API_BASE), maxNetworkRetries: 2, appInfo: { name: "Tollgate" } });
  cached = { key: STRIPE_SECRET_KEY, client };
  return client;
}

/** Top-ups need both keys: without the webhook secret no payment would ever be credited. */
export function isStripeConfigured(): boolean {
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } = env();
  return Boolean(STRIPE_SECRET_KEY && STRIPE_WEBHOOK_SECRET);
}

export function stripeWebhookSecret(): string | null {
  return env().STRIPE_WEBHOOK_SECRET || null;
}
