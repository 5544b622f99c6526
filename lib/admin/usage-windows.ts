// Time windows over the hourly usage_rollups, and calls per UTC day for the admin console. A
// rollup row covers a whole hour, so "the last 24 hours" means the current hour and the 23 before.
import { db, Prisma } from "@/lib/db";

const HOUR_MS = 3_600_000;

/** Start of the window of `hours` whole hours that ends with the hour containing `now`. */
export function windowStart(now: Date, hours: number): Date {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return new Date(currentHour - (hours - 1) * HOUR_MS);
}

export type CallsDay = { day: string; requests: number; errors: number };

type DayRow = { day: string; requests: bigint; errors: bigint };

/**
 * Calls and errors per UTC day over the last `days` days (today included), newest last, zeros for
 * days without calls. `teamId` narrows it to one team (its (teamId, hour) index).
 */
export async function callsByDay(options: { days?: number; now?: Date; teamId?: string } = {}): Promise<CallsDay[]> {
  const days = options.days ?? 30;
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const team = options.teamId ? Prisma.sql`AND r."teamId" = ${options.teamId}` : Prisma.empty;
  const rows = await db.$queryRaw<DayRow[]>(Prisma.sql`
    WITH range AS (SELECT (${today}::date - ${days - 1}::int) AS start, (${today}::date + 1) AS stop),
    sums AS (
      SELECT (r.hour AT TIME ZONE 'UTC')::date AS day, sum(r.requests)::bigint AS requests, sum(r.errors)::bigint AS errors
      FROM usage_rollups r, range
      WHERE r.hour >= (range.start::timestamp AT TIME ZONE 'UTC') AND r.hour < (range.stop::timestamp AT TIME ZONE 'UTC') ${team}
      GROUP BY 1
    )
    SELECT to_char(d, 'YYYY-MM-DD') AS day, coalesce(s.requests, 0)::bigint AS requests, coalesce(s.errors, 0)::bigint AS errors
    FROM range CROSS JOIN LATERAL generate_series(range.start::timestamp, range.stop::timestamp - interval '1 day', interval '1 day') AS d
    LEFT JOIN sums s ON s.day = d::date
    ORDER BY d`);
  return rows.map((row) => ({ day: row.day, requests: Number(row.requests), errors: Number(row.errors) }));
}

export type TeamUsage = { requests: number; errors: number; charged: bigint; refunded: bigint };

/** One team's calls, errors and spend over the last `hours` whole hours, from its rollups. */
export async function teamUsage(teamId: string, options: { hours?: number; now?: Date } = {}): Promise<TeamUsage> {
  const now = options.now ?? new Date();
  const sums = await db.usageRollup.aggregate({
    where: { teamId, hour: { gte: windowStart(now, options.hours ?? 30 * 24), lte: now } },
    _sum: { requests: true, errors: true, charged: true, refunded: true },
  });
  return {
    requests: sums._sum.requests ?? 0,
    errors: sums._sum.errors ?? 0,
    charged: sums._sum.charged ?? 0n,
    refunded: sums._sum.refunded ?? 0n,
  };
}
