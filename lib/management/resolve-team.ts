// `/api/v1/teams/{team}` takes a slug or an id. A team key only ever finds its own team: any other
// team answers exactly like a team that does not exist, so keys cannot probe for team names.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Caller } from "@/lib/management/caller";

export type TeamRef = { id: string; slug: string; name: string; personal: boolean };

export async function resolveTeam(caller: Caller, team: string): Promise<TeamRef> {
  const found = await db.team.findFirst({
    where: { OR: [{ id: team }, { slug: team }], ...(caller.kind === "team" ? { id: caller.teamId } : {}) },
    select: { id: true, slug: true, name: true, personal: true },
  });
  if (!found) throw notFound("This team");
  return found;
}
