// POST /api/webhooks/stripe - Stripe events: signature checked on the raw body before anything is
// parsed, then applied exactly once (lib/billing/webhooks). 400 for a bad signature, 503 when
// Stripe is not configured, 500 (so Stripe retries) when applying failed.
import { stripeClient, stripeWebhookSecret } from "@/lib/billing/stripe/stripe-client";
import { handleStripeEvent } from "@/lib/billing/webhooks/handle-stripe-event";
import { briefError, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("stripe");

export const dynamic = "force-dynamic";

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  const stripe = stripeClient();
  const secret = stripeWebhookSecret();
  if (!stripe || !secret) return answer(503, { error: "stripe_not_configured", message: "Stripe is not configured on this installation." });

  const signature = request.headers.get("stripe-signature");
  if (!signature) return answer(400, { error: "invalid_signature", message: "Missing Stripe-Signature header." });
  const body = await request.text();
  let event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, secret);
  } catch (error) {
    // The SDK's message says what was wrong (no matching signature, timestamp outside tolerance).
    return answer(400, { error: "invalid_signature", message: error instanceof Error ? error.message : "Invalid signature." });
  }

  try {
    const result = await handleStripeEvent(event, stripe);
    return answer(200, { received: true, outcome: result.outcome, duplicate: result.duplicate });
  } catch (error) {
    // Logged by id and type, the error without its fields: payloads can hold billing details.
    log.error({ eventId: event.id, eventType: event.type, err: briefError(error) }, "Stripe event failed");
    return answer(500, { error: "processing_failed", message: "The event could not be applied; Stripe will retry." });
  }
}
