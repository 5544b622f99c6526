// Credits a paid Payment once: postCredit's one statement (balance and ledger row), and the Payment
// marked PAID, all in the caller's transaction. The ledger's unique externalRef is the last line of
// defence against a second credit for the same payment.
import type { Payment, Prisma } from "@/lib/db";
import { postCredit, type CreditPosting } from "@/lib/billing/ledger/post-credit";
import { recordAudit } from "@/lib/audit/record-audit";
import { rearmLowBalanceAlert } from "@/lib/billing/alerts/rearm-low-balance-alert";
import type { EffectResult } from "@/lib/billing/webhooks/types";

export type PaidDetails = { paymentIntentId: string | null; chargeId: string | null; receiptUrl: string | null };

const CREDITED = new Set(["PAID", "REFUNDED", "PARTIALLY_REFUNDED"]);

export async function creditPayment(
  tx: Prisma.TransactionClient,
  payment: Payment,
  credit: { kind: CreditPosting["kind"]; externalRef: string; reason: string },
  paid: PaidDetails,
): Promise<EffectResult> {
  const teamId = payment.teamId;
  const existing = await tx.creditLedgerEntry.findUnique({ where: { externalRef: credit.externalRef }, select: { id: true } });
  if (existing || CREDITED.has(payment.status)) return { outcome: "ignored", teamId, detail: `payment ${payment.id} already credited` };

  const entry = await postCredit(tx, {
    teamId,
    kind: credit.kind,
    amount: payment.amount,
    externalRef: credit.externalRef,
    paymentId: payment.id,
    reason: credit.reason,
    actorUserId: payment.createdByUserId,
  });
  if (!entry) return { outcome: "unknown_team", detail: `no team ${teamId}` };
  await tx.payment.update({
    where: { id: payment.id },
    data: {
      status: "PAID",
      stripePaymentIntentId: paid.paymentIntentId ?? undefined,
      stripeChargeId: paid.chargeId ?? undefined,
      receiptUrl: paid.receiptUrl ?? undefined,
    },
  });
  await rearmLowBalanceAlert(teamId, tx);
  const metadata = { amount: payment.amount.toString(), balanceAfter: String(entry.balanceAfter), externalRef: credit.externalRef };
  await recordAudit(
    { actorType: "SYSTEM", teamId, action: "billing.payment.credited", targetType: "payment", targetId: payment.id, metadata },
    tx,
  );
  return { outcome: "applied", teamId, detail: `credited ${payment.amount} (ledger ${entry.id})` };
}
