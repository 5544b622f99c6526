import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TeamContext } from "@/lib/teams/team-access";
import { hasRole } from "@/lib/teams/roles";

/** Renames the team (owners and admins). The slug stays, so links and keys keep working. */
export async function renameTeam(ctx: TeamContext, name: string) {
  if (!hasRole(ctx.role, "ADMIN")) throw new AppError("forbidden", "Only team owners and admins can rename the team.");
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: ctx.team.id }, data: { name } });
    await recordAudit(
      {
        actorUserId: ctx.userId,
        teamId: ctx.team.id,
        action: "team.renamed",
        targetType: "team",
        targetId: ctx.team.id,
        metadata: { from: ctx.team.name, to: name },
      },
      tx,
    );
  });
}

/** Deletes a shared team (owners only). Personal teams go with their user; money must be settled first. */
export async function deleteTeam(ctx: TeamContext) {
  if (ctx.role !== "OWNER") throw new AppError("forbidden", "Only team owners can delete the team.");
  if (ctx.team.personal) throw new AppError("conflict", "A personal team cannot be deleted.");
  await db.$transaction(async (tx) => {
    const team = await tx.team.findUniqueOrThrow({ where: { id: ctx.team.id }, select: { balance: true } });
    if (team.balance !== 0n)
      throw new AppError("conflict", "This team still has credit. Ask a platform admin to settle it before deleting the team.");
    await recordAudit(
      {
        actorUserId: ctx.userId,
        teamId: null,
        action: "team.deleted",
        targetType: "team",
        targetId: ctx.team.id,
        metadata: { slug: ctx.team.slug, name: ctx.team.name },
      },
      tx,
    );
    await tx.team.delete({ where: { id: ctx.team.id } });
  });
}
