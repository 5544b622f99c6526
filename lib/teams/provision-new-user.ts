// Every new account gets a personal team it owns. Platform admin is not decided here: it needs a
// verified address (lib/auth/platform-admin-grant.ts).
import { db, type Prisma } from "@/lib/db";
import { uniqueTeamSlug } from "@/lib/teams/slugs";
import { recordAudit } from "@/lib/audit/record-audit";

export async function provisionNewUser(userId: string, tx?: Prisma.TransactionClient): Promise<void> {
  if (!tx) return db.$transaction((inner) => provisionNewUser(userId, inner));

  let user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  // OAuth providers may report mixed-case emails; every lookup in the app compares lowercase.
  if (user.email !== user.email.toLowerCase()) {
    user = await tx.user.update({ where: { id: userId }, data: { email: user.email.toLowerCase() } });
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
  await recordAudit(
    { actorUserId: userId, teamId: team.id, action: "team.created", targetType: "team", targetId: team.id, metadata: { personal: true } },
    tx,
  );
}
