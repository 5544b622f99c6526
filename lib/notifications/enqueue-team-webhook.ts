// A team webhook event becomes a WebhookDelivery row; the delivery worker sends it. Rows are written
// in the caller's transaction when there is one, so an event is queued only if its cause committed.
// Teams without a URL or without a signing secret get nothing: we never send unsigned payloads.
import { db, type Prisma } from "@/lib/db";

export async function enqueueTeamWebhook(
  teamId: string,
  event: string,
  payload: Prisma.InputJsonObject,
  tx: Prisma.TransactionClient = db,
): Promise<boolean> {
  const team = await tx.team.findUnique({ where: { id: teamId }, select: { webhookUrl: true, webhookSecretEncrypted: true } });
  if (!team?.webhookUrl || !team.webhookSecretEncrypted) return false;
  await tx.webhookDelivery.create({ data: { teamId, event, url: team.webhookUrl, payload } });
  return true;
}
