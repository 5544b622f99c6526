// Stripe test bed for billing tests: the local Stripe-compatible server, a receiver that forwards
// its signed webhooks into the real route handler, and the env that points lib code at both.
// Call startStripeTestbed() in beforeAll, before anything reads lib/env.ts (env() is parsed once).
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { stripeClient } from "@/lib/billing/stripe/stripe-client";
import { startStripeServer, type StripeServer } from "./stripe-server";

export const WEBHOOK_SECRET = "whsec_tollgate_billing_tests";

export type StripeTestbed = { server: StripeServer; webhookUrl: string; close(): Promise<void> };

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A node:http server that turns each request into a Fetch Request for the route's POST. */
async function startReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const { POST } = await import("@/app/api/webhooks/stripe/route");
  const receiver = http.createServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const response = await POST(
      new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: await readBody(req) }),
    );
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/webhooks/stripe`, close: () => new Promise((resolve) => receiver.close(() => resolve())) };
}

export async function startStripeTestbed(): Promise<StripeTestbed> {
  const server = await startStripeServer({ webhookSecret: WEBHOOK_SECRET });
  process.env.STRIPE_SECRET_KEY = server.secretKey;
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = server.url;
  const receiver = await startReceiver();
  server.setWebhookUrl(receiver.url);
  return {
    server,
    webhookUrl: receiver.url,
    async close() {
      await server.close();
      await receiver.close();
    },
  };
}

/** Starts the test bed for the calling test file; its fields are set once beforeAll has run. */
export function useStripeTestbed(): { testbed: StripeTestbed; stripe: Stripe } {
  const holder = {} as { testbed: StripeTestbed; stripe: Stripe };
  beforeAll(async () => {
    holder.testbed = await startStripeTestbed();
    holder.stripe = stripeClient()!;
  });
  afterAll(() => holder.testbed?.close());
  return holder;
}

/** The exact bytes the server sent for an event (it stores them pretty-printed) and a fresh signature. */
export function signedDelivery(event: { id: string }, options: { timestamp?: number } = {}) {
  const payload = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: options.timestamp });
  return { payload, signature };
}

export function webhookRequest(payload: string, signature?: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  return new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: payload });
}

/** balance == sum(ledger amounts): the invariant every billing scenario must keep. */
