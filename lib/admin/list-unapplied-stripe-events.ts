// Stripe events the webhook recorded but could not apply: an unknown team, an amount mismatch or a
// failure. Money may have been taken without credit: an admin reconciles these by hand.
import { db } from "@/lib/db";

const UNAPPLIED_OUTCOMES = ["unknown_team", "failed"];

export async function listUnappliedStripeEvents(limit = 20) {
  return db.stripeEvent.findMany({
    where: { outcome: { in: UNAPPLIED_OUTCOMES } },
    orderBy: { processedAt: "desc" },
    take: limit,
    select: { id: true, type: true, outcome: true, detail: true, teamId: true, processedAt: true },
  });
}

/** How many there are in all (the list above shows the newest). */
export function countUnappliedStripeEvents(): Promise<number> {
  return db.stripeEvent.count({ where: { outcome: { in: UNAPPLIED_OUTCOMES } } });
}

export type UnappliedStripeEvent = Awaited<ReturnType<typeof listUnappliedStripeEvents>>[number];
