// A tiny webhook endpoint for tests of the Stripe server itself: it verifies each delivery with the
// SDK's `constructEvent` on the raw body, as an app must, and answers 400 with the reason when the
// signature or its timestamp does not hold.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export type WebhookReceiver = {
  url: string;
  /** events whose signature verified, in arrival order */
  received: Stripe.Event[];
  /** the verification error of each refused delivery */
  refused: string[];
  /** status to answer verified deliveries with (200 by default), to test failing endpoints */
  status: number;
  close(): Promise<void>;
};

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], refused: [], status: 200, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const event = Stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers["stripe-signature"]), secret);
        receiver.received.push(event);
        res.writeHead(receiver.status, { "content-type": "application/json" }).end(JSON.stringify({ received: true }));
      } catch (error) {
        receiver.refused.push(String(error));
        res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
