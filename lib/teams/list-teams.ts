// Teams in pages, ordered by id. The cursor is the last id of the previous page (keyset paging), so
// a team created or deleted meanwhile never makes another one appear twice or go missing.
import { db, type Prisma } from "@/lib/db";

export async function listTeams(options: { limit: number; cursor?: string; where?: Prisma.TeamWhereInput }) {
  const teams = await db.team.findMany({
    where: { ...options.where, ...(options.cursor ? { id: { gt: options.cursor } } : {}) },
    orderBy: { id: "asc" },
    take: options.limit + 1,
  });
  const page = teams.slice(0, options.limit);
  return { teams: page, nextCursor: teams.length > options.limit ? page[page.length - 1]!.id : null };
}
