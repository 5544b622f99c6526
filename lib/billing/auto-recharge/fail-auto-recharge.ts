// A declined off-session recharge: the Payment becomes FAILED, auto-recharge is switched off (a
// card that was declined once would be declined again on every batch) and the owners and admins
// are told. Reached from the StripeCardError of the create call and from payment_intent.payment_failed;
// the conditional PENDING -> FAILED update makes whichever comes second change nothing.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { toMoneyString } from "@/lib/billing/money-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { notifyTeamManagers } from "@/lib/notifications/notify-team-managers";

export async function failAutoRecharge(paymentId: string, reason: string): Promise<boolean> {
  const payment = await db.payment.findUnique({ where: { id: paymentId } });
  if (!payment || payment.kind !== "AUTO_RECHARGE") return false;
  const team = await db.$transaction(async (tx) => {
    const { count } = await tx.payment.updateMany({ where: { id: paymentId, status: "PENDING" }, data: { status: "FAILED" } });
    if (count === 0) return null;
    const updated = await tx.team.update({
      where: { id: payment.teamId },
      data: { autoRechargeEnabled: false, autoRechargeInFlightAt: null },
      select: { id: true, slug: true, name: true },
    });
    const metadata = { amount: payment.amount.toString(), reason: reason.slice(0, 300) };
    await recordAudit(
      {
        actorType: "SYSTEM",
        teamId: payment.teamId,
        action: "billing.auto_recharge.failed",
        targetType: "payment",
        targetId: payment.id,
        metadata,
      },
      tx,
    );
    return updated;
  });
  if (!team) return false;
  const link = `${appUrl()}/${team.slug}/billing`;
  const amount = formatMoney(payment.amount, payment.currency);
  await notifyTeamManagers({
    teamId: team.id,
    kind: "auto_recharge.failed",
    title: `${team.name}: auto-recharge failed`,
    body: `The automatic recharge of ${amount} was declined (${reason}). Auto-recharge is now off; top up by hand and switch it on again:`,
    link,
    webhook: {
      event: "auto_recharge.failed",
      payload: {
        type: "auto_recharge.failed",
        team: { id: team.id, slug: team.slug },
        amount: toMoneyString(payment.amount),
        currency: payment.currency,
        reason,
        topUpUrl: link,
        occurredAt: new Date().toISOString(),
      },
    },
  });
  return true;
}
