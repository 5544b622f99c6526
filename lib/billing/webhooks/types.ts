// The shape every webhook event handler shares. A handler reads the event (and may call Stripe,
// outside any transaction), then returns the effect to apply inside the transaction that also
// records the event id: both commit together or neither does.
import type Stripe from "stripe";
import type { Prisma } from "@/lib/db";

/** Stored in stripe_events.outcome. */
export type EventOutcome = "applied" | "ignored" | "unknown_team" | "failed";

export type EffectResult = { outcome: EventOutcome; teamId?: string | null; detail?: string };

export type Effect = (tx: Prisma.TransactionClient) => Promise<EffectResult>;

export type StripeEventHandler = (event: Stripe.Event, stripe: Stripe) => Promise<Effect>;

export const ignored =
  (detail: string, teamId?: string | null): Effect =>
  async () => ({ outcome: "ignored", detail, teamId });
