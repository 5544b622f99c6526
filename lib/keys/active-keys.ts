// Which of a team's keys can call right now: not revoked, not expired. The overview counts them;
// the subscribe form's "Next: create a key" shows only while there are none.
import { db } from "@/lib/db";

export const activeKeyWhere = (teamId: string, now = new Date()) => ({
  teamId,
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

export const countActiveKeys = (teamId: string): Promise<number> => db.apiKey.count({ where: activeKeyWhere(teamId) });
