// Notices addressed to one person rather than a team: today the platform admins' "approval
// requested" notices (lib/subscriptions/notify-approval-request.ts), shown on /admin.
import { db } from "@/lib/db";

/** The user's unread notices, newest first. */
export function listUnreadUserNotices(userId: string, take = 10) {
  return db.notification.findMany({ where: { userId, readAt: null }, orderBy: { createdAt: "desc" }, take });
}

/** Marks the given notices of this user read (anyone else's ids match nothing). */
export async function markUserNoticesRead(userId: string, ids: string[]): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId, readAt: null, id: { in: ids } }, data: { readAt: new Date() } });
  return count;
}
