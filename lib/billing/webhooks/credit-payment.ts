// Credits a paid Payment once: balance += amount in one UPDATE ... RETURNING, the ledger row with
// the resulting balance, and the Payment marked PAID, all in the caller's transaction. The ledger's
// unique externalRef is the last line of defence against a second credit for the same payment.
import type { LedgerEntryKind, Payment, Prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { rearmLowBalanceAlert } from "@/lib/billing/alerts/rearm-low-balance-alert";
import type { EffectResult } from "@/lib/billing/webhooks/types";

export type PaidDetails = { paymentIntentId: string | null; chargeId: string | null; receiptUrl: string | null };

const CREDITED = new Set(["PAID", "REFUNDED", "PARTIALLY_REFUNDED"]);

export async function creditPayment(
  tx: Prisma.TransactionClient,
  payment: Payment,
  credit: { kind: LedgerEntryKind; externalRef: string; reason: string },
  paid: PaidDetails,
): Promise<EffectResult> {
  const teamId = payment.teamId;
  const existing = await tx.creditLedgerEntry.findUnique({ where: { externalRef: credit.externalRef }, select: { id: true } });
  if (existing || CREDITED.has(payment.status)) return { outcome: "ignored", teamId, detail: `payment ${payment.id} already credited` };

  const [team] = await tx.$queryRaw<{ balance: bigint }[]>`
    UPDATE teams SET balance = balance + ${payment.amount}, "updatedAt" = now() WHERE id = ${teamId} RETURNING balance`;
  if (!team) return { outcome: "unknown_team", detail: `no team ${teamId}` };
  const entry = await tx.creditLedgerEntry.create({
    data: { teamId, kind: credit.kind, amount: payment.amount, balanceAfter: team.balance, externalRef: credit.externalRef, paymentId: payment.id, reason: credit.reason, actorUserId: payment.createdByUserId },
  });
  await tx.payment.update({
    where: { id: payment.id },
    data: { status: "PAID", stripePaymentIntentId: paid.paymentIntentId ?? undefined, stripeChargeId: paid.chargeId ?? undefined, receiptUrl: paid.receiptUrl ?? undefined },
  });
  await rearmLowBalanceAlert(teamId, tx);
  const metadata = { amount: payment.amount.toString(), balanceAfter: team.balance.toString(), externalRef: credit.externalRef };
  await recordAudit({ actorType: "SYSTEM", teamId, action: "billing.payment.credited", targetType: "payment", targetId: payment.id, metadata }, tx);
  return { outcome: "applied", teamId, detail: `credited ${payment.amount} (ledger ${entry.id})` };
}
