// Every team for the admin teams page: search by name or slug, a choice of order, 25 a page, with
// members, active subscriptions and calls over 30 days. One query: the counts are correlated
// subqueries on indexed columns, evaluated for the page's rows (and for all matches only when
// sorting by them).
import { db, Prisma } from "@/lib/db";
import { pageWindow, toPaged, type Paged } from "@/lib/http/pagination";
import { windowStart } from "@/lib/admin/usage-windows";
import { optionParam } from "@/lib/http/search-params";

export const TEAM_SORTS = {
  created: { label: "Newest first", sql: Prisma.sql`t."createdAt" DESC, t.id DESC` },
  name: { label: "Name", sql: Prisma.sql`lower(t.name) ASC, t.slug ASC` },
  balance: { label: "Highest balance", sql: Prisma.sql`t.balance DESC, t.id DESC` },
  calls: { label: "Most calls (30 days)", sql: Prisma.sql`calls30d DESC, t."createdAt" DESC, t.id DESC` },
} as const;

type TeamSort = keyof typeof TEAM_SORTS;

export const parseTeamSort = (value: unknown): TeamSort => optionParam(TEAM_SORTS, value, "created");

export type AdminTeamRow = {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  balance: bigint;
  createdAt: Date;
  members: number;
  activeSubscriptions: number;
  calls30d: number;
};

type Row = Omit<AdminTeamRow, "members" | "activeSubscriptions" | "calls30d"> & {
  members: bigint;
  activeSubscriptions: bigint;
  calls30d: bigint;
};

/** `%` and `_` typed by the admin are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listAdminTeams(options: {
  query?: string;
  sort?: TeamSort;
  page?: number;
  now?: Date;
}): Promise<Paged<AdminTeamRow>> {
  const page = options.page ?? 1;
  const q = (options.query ?? "").trim().slice(0, 100);
  const since = windowStart(options.now ?? new Date(), 30 * 24);
  const where = q ? Prisma.sql`WHERE t.name ILIKE ${likePattern(q)} OR t.slug ILIKE ${likePattern(q)}` : Prisma.empty;
  const { skip, take } = pageWindow(page);
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT t.id, t.slug, t.name, t.personal, t.balance, t."createdAt",
      (SELECT count(*) FROM memberships m WHERE m."teamId" = t.id) AS members,
      (SELECT count(*) FROM subscriptions s WHERE s."teamId" = t.id AND s.status = 'ACTIVE') AS "activeSubscriptions",
      (SELECT coalesce(sum(r.requests), 0) FROM usage_rollups r WHERE r."teamId" = t.id AND r.hour >= ${since})::bigint AS calls30d
    FROM teams t
    ${where}
    ORDER BY ${TEAM_SORTS[options.sort ?? "created"].sql}
    LIMIT ${take} OFFSET ${skip}`);
  const teams = rows.map((row) => ({
    ...row,
    members: Number(row.members),
    activeSubscriptions: Number(row.activeSubscriptions),
    calls30d: Number(row.calls30d),
  }));
  return toPaged(teams, page);
}
