// Credit that moves outside a gateway call: top-ups and auto-recharges credited by the Stripe
// webhook, card refunds taken back, admin grants and adjustments. ONE statement moves the balance
// (balance + amount, never read-then-write) and inserts the ledger row with the resulting balance,
// inside the caller's transaction, so the audit entry and payment state commit with it or not at all.
// The ledger's unique externalRef makes a movement that must happen once fail the whole statement.
import type { CreditLedgerEntry, LedgerEntryKind, Prisma } from "@/lib/db";

export type CreditPosting = {
  teamId: string;
  kind: Extract<LedgerEntryKind, "TOPUP" | "AUTO_RECHARGE" | "GRANT" | "ADJUSTMENT" | "PAYMENT_REFUND">;
  /** signed micro-units: credits positive, debits negative (the balance may go below zero) */
  amount: bigint;
  reason: string;
  externalRef?: string | null;
  paymentId?: string | null;
  actorUserId?: string | null;
  requestId?: string | null;
};

/** The ledger entry written, or null when the team does not exist (nothing moved). */
export async function postCredit(tx: Prisma.TransactionClient, movement: CreditPosting): Promise<CreditLedgerEntry | null> {
  const { teamId, kind, amount, reason, externalRef = null, paymentId = null, actorUserId = null, requestId = null } = movement;
  const [entry] = await tx.$queryRaw<CreditLedgerEntry[]>`
    WITH moved AS (
      UPDATE teams SET balance = balance + ${amount}, "updatedAt" = now() WHERE id = ${teamId} RETURNING balance
    )
    INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "externalRef", "requestId", reason, "actorUserId", "paymentId")
    SELECT gen_random_uuid()::text, ${teamId}, ${kind}::"LedgerEntryKind", ${amount}, balance, ${externalRef}, ${requestId}, ${reason}, ${actorUserId}, ${paymentId}
    FROM moved
    RETURNING *`;
  return entry ?? null;
}
