import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** One team row by id (callers have already checked access). */
export async function getTeam(teamId: string) {
  const team = await db.team.findUnique({ where: { id: teamId } });
  if (!team) throw notFound("This team");
  return team;
}
