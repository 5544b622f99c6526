// Usage charges and refunds summarised per UTC day and API. There is one USAGE row per gateway
// call (and a USAGE_REFUND per failed upstream), so a busy team has millions. Settled days come
// from ledger_usage_days (usage-day-summaries.ts: summed once, exact, since past ledger rows never
// change); only the days after the watermark (today, and yesterday for a few minutes after
// midnight) are grouped live from the ledger through the (teamId, createdAt) index.
import { db, Prisma } from "@/lib/db";
import { pageWindow, toPaged, type Paged } from "@/lib/http/pagination";
import { ensureSettledDays, usageDayAggregates } from "@/lib/billing/ledger/usage-day-summaries";

export type UsageDay = {
  /** UTC day, YYYY-MM-DD */
  day: string;
  apiId: string | null;
  /** null when the API was deleted (or the charge carried no API) */
  apiName: string | null;
  calls: number;
  /** positive micro-units charged, refunds not deducted */
  charged: bigint;
  /** positive micro-units refunded */
  refunded: bigint;
  /** signed sum of the day's entries: -(charged - refunded) */
  net: bigint;
};

type Row = Omit<UsageDay, "calls"> & { calls: bigint };

export async function listUsageByDay(teamId: string, page: number, now = new Date()): Promise<Paged<UsageDay>> {
  const closedThrough = await ensureSettledDays(teamId, now);
  // Summaries only up to the watermark read above and live rows only after it, so a day is never
  // counted from both even when another view moves the watermark meanwhile.
  return pageOfGroups(
    page,
    Prisma.sql`
      SELECT d.day, d."apiId", d.calls, d.charged, d.refunded, d.net FROM ledger_usage_days d
      WHERE d."teamId" = ${teamId} AND d.day <= ${closedThrough}::date
      UNION ALL
      ${usageDayAggregates(Prisma.sql`l."teamId" = ${teamId} AND l."createdAt" >= ${closedThrough}::date + 1`)}`,
  );
}

/** The same page grouped straight from the ledger on every view: the baseline the bench compares with. */
export async function listUsageByDayFromLedger(teamId: string, page: number): Promise<Paged<UsageDay>> {
  return pageOfGroups(page, usageDayAggregates(Prisma.sql`l."teamId" = ${teamId}`));
}

async function pageOfGroups(page: number, groups: Prisma.Sql): Promise<Paged<UsageDay>> {
  const { skip, take } = pageWindow(page);
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT to_char(g.day, 'YYYY-MM-DD') AS day, g."apiId", a.name AS "apiName",
           g.calls::bigint AS calls, g.charged::bigint AS charged, g.refunded::bigint AS refunded, g.net::bigint AS net
    FROM (${groups}) g LEFT JOIN apis a ON a.id = g."apiId"
    ORDER BY g.day DESC, a.name NULLS LAST, g."apiId" NULLS LAST
    OFFSET ${skip} LIMIT ${take}`);
  return toPaged(
    rows.map((row) => ({ ...row, calls: Number(row.calls) })),
    page,
  );
}
