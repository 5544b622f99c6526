// The signing secret of a team's webhooks: generated here, shown once, stored only encrypted.
// Generating a new one replaces the old at once; receivers must switch to it.
import { db } from "@/lib/db";
import { encryptSecret, randomToken } from "@/lib/crypto";
import { recordAudit } from "@/lib/audit/record-audit";

export async function generateWebhookSecret(teamId: string, actorUserId: string): Promise<string> {
  const secret = `tgwhsec_${randomToken(32)}`;
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: { webhookSecretEncrypted: encryptSecret(secret) } });
    await recordAudit({ actorUserId, teamId, action: "team.webhook_secret.generated", targetType: "team", targetId: teamId }, tx);
  });
  return secret;
}
