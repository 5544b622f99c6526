// A local Stripe-compatible server for tests: the real `stripe` SDK talks to it over HTTP
// (`new Stripe(server.secretKey, { host: server.host, port: server.port, protocol: "http" })`),
// browsers pay on its hosted Checkout page, and it sends webhooks signed exactly like Stripe's.
// State lives in memory, one account per server. What it supports and how it differs from Stripe
// is listed in README.md next to this file.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApi } from "./api";
import { paySession, type PayOptions } from "./checkout-pay";
import { handleHosted } from "./hosted";
import { newId } from "./objects";
import { refund, type Ctx } from "./payments";
import { State, type DeclineReason } from "./state";
import { Webhooks, type Delivery, type StripeEvent } from "./webhooks";

export type { StripeEvent, Delivery, DeclineReason };
export type { PayOutcome } from "./checkout-pay";

export type StripeServerOptions = {
  /** a fixed port (an app started before this server must know where Stripe is); default: any free port */
  port?: number;
  /** a fixed API key the app is configured with; default: a random one */
  secretKey?: string;
  webhookUrl?: string;
  webhookSecret: string;
  /** origin browsers use for the hosted pages (session.url, receipt_url); defaults to `url` */
  publicUrl?: string;
  /** deliver only these event types (a Stripe webhook endpoint's enabled_events); all are still stored */
  enabledEvents?: string[];
  /**
   * When events caused by an API request or the Pay button are delivered: "after_response"
   * (default; Stripe's webhooks are asynchronous too, so the app must not rely on either order)
   * or "before_response" (deterministic, e.g. for a success page that expects the credit).
   */
  delivery?: "after_response" | "before_response";
};

export type StripeServer = {
  url: string;
  host: string;
  port: number;
  secretKey: string;
  /** completes a checkout session as the hosted page's Pay button does; resolves once its webhooks were answered */
  pay(sessionId: string, options?: Omit<PayOptions, "email">): Promise<void>;
  /** refunds (part of) a charge as the dashboard would: a refund, then charge.refunded */
  refundCharge(chargeId: string, amount?: number): Promise<void>;
  /** the next PaymentIntent confirmed through the API for this customer is declined (402) */
  failNextOffSessionPayment(customerId: string, reason?: DeclineReason): void;
  /** every webhook delivery attempt, in order; status 0 when the receiver could not be reached */
  deliveries: Delivery[];
  /** sends an already-sent event again, same id and payload, signed now (or at `timestamp`); `tamper` alters the body after signing */
  redeliver(eventId: string, options?: { timestamp?: number; tamper?: boolean }): Promise<{ status: number; body: string }>;
  /** every event of the account, oldest first */
  readonly events: StripeEvent[];
  /** resolves when every event emitted so far was delivered (API-caused ones go out after the response) */
  flush(): Promise<void>;
  setWebhookUrl(url: string): void;
  close(): Promise<void>;
};

export async function startStripeServer(options: StripeServerOptions): Promise<StripeServer> {
  const secretKey = options.secretKey ?? newId("sk_test_local_", 24);
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const state = new State(options.publicUrl ?? url);
  const webhooks = new Webhooks(state.events, options.webhookSecret, options.webhookUrl, options.enabledEvents);
  const beforeResponse = options.delivery === "before_response";
  const api = createApi({ secretKey, state, webhooks, deliverBeforeResponse: beforeResponse });
  const helperCtx = (): Ctx => ({ state, emit: webhooks.emitter() });

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const target = new URL(req.url ?? "/", url);
      const handled = target.pathname.startsWith("/v1/")
        ? api(req, res, target, body)
        : handleHosted(
            state,
            async (session, payOptions) => {
              const result = paySession(helperCtx(), session, payOptions);
              const delivered = webhooks.flush();
              if (beforeResponse) await delivered;
              else delivered.catch(() => undefined); // failures are in `deliveries`
              return result;
            },
            req,
            res,
            target,
            body,
          );
      handled.catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
    });
  });

  return {
    url,
    host: "127.0.0.1",
    port,
    secretKey,
    async pay(sessionId, payOptions) {
      paySession(helperCtx(), state.get(state.sessions, "checkout.session", sessionId), payOptions);
      await webhooks.flush();
    },
    async refundCharge(chargeId, amount) {
      refund(helperCtx(), state.get(state.charges, "charge", chargeId), amount);
      await webhooks.flush();
    },
    failNextOffSessionPayment(customerId, reason = "card_declined") {
      state.customer(customerId);
      state.failNext.set(customerId, reason);
    },
    deliveries: webhooks.deliveries,
    redeliver: (eventId, redeliverOptions) => webhooks.redeliver(eventId, redeliverOptions),
    get events() {
      return [...state.events.values()];
    },
    flush: () => webhooks.flush(),
    setWebhookUrl(webhookUrl) {
      webhooks.url = webhookUrl;
    },
    async close() {
      await webhooks.flush();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
