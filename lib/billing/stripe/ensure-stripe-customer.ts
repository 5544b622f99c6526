// One Stripe customer per team. Two first top-ups at the same moment create the customer with the
// same idempotency key (Stripe answers both with one customer) and store it with a conditional
// update, so whichever write loses simply reads the stored id.
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

export async function ensureStripeCustomer(stripe: Stripe, teamId: string): Promise<string> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true, slug: true, name: true, stripeCustomerId: true } });
  if (!team) throw notFound("This team");
  if (team.stripeCustomerId) return team.stripeCustomerId;

  const customer = await stripe.customers.create(
    { name: team.name, metadata: { teamId: team.id, teamSlug: team.slug } },
    { idempotencyKey: `tollgate-customer-${team.id}` },
  );
  const { count } = await db.team.updateMany({ where: { id: team.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  if (count === 1) return customer.id;
  const stored = await db.team.findUniqueOrThrow({ where: { id: team.id }, select: { stripeCustomerId: true } });
  return stored.stripeCustomerId ?? customer.id;
}
