// What the try-it console may offer a signed-in user: their teams, each with its usable keys (not
// revoked, not expired), shown by name and masked value only. The route re-checks every choice.
import { db } from "@/lib/db";
import { listTeamsForUser } from "@/lib/teams/team-access";
import { maskApiKey } from "@/lib/keys/key-format";

type TryItKeyOption = { id: string; name: string; masked: string };
export type TryItTeamOption = { slug: string; name: string; keys: TryItKeyOption[] };

export async function listTryItKeys(userId: string, now = new Date()): Promise<TryItTeamOption[]> {
  const teams = await listTeamsForUser(userId);
  const keys = await db.apiKey.findMany({
    where: {
      teamId: { in: teams.map((team) => team.id) },
      kind: "STANDARD",
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { id: true, teamId: true, name: true, prefix: true, lastFour: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return teams.map((team) => ({
    slug: team.slug,
    name: team.name,
    keys: keys
      .filter((key) => key.teamId === team.id)
      .map((key) => ({ id: key.id, name: key.name, masked: maskApiKey(key.prefix, key.lastFour) })),
  }));
}
