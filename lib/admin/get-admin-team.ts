// One team as the admin console shows it: balance, members, subscriptions, keys and 30 days of
// usage. Platform-wide read: only admin pages call it, after requirePlatformAdmin.
import { db } from "@/lib/db";
import { teamUsage, type TeamUsage } from "@/lib/admin/usage-windows";

export type AdminTeam = NonNullable<Awaited<ReturnType<typeof findTeam>>> & {
  keys: { active: number; revoked: number; expired: number };
  usage30d: TeamUsage;
};

function findTeam(slug: string) {
  return db.team.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      personal: true,
      balance: true,
      autoRechargeEnabled: true,
      createdAt: true,
      memberships: {
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
        select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
      },
      subscriptions: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          status: true,
          createdAt: true,
          api: { select: { slug: true, name: true } },
          plan: { select: { name: true } },
          pendingPlan: { select: { name: true } },
        },
      },
    },
  });
}

export async function getAdminTeam(slug: string, now = new Date()): Promise<AdminTeam | null> {
  const team = await findTeam(slug);
  if (!team) return null;
  const [active, revoked, expired, usage30d] = await Promise.all([
    db.apiKey.count({ where: { teamId: team.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
    db.apiKey.count({ where: { teamId: team.id, revokedAt: { not: null } } }),
    db.apiKey.count({ where: { teamId: team.id, revokedAt: null, expiresAt: { lte: now } } }),
    teamUsage(team.id, { now }),
  ]);
  return { ...team, keys: { active, revoked, expired }, usage30d };
}
