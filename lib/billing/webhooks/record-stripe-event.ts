// stripe_events: the exactly-once record. The row is inserted first in the event's transaction,
// so a concurrent redelivery blocks on the primary key and then fails with a unique violation,
// after the first delivery's effect has committed (or rolled back, with its row).
import type Stripe from "stripe";
import { db, type Prisma } from "@/lib/db";
import type { EffectResult } from "@/lib/billing/webhooks/types";

/** Only the object's type and id: event payloads can carry billing details we do not keep. */
const payloadSummary = (event: Stripe.Event) => {
  const object = event.data.object as { id?: string; object?: string };
  return { object: object.object ?? null, id: object.id ?? null, livemode: event.livemode };
};

export async function claimStripeEvent(tx: Prisma.TransactionClient, event: Stripe.Event) {
  await tx.stripeEvent.create({ data: { id: event.id, type: event.type, outcome: "processing", payload: payloadSummary(event) } });
}

export async function finishStripeEvent(tx: Prisma.TransactionClient, eventId: string, result: EffectResult) {
  await tx.stripeEvent.update({
    where: { id: eventId },
    data: { outcome: result.outcome, teamId: result.teamId ?? null, detail: result.detail?.slice(0, 500) ?? null },
  });
}

export async function isEventRecorded(eventId: string): Promise<boolean> {
  return (await db.stripeEvent.count({ where: { id: eventId } })) > 0;
}
