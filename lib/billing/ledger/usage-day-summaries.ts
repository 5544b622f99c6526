// Closed UTC days of a team's usage ledger, summed once per (day, API) into ledger_usage_days so
// the billing page does not re-group millions of usage rows on every view. A settlement (the exact
// cost of a reserved call minus its reservation) counts in `charged`: charges are net of it.
//
// Exact, not an estimate: ledger rows are append-only and their createdAt is the insert time, so a
// day that is over never changes again and its sums can be kept. One caveat: createdAt is taken
// when the statement runs, not when its transaction commits, so a row can become visible a moment
// after midnight with a createdAt just before it. A day is therefore only summarised once it has
// been over for SETTLE_MARGIN_MS (far longer than any ledger write stays open: the gateway writes
// a charge in one statement); until then it is read live from the ledger with today.
//
// Written lazily by the first view that needs a day: under a per-team advisory lock, the watermark
// (the last summarised day) is re-read, every day after it up to the last settled day is grouped in
// one INSERT ... SELECT over the (teamId, createdAt) index, and the watermark moves in the same
// transaction. Concurrent first views wait for the first one and then find the work done, so no
// day is ever summed twice; a reader sees a day either fully summarised or not at all.
import { db, Prisma } from "@/lib/db";

export const SETTLE_MARGIN_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of the UTC day holding `ms`. */
const utcDay = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
const nextDay = (day: string) => utcDay(Date.parse(`${day}T00:00:00Z`) + DAY_MS);

/** The last UTC day that ended at least SETTLE_MARGIN_MS before `now` ('YYYY-MM-DD'). */
export function lastSettledDay(now: Date): string {
  return utcDay(now.getTime() - SETTLE_MARGIN_MS - DAY_MS);
}

/** Per-day sums of the team's usage rows in `where`; the same text fills the table and reads live. */
export function usageDayAggregates(where: Prisma.Sql): Prisma.Sql {
  // createdAt is a timestamp without time zone holding UTC (Prisma and the gateway write UTC), so
  // its ::date is the UTC day.
  return Prisma.sql`
    SELECT l."createdAt"::date AS day, l."apiId" AS "apiId",
           count(*) FILTER (WHERE l.kind = 'USAGE') AS calls,
           coalesce(-sum(l.amount) FILTER (WHERE l.kind IN ('USAGE', 'USAGE_SETTLEMENT')), 0)::bigint AS charged,
           coalesce(sum(l.amount) FILTER (WHERE l.kind = 'USAGE_REFUND'), 0)::bigint AS refunded,
           sum(l.amount)::bigint AS net
    FROM credit_ledger_entries l
    WHERE l.kind IN ('USAGE', 'USAGE_REFUND', 'USAGE_SETTLEMENT') AND ${where}
    GROUP BY 1, 2`;
}

async function readWatermark(client: Prisma.TransactionClient | typeof db, teamId: string): Promise<string | null> {
  const mark = await client.ledgerUsageWatermark.findUnique({ where: { teamId }, select: { closedThrough: true } });
  return mark ? mark.closedThrough.toISOString().slice(0, 10) : null;
}

/**
 * Makes sure every settled day of the team is summarised and returns the last summarised day
 * ('YYYY-MM-DD'): rows up to it come from ledger_usage_days, later rows from the ledger itself.
 */
export async function ensureSettledDays(teamId: string, now = new Date()): Promise<string> {
  const target = lastSettledDay(now);
  const current = await readWatermark(db, teamId);
  if (current !== null && current >= target) return current; // the usual case: one indexed read
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ledger_usage_days:${teamId}`}))`;
      const closed = await readWatermark(tx, teamId);
      if (closed !== null && closed >= target) return closed; // another view did it while we waited
      const after = closed === null ? Prisma.empty : Prisma.sql`AND l."createdAt" >= ${nextDay(closed)}::date`;
      await tx.$executeRaw`
        INSERT INTO ledger_usage_days ("teamId", day, "apiId", calls, charged, refunded, net)
        SELECT ${teamId}, s.* FROM (${usageDayAggregates(Prisma.sql`l."teamId" = ${teamId} AND l."createdAt" < ${nextDay(target)}::date ${after}`)}) s`;
      await tx.$executeRaw`
        INSERT INTO ledger_usage_watermarks ("teamId", "closedThrough") SELECT id, ${target}::date FROM teams WHERE id = ${teamId}
        ON CONFLICT ("teamId") DO UPDATE SET "closedThrough" = excluded."closedThrough"`;
      return target;
    },
    // The first view of a long history groups all of it once (about a second per million rows).
    { maxWait: 30_000, timeout: 120_000 },
  );
}
