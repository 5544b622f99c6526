// Events and their delivery. Each event is stored with the exact payload it was first sent with
// (pretty-printed like Stripe's, so a receiver that verifies a re-serialized body fails here as it
// would in production) and delivered one at a time, in creation order, to the webhook URL, signed
// with the SDK's own `generateTestHeaderString`: the real `t=…,v1=…` HMAC-SHA256 scheme.
import Stripe from "stripe";
import { newId, now } from "./objects";

export type StripeEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

export type Delivery = { event: StripeEvent; status: number; body: string; signature: string };
export type RequestInfo = StripeEvent["request"];
export type Emit = (type: string, object: { object: string }, previous?: Record<string, unknown>) => void;

/** How long a receiver may take to answer, like Stripe's own timeout; then the attempt counts as failed (status 0). */
const DELIVERY_TIMEOUT_MS = 10_000;

export class Webhooks {
  readonly deliveries: Delivery[] = [];
  private readonly payloads = new Map<string, string>();
  private outbox: StripeEvent[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** the account's events by id, shared with GET /v1/events */
    private readonly events: Map<string, StripeEvent>,
    private readonly secret: string,
    public url: string | undefined,
    private readonly enabledEvents: string[] | undefined,
  ) {}

  /** An emitter bound to the API request that caused the events (null id for the Pay button and helpers). */
  emitter(request: RequestInfo = { id: null, idempotency_key: null }): Emit {
    return (type, object, previous) => {
      const event: StripeEvent = {
        id: newId("evt_"),
        object: "event",
        api_version: Stripe.API_VERSION,
        created: now(),
        // a snapshot: later changes to the object do not rewrite what this event said
        data: { object: structuredClone(object) as Record<string, unknown>, ...(previous ? { previous_attributes: previous } : {}) },
        livemode: false,
        pending_webhooks: this.subscribed(type) ? 1 : 0,
        request,
        type,
      };
      this.events.set(event.id, event);
      this.payloads.set(event.id, JSON.stringify(event, null, 2));
      if (event.pending_webhooks) this.outbox.push(event);
    };
  }

  private subscribed(type: string): boolean {
    return this.url !== undefined && (!this.enabledEvents || this.enabledEvents.includes(type));
  }

  /** Delivers every event emitted so far (after those already on their way); resolves when all were answered. */
  flush(): Promise<void> {
    const batch = this.outbox;
    this.outbox = [];
    const done = this.queue.then(async () => {
      for (const event of batch) await this.send(event);
    });
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Sends a stored event again, byte for byte, with a fresh (or the given) timestamp. */
  redeliver(eventId: string, options: { timestamp?: number; tamper?: boolean } = {}): Promise<{ status: number; body: string }> {
    const event = this.events.get(eventId);
    if (!event) throw new Error(`stripe-server: no event ${eventId}`);
    const done = this.queue.then(() => this.send(event, options));
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async send(event: StripeEvent, options: { timestamp?: number; tamper?: boolean } = {}) {
    if (!this.url) throw new Error("stripe-server: no webhook URL set");
    const payload = this.payloads.get(event.id)!;
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.secret, timestamp: options.timestamp ?? now() });
    // Tampering changes one character after signing: still valid JSON, no longer the signed bytes.
    const body = options.tamper ? payload.replace(`"id": "evt_`, `"id": "evt_X`) : payload;
    let delivery: Delivery;
    try {
      const response = await fetch(this.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signature,
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      delivery = { event, status: response.status, body: await response.text(), signature };
    } catch (error) {
      delivery = { event, status: 0, body: String(error), signature };
    }
    this.deliveries.push(delivery);
    return { status: delivery.status, body: delivery.body };
  }
}
