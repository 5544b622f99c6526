// A member asks the platform admins for credit, where the installation has no Stripe top-ups: the
// amount (up to what one admin grant may move) and a note reach every platform admin as a notice
// (lib/notifications/notify-credit-request.ts). No money moves here: an admin grants it, through the
// ledger, after confirming. Audit-logged; a few requests per team a day, so admins are not flooded.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { adminGrantMax } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record-audit";
import { currency, formatMoney, microsToDecimal } from "@/lib/money";
import { decimalAmount, signedDecimalToMicros } from "@/lib/billing/money-schemas";
import { notifyCreditRequest } from "@/lib/notifications/notify-credit-request";
import { invalid, validateInput } from "@/lib/validation";

export const CREDIT_REQUESTS_PER_DAY = 3;

export const requestCreditSchema = z.object({
  amount: decimalAmount,
  note: z.string().trim().max(500, "Keep the note under 500 characters.").default(""),
});

export type RequestCredit = z.input<typeof requestCreditSchema>;

export async function requestCredit(teamId: string, userId: string, input: RequestCredit): Promise<{ amount: bigint; admins: number }> {
  const { amount: typed, note } = validateInput(requestCreditSchema, input);
  const amount = signedDecimalToMicros(typed);
  if (amount <= 0n) throw invalid({ amount: "Ask for an amount above zero." });
  const max = adminGrantMax();
  if (amount > max) throw invalid({ amount: `Ask for at most ${formatMoney(max, currency())} at a time.` });

  const since = new Date(Date.now() - 86_400_000);
  const recent = await db.auditLog.count({ where: { teamId, action: "credit.requested", createdAt: { gte: since } } });
  if (recent >= CREDIT_REQUESTS_PER_DAY) {
    throw new AppError(
      "rate_limited",
      `Your team has asked for credit ${recent} times today. The platform admins have been told; wait for them.`,
    );
  }
  const [team, user] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: { slug: true, name: true } }),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } }),
  ]);
  await recordAudit({
    actorType: "USER",
    actorUserId: userId,
    teamId,
    action: "credit.requested",
    targetType: "team",
    targetId: teamId,
    metadata: { amount: amount.toString(), note },
  });
  const admins = await notifyCreditRequest({
    team,
    requestedBy: user.name ? `${user.name} <${user.email}>` : user.email,
    amountText: formatMoney(amount, currency()),
    amountDecimal: microsToDecimal(amount, 0),
    note,
  });
  return { amount, admins };
}
