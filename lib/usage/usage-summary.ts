// Usage of a team over a time range (the management API's usage report): totals, per API and per
// UTC day. Exact, and cheap for a team with millions of calls: calls that roll up (an API and a
// key) come from the hourly rollups plus the raw partial hours at the range's edges, the same
// rows the analytics page sums (usage-source.ts); the calls that do not roll up (no API, or their
// key or API deleted since) are read raw through the (teamId, apiId | apiKeyId, createdAt)
// indexes, which find only those rows. mode "raw" sums usage_events alone: the reference the
// tests and the bench compare with. Sums run in PostgreSQL as BigInt micro-units; nothing passes
// through floating point except the average latency.
import { db, Prisma } from "@/lib/db";
import { ERROR_STATUS_FROM, EVENT_HOUR, ROLLUP_ELIGIBLE } from "@/lib/usage/rollup-aggregates";
import { usageRows, type SourceMode } from "@/lib/usage/usage-source";
import type { UsageRange } from "@/lib/usage/usage-range";

export type UsageTotals = { requests: number; errors: number; charged: bigint; refunded: bigint; avgLatencyMs: number | null };
export type UsageSummary = {
  totals: UsageTotals;
  byApi: (UsageTotals & { api: string | null })[];
  byDay: (UsageTotals & { day: string })[];
};

type Row = { requests: bigint; errors: bigint; charged: bigint; refunded: bigint; avgLatencyMs: number | null };
type GroupRow = Row & { api: string | null; day: string | null; allApis: number; allDays: number };

const EMPTY: UsageTotals = { requests: 0, errors: 0, charged: 0n, refunded: 0n, avgLatencyMs: null };

function toTotals(row: Row | undefined): UsageTotals {
  if (!row) return EMPTY;
  return {
    requests: Number(row.requests),
    errors: Number(row.errors),
    charged: row.charged,
    refunded: row.refunded,
    avgLatencyMs: row.avgLatencyMs,
  };
}

/** Raw events of the team in [from, to) matching `condition`, as (apiId, hour) sums. */
function eventRows(teamId: string, range: UsageRange, condition: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT "apiId", ${Prisma.raw(EVENT_HOUR)} AS hour, count(*)::bigint AS requests,
           count(*) FILTER (WHERE status >= ${Prisma.raw(String(ERROR_STATUS_FROM))})::bigint AS errors,
           coalesce(sum(charged), 0)::bigint AS charged, coalesce(sum(refunded), 0)::bigint AS refunded,
           coalesce(sum("latencyMs"), 0)::bigint AS "latencySumMs"
    FROM usage_events
    WHERE "teamId" = ${teamId} AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to} AND ${condition}
    GROUP BY "apiId", ${Prisma.raw(EVENT_HOUR)}`;
}

/** (apiId, hour, requests, errors, charged, refunded, latencySumMs) rows summing to the team's usage in the range. */
function summaryRows(teamId: string, range: UsageRange, mode: SourceMode): Prisma.Sql {
  if (mode === "raw") return eventRows(teamId, range, Prisma.sql`true`);
  return Prisma.sql`
    SELECT r."apiId", r.hour, r.requests::bigint, r.errors::bigint, r.charged, r.refunded, r."latencySumMs"
    FROM (${usageRows(teamId, range)}) r
    UNION ALL
    ${eventRows(teamId, range, Prisma.sql`NOT (${Prisma.raw(ROLLUP_ELIGIBLE)})`)}`;
}

/** `apiSlug` filters by API; an unknown slug simply has no usage (no hint whether the API exists). */
export async function getUsageSummary(
  teamId: string,
  range: UsageRange,
  apiSlug?: string,
  mode: SourceMode = "rollups",
): Promise<UsageSummary> {
  let apiFilter = Prisma.empty;
  if (apiSlug) {
    const api = await db.api.findUnique({ where: { slug: apiSlug }, select: { id: true } });
    if (!api) return { totals: EMPTY, byApi: [], byDay: [] };
    // On the id, so PostgreSQL pushes it into every branch (the rollups' (teamId, apiId, …) index).
    apiFilter = Prisma.sql`WHERE s."apiId" = ${api.id}`;
  }
  // One pass, three groupings: the total, per API (slug; null for calls without an API) and per UTC day.
  const rows = await db.$queryRaw<GroupRow[]>`
    SELECT a.slug AS api, to_char(s.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
           GROUPING(a.slug) AS "allApis", GROUPING(to_char(s.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD')) AS "allDays",
           coalesce(sum(s.requests), 0)::bigint AS requests, coalesce(sum(s.errors), 0)::bigint AS errors,
           coalesce(sum(s.charged), 0)::bigint AS charged, coalesce(sum(s.refunded), 0)::bigint AS refunded,
           round(sum(s."latencySumMs")::numeric / nullif(sum(s.requests), 0), 1)::float8 AS "avgLatencyMs"
    FROM (${summaryRows(teamId, range, mode)}) s LEFT JOIN apis a ON a.id = s."apiId"
    ${apiFilter}
    GROUP BY GROUPING SETS ((), (a.slug), (to_char(s.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD')))
    ORDER BY "allApis", "allDays", day, requests DESC, api`;
  const totals = rows.find((row) => row.allApis === 1 && row.allDays === 1);
  return {
    totals: toTotals(totals),
    byApi: rows.filter((row) => row.allApis === 0).map((row) => ({ api: row.api, ...toTotals(row) })),
    byDay: rows.filter((row) => row.allDays === 0).map((row) => ({ day: row.day!, ...toTotals(row) })),
  };
}
