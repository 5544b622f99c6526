import { db } from "@/lib/db";

/** Platform-wide figures and recent rows for the admin console. Admin-only callers. */
export async function getPlatformOverview() {
  const [users, teams, apis, recentUsers, recentTeams, recentAudit, outbox] = await Promise.all([
    db.user.count(),
    db.team.count(),
    db.api.count({ where: { status: { not: "RETIRED" } } }),
    db.user.findMany({ orderBy: { createdAt: "desc" }, take: 10, select: { id: true, name: true, email: true, isPlatformAdmin: true, createdAt: true } }),
    db.team.findMany({ orderBy: { createdAt: "desc" }, take: 10, select: { id: true, slug: true, name: true, balance: true, personal: true, _count: { select: { memberships: true } } } }),
    db.auditLog.findMany({ orderBy: { createdAt: "desc" }, take: 15, select: { id: true, action: true, createdAt: true, actor: { select: { email: true } }, team: { select: { slug: true } } } }),
    db.emailOutbox.findMany({ orderBy: { createdAt: "desc" }, take: 10, select: { id: true, to: true, subject: true, status: true, createdAt: true } }),
  ]);
  return { users, teams, apis, recentUsers, recentTeams, recentAudit, outbox };
}
