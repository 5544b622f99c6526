import { db } from "@/lib/db";
import { countActiveKeys } from "@/lib/keys/active-keys";

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
