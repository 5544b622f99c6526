import { db } from "@/lib/db";

/** Keys that can call right now (not revoked, not expired). The subscribe form's "Next: create a key" shows only while there are none. */
export const countActiveKeys = (teamId: string): Promise<number> =>
  db.apiKey.count({ where: { teamId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });

/** Figures for a team's overview page: all real counts, scoped to the team. */
export async function getTeamOverview(teamId: string) {
  const since = new Date(Date.now() - 86_400_000);
  const [team, members, activeSubscriptions, activeKeys, callsLast24h] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: { balance: true, createdAt: true } }),
    db.membership.count({ where: { teamId } }),
    db.subscription.count({ where: { teamId, status: "ACTIVE" } }),
    countActiveKeys(teamId),
    db.usageEvent.count({ where: { teamId, createdAt: { gte: since } } }),
  ]);
  return { balance: team.balance, createdAt: team.createdAt, members, activeSubscriptions, activeKeys, callsLast24h };
}
