// Reads of a team's Stripe payments for the billing pages; always scoped by team id.
import { db } from "@/lib/db";

export type PaymentView = {
  id: string;
  createdAt: Date;
  amount: bigint;
  amountRefunded: bigint;
  currency: string;
  status: string;
  kind: string;
  receiptUrl: string | null;
};

const VIEW = {
  id: true,
  createdAt: true,
  amount: true,
  amountRefunded: true,
  currency: true,
  status: true,
  kind: true,
  receiptUrl: true,
} as const;

export async function listPayments(teamId: string, take = 20): Promise<PaymentView[]> {
  return db.payment.findMany({ where: { teamId }, orderBy: { createdAt: "desc" }, take, select: VIEW });
}

/** The payment behind a Checkout Session, only if it belongs to this team. */
export async function findPaymentBySession(teamId: string, sessionId: string): Promise<PaymentView | null> {
  return db.payment.findFirst({ where: { teamId, stripeCheckoutSessionId: sessionId }, select: VIEW });
}
