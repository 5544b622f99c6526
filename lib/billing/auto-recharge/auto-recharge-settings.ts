// Auto-recharge settings (owners only: it spends money on the saved card). It can be switched on
// only once a card was saved with a top-up, and the amount must be a top-up Stripe would accept.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { currency, decimalToMicros, formatMoney } from "@/lib/money";
import { decimalAmount } from "@/lib/billing/money-schemas";
import { topUpBounds } from "@/lib/billing/stripe/top-up-amounts";
import { microsToMinorUnits } from "@/lib/billing/stripe/minor-units";
import { recordAudit } from "@/lib/audit/record-audit";
import { invalid } from "@/lib/validation";

export const autoRechargeSettingsSchema = z.object({
  enabled: z
    .string()
    .optional()
    .transform((value) => value === "on"),
  threshold: decimalAmount,
  amount: decimalAmount,
});
type AutoRechargeSettings = z.infer<typeof autoRechargeSettingsSchema>;

function checkAmount(amount: bigint): void {
  const { min, max } = topUpBounds();
  const code = currency();
  if (amount < min || amount > max) throw invalid({ amount: `Recharge between ${formatMoney(min, code)} and ${formatMoney(max, code)}.` });
  try {
    microsToMinorUnits(amount, code);
  } catch {
    throw invalid({ amount: `Use whole ${code} minor units (e.g. 25 or 12.50).` });
  }
}

export async function updateAutoRecharge(teamId: string, input: AutoRechargeSettings, actorUserId: string): Promise<void> {
  const threshold = decimalToMicros(input.threshold);
  const amount = decimalToMicros(input.amount);
  checkAmount(amount);
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { autoRechargePaymentMethodId: true } });
  if (input.enabled && !team.autoRechargePaymentMethodId)
    throw new AppError("conflict", 'Save a card with a top-up first (tick "Save this card for auto-recharge").');
  await db.$transaction(async (tx) => {
    await tx.team.update({
      where: { id: teamId },
      data: { autoRechargeEnabled: input.enabled, autoRechargeThreshold: threshold, autoRechargeAmount: amount },
    });
    const metadata = { enabled: input.enabled, threshold: threshold.toString(), amount: amount.toString() };
    await recordAudit({ actorUserId, teamId, action: "billing.auto_recharge.updated", targetType: "team", targetId: teamId, metadata }, tx);
  });
}
