// Revenue per UTC day over the last days: credit bought (top-ups and auto-recharges, whose ledger
// rows are written only once Stripe says the payment succeeded) minus payment refunds, from the
// ledger, on the day each happened. Days without any are listed with zeros.
import { db, Prisma } from "@/lib/db";

export type RevenueDay = { day: string; topUps: bigint; refunds: bigint; net: bigint };

type Row = RevenueDay;

export async function revenueByDay(options: { days?: number; now?: Date } = {}): Promise<RevenueDay[]> {
  const days = options.days ?? 30;
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  // createdAt holds UTC without a time zone, so days are compared as plain timestamps. The kind
  // filter and the createdAt range are both served by the (kind, createdAt) index.
  return db.$queryRaw<Row[]>(Prisma.sql`
    WITH range AS (SELECT (${today}::date - ${days - 1}::int)::timestamp AS start, (${today}::date + 1)::timestamp AS stop),
    sums AS (
      SELECT date_trunc('day', l."createdAt") AS day,
             coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('TOPUP', 'AUTO_RECHARGE')), 0)::bigint AS "topUps",
             coalesce(-sum(l.amount) FILTER (WHERE l.kind = 'PAYMENT_REFUND'), 0)::bigint AS refunds
      FROM credit_ledger_entries l, range
      WHERE l.kind IN ('TOPUP', 'AUTO_RECHARGE', 'PAYMENT_REFUND') AND l."createdAt" >= range.start AND l."createdAt" < range.stop
      GROUP BY 1
    )
    SELECT to_char(d, 'YYYY-MM-DD') AS day,
           coalesce(s."topUps", 0)::bigint AS "topUps",
           coalesce(s.refunds, 0)::bigint AS refunds,
           (coalesce(s."topUps", 0) - coalesce(s.refunds, 0))::bigint AS net
    FROM range CROSS JOIN LATERAL generate_series(range.start, range.stop - interval '1 day', interval '1 day') AS d
    LEFT JOIN sums s ON s.day = d
    ORDER BY d DESC`);
}
