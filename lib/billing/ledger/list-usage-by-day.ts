// Usage charges and refunds summarised per UTC day and API. There is one USAGE row per gateway
// call (and a USAGE_REFUND per failed upstream), so a busy team has millions: they are grouped in
// PostgreSQL and only a page of groups comes back.
import { db, Prisma } from "@/lib/db";
import { pageWindow, toPaged, type Paged } from "@/lib/billing/ledger/pagination";

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

export async function listUsageByDay(teamId: string, page: number): Promise<Paged<UsageDay>> {
  const { skip, take } = pageWindow(page);
  // createdAt is a timestamp without time zone holding UTC (Prisma and the gateway write UTC), so
  // date_trunc gives the UTC day directly. The team id leads the (teamId, createdAt) index.
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT to_char(date_trunc('day', l."createdAt"), 'YYYY-MM-DD') AS day,
           l."apiId" AS "apiId",
           a.name AS "apiName",
           count(*) FILTER (WHERE l.kind = 'USAGE') AS calls,
           coalesce(-sum(l.amount) FILTER (WHERE l.kind = 'USAGE'), 0)::bigint AS charged,
           coalesce(sum(l.amount) FILTER (WHERE l.kind = 'USAGE_REFUND'), 0)::bigint AS refunded,
           sum(l.amount)::bigint AS net
    FROM credit_ledger_entries l
    LEFT JOIN apis a ON a.id = l."apiId"
    WHERE l."teamId" = ${teamId} AND l.kind IN ('USAGE', 'USAGE_REFUND')
    GROUP BY 1, l."apiId", a.name
    ORDER BY day DESC, a.name NULLS LAST, l."apiId" NULLS LAST
    OFFSET ${skip} LIMIT ${take}`);
  return toPaged(
    rows.map((row) => ({ ...row, calls: Number(row.calls) })),
    page,
  );
}
