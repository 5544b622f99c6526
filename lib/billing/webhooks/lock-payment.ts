// Events for one payment (completed, async_succeeded, refunds) are applied one at a time: the
// Payment row is locked for the rest of the event's transaction, and read again after the lock so
// the second event sees what the first one committed.
import type { Payment, Prisma } from "@/lib/db";
import type { EffectResult } from "@/lib/billing/webhooks/types";

type Match = {
  teamId: string;
  paymentId?: string | null;
  checkoutSessionId?: string | null;
  paymentIntentId?: string | null;
  chargeId?: string | null;
};

export type PaymentLookup = { payment: Payment } | { result: EffectResult };

export async function lockPayment(tx: Prisma.TransactionClient, match: Match): Promise<PaymentLookup> {
  const team = await tx.team.findUnique({ where: { id: match.teamId }, select: { id: true } });
  if (!team) return { result: { outcome: "unknown_team", detail: `no team ${match.teamId}` } };
  const or = [
    match.paymentId ? { id: match.paymentId } : null,
    match.checkoutSessionId ? { stripeCheckoutSessionId: match.checkoutSessionId } : null,
    match.paymentIntentId ? { stripePaymentIntentId: match.paymentIntentId } : null,
    match.chargeId ? { stripeChargeId: match.chargeId } : null,
  ].filter((condition) => condition !== null);
  const found = or.length ? await tx.payment.findFirst({ where: { teamId: team.id, OR: or }, select: { id: true } }) : null;
  if (!found) return { result: { outcome: "ignored", teamId: team.id, detail: "no Tollgate payment matches this object" } };
  await tx.$queryRaw`SELECT id FROM payments WHERE id = ${found.id} FOR UPDATE`;
  return { payment: await tx.payment.findUniqueOrThrow({ where: { id: found.id } }) };
}

/** The team an event names: our metadata first, then the session's client_reference_id. */
export function teamIdOf(metadata: Record<string, string>, clientReferenceId?: string | null): string | null {
  return metadata.teamId || clientReferenceId || null;
}
