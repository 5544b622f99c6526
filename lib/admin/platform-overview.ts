// The admin overview's figures. Calls come from the hourly usage_rollups (thousands of rows for a
// month, not millions); only the last 24 hours of errors and of calls refused before a team was
// known (bad or missing key: no team, so no rollup) read usage_events, over its createdAt index.
import { db, Prisma } from "@/lib/db";
import { revenueByDay } from "@/lib/admin/revenue-by-day";
import { windowStart } from "@/lib/admin/usage-windows";

export type PlatformOverview = {
  users: number;
  teams: number;
  apis: number;
  /** teams with at least one call in the last 30 days */
  activeTeams: number;
  calls24h: number;
  calls30d: number;
  /** credit bought in the last 30 days (top-ups and auto-recharges), and payment refunds */
  revenue30d: bigint;
  refunds30d: bigint;
  /** every gateway response of the last 24 hours, including those refused before auth */
  events24h: number;
  /** status >= 400 (all errors), and of those status >= 500 */
  errors24h: number;
  serverErrors24h: number;
  rejectedBeforeAuth24h: number;
  /** sum of all team balances: credit the platform owes in calls */
  creditOutstanding: bigint;
  pendingApprovals: number;
};

type CallRow = { activeTeams: bigint; calls24h: bigint; calls30d: bigint };
type EventRow = { total: bigint; errors: bigint; serverErrors: bigint; rejected: bigint };

export async function getPlatformOverview(options: { now?: Date } = {}): Promise<PlatformOverview> {
  const now = options.now ?? new Date();
  const since30d = windowStart(now, 30 * 24);
  const since24h = windowStart(now, 24);
  const eventsSince = new Date(now.getTime() - 86_400_000);
  const [users, teams, apis, calls, events, revenue, balances, pendingApprovals] = await Promise.all([
    db.user.count(),
    db.team.count(),
    db.api.count({ where: { status: { not: "RETIRED" } } }),
    db.$queryRaw<CallRow[]>(Prisma.sql`
      SELECT count(DISTINCT r."teamId") AS "activeTeams",
             coalesce(sum(r.requests) FILTER (WHERE r.hour >= ${since24h}), 0)::bigint AS "calls24h",
             coalesce(sum(r.requests), 0)::bigint AS "calls30d"
      FROM usage_rollups r
      WHERE r.hour >= ${since30d} AND r.hour <= ${now} AND r.requests > 0`),
    db.$queryRaw<EventRow[]>(Prisma.sql`
      SELECT count(*) AS total,
             count(*) FILTER (WHERE e.status >= 400) AS errors,
             count(*) FILTER (WHERE e.status >= 500) AS "serverErrors",
             count(*) FILTER (WHERE e."teamId" IS NULL) AS rejected
      FROM usage_events e
      WHERE e."createdAt" > ${eventsSince} AND e."createdAt" <= ${now}`),
    revenueByDay({ days: 30, now }),
    db.team.aggregate({ _sum: { balance: true } }),
    db.subscription.count({ where: { OR: [{ status: "PENDING" }, { pendingPlanId: { not: null } }] } }),
  ]);
  const call = calls[0];
  const event = events[0];
  return {
    users,
    teams,
    apis,
    activeTeams: Number(call?.activeTeams ?? 0n),
    calls24h: Number(call?.calls24h ?? 0n),
    calls30d: Number(call?.calls30d ?? 0n),
    revenue30d: revenue.reduce((sum, day) => sum + day.topUps, 0n),
    refunds30d: revenue.reduce((sum, day) => sum + day.refunds, 0n),
    events24h: Number(event?.total ?? 0n),
    errors24h: Number(event?.errors ?? 0n),
    serverErrors24h: Number(event?.serverErrors ?? 0n),
    rejectedBeforeAuth24h: Number(event?.rejected ?? 0n),
    creditOutstanding: balances._sum.balance ?? 0n,
    pendingApprovals,
  };
}

/** Newest users and teams and the latest audit entries, for the overview's lists. */
export async function getRecentActivity() {
  const [recentUsers, recentTeams] = await Promise.all([
    db.user.findMany({
      orderBy: { createdAt: "desc" },
      take: 8,
      select: { id: true, name: true, email: true, isPlatformAdmin: true, disabledAt: true, createdAt: true },
    }),
    db.team.findMany({
      orderBy: { createdAt: "desc" },
      take: 8,
      select: { id: true, slug: true, name: true, balance: true, createdAt: true, _count: { select: { memberships: true } } },
    }),
  ]);
  return { recentUsers, recentTeams };
}
