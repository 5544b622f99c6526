// Usage of a team over a time range, from the raw usage_events rows: totals, per API and per UTC
// day. Sums run in PostgreSQL as BigInt micro-units; nothing passes through floating point except
// the average latency.
import { db, Prisma } from "@/lib/db";
import type { UsageRange } from "@/lib/usage/usage-range";

export type UsageTotals = { requests: number; errors: number; charged: bigint; refunded: bigint; avgLatencyMs: number | null };
export type UsageSummary = { totals: UsageTotals; byApi: (UsageTotals & { api: string | null })[]; byDay: (UsageTotals & { day: string })[] };

type Row = { requests: bigint; errors: bigint; charged: bigint; refunded: bigint; avgLatencyMs: number | null };

const AGGREGATES = Prisma.sql`
  count(*) AS requests,
  count(*) FILTER (WHERE e.status >= 400) AS errors,
  coalesce(sum(e.charged), 0)::bigint AS charged,
  coalesce(sum(e.refunded), 0)::bigint AS refunded,
  round(avg(e."latencyMs")::numeric, 1)::float8 AS "avgLatencyMs"`;

function toTotals(row: Row | undefined): UsageTotals {
  if (!row) return { requests: 0, errors: 0, charged: 0n, refunded: 0n, avgLatencyMs: null };
  return { requests: Number(row.requests), errors: Number(row.errors), charged: row.charged, refunded: row.refunded, avgLatencyMs: row.avgLatencyMs };
}

/** `apiSlug` filters by API; an unknown slug simply has no usage (no hint whether the API exists). */
export async function getUsageSummary(teamId: string, range: UsageRange, apiSlug?: string): Promise<UsageSummary> {
  // Every query carries the team id; the (teamId, createdAt) index serves it.
  const from = Prisma.sql`FROM usage_events e LEFT JOIN apis a ON a.id = e."apiId"
    WHERE e."teamId" = ${teamId} AND e."createdAt" >= ${range.from} AND e."createdAt" < ${range.to}
    ${apiSlug ? Prisma.sql`AND a.slug = ${apiSlug}` : Prisma.empty}`;
  const [totals, byApi, byDay] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT ${AGGREGATES} ${from}`,
    db.$queryRaw<(Row & { api: string | null })[]>`SELECT a.slug AS api, ${AGGREGATES} ${from} GROUP BY a.slug ORDER BY requests DESC, api`,
    db.$queryRaw<(Row & { day: string })[]>`
      SELECT to_char(date_trunc('day', e."createdAt" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, ${AGGREGATES} ${from} GROUP BY day ORDER BY day`,
  ]);
  return {
    totals: toTotals(totals[0]),
    byApi: byApi.map((row) => ({ api: row.api, ...toTotals(row) })),
    byDay: byDay.map((row) => ({ day: row.day, ...toTotals(row) })),
  };
}
