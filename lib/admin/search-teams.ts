// Team picker of the admin credit page: by name or slug, newest first when nothing is typed.
import { db } from "@/lib/db";

const TEAM_SEARCH_LIMIT = 25;

type TeamChoice = { id: string; slug: string; name: string; balance: bigint };

/** Platform-wide: only admin pages call it (they run requirePlatformAdmin first). */
export async function searchTeams(query: string): Promise<TeamChoice[]> {
  const q = query.trim().slice(0, 100);
  return db.team.findMany({
    where: q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { slug: { contains: q.toLowerCase() } }] } : undefined,
    orderBy: q ? [{ name: "asc" }, { slug: "asc" }] : [{ createdAt: "desc" }],
    take: TEAM_SEARCH_LIMIT,
    select: { id: true, slug: true, name: true, balance: true },
  });
}
