// A person's own notices (the platform admins' approval requests): listed newest first, unread only,
// and marked read only for the ids posted and only for their owner.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listUnreadUserNotices, markUserNoticesRead } from "@/lib/notifications/user-notices";
import { createUser } from "../factories";

async function notice(userId: string, title: string, minutesAgo: number) {
  return db.notification.create({
    data: { userId, kind: "subscription.requested", title, createdAt: new Date(Date.now() - minutesAgo * 60_000) },
  });
}

describe("user notices", () => {
  it("lists a user's unread notices newest first and marks only their own, posted ids read", async () => {
    const [admin, other] = await Promise.all([createUser(), createUser()]);
    const older = await notice(admin.id, "older", 5);
    const newer = await notice(admin.id, "newer", 1);
    const foreign = await notice(other.id, "someone else's", 2);

    expect((await listUnreadUserNotices(admin.id)).map((row) => row.title)).toEqual(["newer", "older"]);

    // Another user's id is ignored; a notice not posted (arrived after the page rendered) stays unread.
    expect(await markUserNoticesRead(admin.id, [newer.id, foreign.id])).toBe(1);
    expect((await listUnreadUserNotices(admin.id)).map((row) => row.id)).toEqual([older.id]);
    expect((await listUnreadUserNotices(other.id)).map((row) => row.id)).toEqual([foreign.id]);
    // Marking twice changes nothing.
    expect(await markUserNoticesRead(admin.id, [newer.id])).toBe(0);
  });
});
