// Every new account gets a personal team it owns. The first account on an empty install, and any
// email listed in ADMIN_EMAILS, becomes a platform admin.
import { db, type Prisma } from "@/lib/db";
import { uniqueTeamSlug } from "@/lib/teams/slugs";
import { recordAudit } from "@/lib/audit/record-audit";

// Serialises the "is this the first account?" decision across concurrent sign-ups and instances.
const FIRST_ADMIN_LOCK = 7_340_001;

export async function provisionNewUser(userId: string, tx?: Prisma.TransactionClient): Promise<void> {
  if (!tx) return db.$transaction((inner) => provisionNewUser(userId, inner));

  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`;
  let user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  // OAuth providers may report mixed-case emails; every lookup in the app compares lowercase.
  if (user.email !== user.email.toLowerCase()) {
    user = await tx.user.update({ where: { id: userId }, data: { email: user.email.toLowerCase() } });
  }
  const adminEmails = (process.env.ADMIN_EMAILS ?? "").split(",").map((email) => email.trim().toLowerCase()).filter(Boolean);
  const otherUsers = await tx.user.count({ where: { id: { not: userId } } });
  const makeAdmin = otherUsers === 0 || adminEmails.includes(user.email);
  if (makeAdmin && !user.isPlatformAdmin) {
    await tx.user.update({ where: { id: userId }, data: { isPlatformAdmin: true } });
    await recordAudit({ action: "user.made_platform_admin", targetType: "user", targetId: userId, metadata: { reason: otherUsers === 0 ? "first account" : "ADMIN_EMAILS" } }, tx);
  }

  const hasPersonalTeam = await tx.membership.findFirst({ where: { userId, team: { personal: true } }, select: { id: true } });
  if (hasPersonalTeam) return;
  const displayName = user.name?.trim() || user.email.split("@")[0]!;
  const team = await tx.team.create({
    data: {
      name: `${displayName}'s team`,
      slug: await uniqueTeamSlug(tx, displayName),
      personal: true,
      memberships: { create: { userId, role: "OWNER" } },
    },
  });
  await recordAudit({ actorUserId: userId, teamId: team.id, action: "team.created", targetType: "team", targetId: team.id, metadata: { personal: true } }, tx);
}
