// One notice to a team's owners and admins, on every channel: an email each (outbox), an in-app
// Notification for the team, and the team webhook event when the team has a URL. The webhook is
// kicked right away; its retries are the delivery worker's business.
import { db, type Prisma } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { enqueueTeamWebhook } from "@/lib/notifications/enqueue-team-webhook";
import { kickWebhookDeliveries } from "@/lib/notifications/delivery-worker";

type TeamNotice = {
  teamId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  webhook: { event: string; payload: Prisma.InputJsonObject };
};

async function managerEmails(teamId: string): Promise<string[]> {
  const members = await db.membership.findMany({
    where: { teamId, role: { in: ["OWNER", "ADMIN"] }, user: { disabledAt: null } },
    select: { user: { select: { email: true } } },
  });
  return members.map((member) => member.user.email);
}

export async function notifyTeamManagers(notice: TeamNotice): Promise<void> {
  const { teamId, kind, title, body, link } = notice;
  await db.notification.create({ data: { teamId, kind, title, body, link } });
  if (await enqueueTeamWebhook(teamId, notice.webhook.event, notice.webhook.payload)) kickWebhookDeliveries();
  // One failed address must not stop the others: sendEmail records its own failures.
  for (const to of await managerEmails(teamId)) await sendEmail({ to, subject: title, text: `${body}\n\n${link}\n` });
}

/** The team's unread notices, newest first: what its owners and admins see on the overview. */
export function listUnreadTeamNotices(teamId: string, take = 10) {
  return db.notification.findMany({ where: { teamId, userId: null, readAt: null }, orderBy: { createdAt: "desc" }, take });
}

/** Marks the given notices of the team read (ids of another team match nothing). */
export async function markTeamNoticesRead(teamId: string, ids: string[]): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { teamId, userId: null, readAt: null, id: { in: ids } },
    data: { readAt: new Date() },
  });
  return count;
}
