// What the billing page's "Alerts and auto-recharge" card shows; the secret itself never leaves
// the database, only whether there is one.
import { db } from "@/lib/db";
import { microsToDecimal } from "@/lib/money";

export type BalanceSettingsView = {
  lowBalanceThreshold: string;
  webhookUrl: string;
  hasWebhookSecret: boolean;
  autoRecharge: { enabled: boolean; threshold: string; amount: string; hasCard: boolean; inFlight: boolean };
};

const decimal = (micros: bigint | null) => (micros === null ? "" : microsToDecimal(micros));

export async function getBalanceSettings(teamId: string): Promise<BalanceSettingsView> {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId } });
  return {
    lowBalanceThreshold: decimal(team.lowBalanceThreshold),
    webhookUrl: team.webhookUrl ?? "",
    hasWebhookSecret: Boolean(team.webhookSecretEncrypted),
    autoRecharge: {
      enabled: team.autoRechargeEnabled,
      threshold: decimal(team.autoRechargeThreshold),
      amount: decimal(team.autoRechargeAmount),
      hasCard: Boolean(team.autoRechargePaymentMethodId),
      inFlight: Boolean(team.autoRechargeInFlightAt),
    },
  };
}
