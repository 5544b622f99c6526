import { z } from "zod";
import { db } from "@/lib/db";
import { uniqueTeamSlug } from "@/lib/teams/slugs";
import { recordAudit } from "@/lib/audit/record-audit";

export const teamNameSchema = z.string().trim().min(2, "Use at least 2 characters.").max(60, "Use at most 60 characters.");

/** Creates a team owned by `userId`. */
export async function createTeam(userId: string, name: string) {
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: { name, slug: await uniqueTeamSlug(tx, name), memberships: { create: { userId, role: "OWNER" } } },
    });
    await recordAudit({ actorUserId: userId, teamId: team.id, action: "team.created", targetType: "team", targetId: team.id }, tx);
    return team;
  });
}
