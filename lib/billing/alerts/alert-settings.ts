// Low-balance alert settings (owners and admins): the threshold and the team webhook URL. An empty
// threshold switches the alert off. Changing the threshold re-arms the alert, so a team already
// below a new, higher threshold is told on the next batch.
import { z } from "zod";
import { db } from "@/lib/db";
import { decimalToMicros } from "@/lib/money";
import { decimalAmount } from "@/lib/billing/money-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { checkOutboundUrl } from "@/lib/net/outbound-url";
import { invalid } from "@/lib/validation";

const webhookUrl = z
  .string()
  .trim()
  .max(2000, "Keep the URL under 2000 characters.")
  .refine((value) => value === "" || (/^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value)), "Enter an http:// or https:// URL.");

export const alertSettingsSchema = z.object({
  lowBalanceThreshold: z.union([z.literal(""), decimalAmount]).default(""),
  webhookUrl: webhookUrl.default(""),
});
type AlertSettings = z.infer<typeof alertSettingsSchema>;

export async function updateAlertSettings(teamId: string, input: AlertSettings, actorUserId: string): Promise<void> {
  const threshold = input.lowBalanceThreshold === "" ? null : decimalToMicros(input.lowBalanceThreshold);
  const url = input.webhookUrl === "" ? null : input.webhookUrl;
  // Private, loopback and link-local receivers are refused here and again at delivery.
  const refused = url && (await checkOutboundUrl(url, { purpose: "webhook" }));
  if (refused) throw invalid({ webhookUrl: refused });
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: { lowBalanceThreshold: threshold, lowBalanceAlertedAt: null, webhookUrl: url } });
    const metadata = { lowBalanceThreshold: threshold?.toString() ?? null, webhookUrl: url };
    await recordAudit(
      { actorUserId, teamId, action: "billing.alert_settings.updated", targetType: "team", targetId: teamId, metadata },
      tx,
    );
  });
}
