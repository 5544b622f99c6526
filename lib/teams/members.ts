// Changing roles, removing members and leaving. Every function checks the actor's role itself, so
// no caller can skip the rules; a team always keeps at least one owner.
import { db, type Prisma, type TeamRole } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TeamContext } from "@/lib/teams/team-access";
import { hasRole } from "@/lib/teams/roles";

async function findTarget(tx: Prisma.TransactionClient, teamId: string, membershipId: string) {
  const target = await tx.membership.findFirst({ where: { id: membershipId, teamId }, include: { user: { select: { email: true } } } });
  if (!target) throw notFound("That member");
  return target;
}

/** Owners are counted under a row lock so two concurrent demotions cannot remove the last owner. */
async function lockOwners(tx: Prisma.TransactionClient, teamId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM memberships WHERE "teamId" = ${teamId} AND role = 'OWNER' FOR UPDATE`;
  return rows.length;
}

export async function changeMemberRole(ctx: TeamContext, membershipId: string, role: TeamRole) {
  if (!hasRole(ctx.role, "ADMIN")) throw new AppError("forbidden", "Only team owners and admins can change roles.");
  await db.$transaction(async (tx) => {
    const target = await findTarget(tx, ctx.team.id, membershipId);
    if (target.role === role) return;
    if ((target.role === "OWNER" || role === "OWNER") && ctx.role !== "OWNER") {
      throw new AppError("forbidden", "Only owners can grant or remove the owner role.");
    }
    if (target.role === "OWNER" && (await lockOwners(tx, ctx.team.id)) <= 1) {
      throw new AppError("conflict", "A team needs at least one owner. Make someone else an owner first.");
    }
    await tx.membership.update({ where: { id: target.id }, data: { role } });
    await recordAudit(
      {
        actorUserId: ctx.userId,
        teamId: ctx.team.id,
        action: "team.member.role_changed",
        targetType: "membership",
        targetId: target.id,
        metadata: { email: target.user.email, from: target.role, to: role },
      },
      tx,
    );
  });
}

export async function removeMember(ctx: TeamContext, membershipId: string) {
  await db.$transaction(async (tx) => {
    const target = await findTarget(tx, ctx.team.id, membershipId);
    const self = target.userId === ctx.userId;
    if (!self && !hasRole(ctx.role, "ADMIN")) throw new AppError("forbidden", "Only team owners and admins can remove members.");
    if (!self && target.role === "OWNER" && ctx.role !== "OWNER") throw new AppError("forbidden", "Only owners can remove an owner.");
    if (target.role === "OWNER" && (await lockOwners(tx, ctx.team.id)) <= 1) {
      throw new AppError(
        "conflict",
        self ? "You are the last owner. Make someone else an owner before you leave." : "A team needs at least one owner.",
      );
    }
    await tx.membership.delete({ where: { id: target.id } });
    await recordAudit(
      {
        actorUserId: ctx.userId,
        teamId: ctx.team.id,
        action: self ? "team.member.left" : "team.member.removed",
        targetType: "membership",
        targetId: target.id,
        metadata: { email: target.user.email, role: target.role },
      },
      tx,
    );
  });
}

export async function leaveTeam(ctx: TeamContext) {
  const own = await db.membership.findFirst({ where: { teamId: ctx.team.id, userId: ctx.userId }, select: { id: true } });
  if (!own) throw notFound("This team");
  await removeMember(ctx, own.id);
}

export async function listMembers(teamId: string) {
  return db.membership.findMany({
    where: { teamId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}
