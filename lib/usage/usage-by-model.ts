// A team's AI calls over a range split by model: calls, errors, tokens (cached input is part of
// input) and spend (charged minus refunded), dearest first. Read from usage_events, not the hourly
// rollups (they have no model): the (teamId, model, createdAt) index holds AI calls only, so a team
// with millions of REST calls still reads just its AI rows.
import { db, Prisma } from "@/lib/db";
import { ERROR_STATUS_FROM } from "@/lib/usage/rollup-aggregates";
import type { TimeRange } from "@/lib/usage/usage-source";

export type ModelUsageRow = {
  model: string;
  calls: number;
  errors: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** charged minus refunded, micro-units */
  spend: bigint;
};

type Row = {
  model: string;
  calls: number;
  errors: number;
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  spend: bigint;
};

/** The statement, for the test that checks its plan stays on the index. */
export function usageByModelQuery(teamId: string, range: TimeRange): Prisma.Sql {
  return Prisma.sql`
    SELECT model, count(*)::int AS calls, count(*) FILTER (WHERE status >= ${ERROR_STATUS_FROM})::int AS errors,
           coalesce(sum("inputTokens"), 0)::bigint AS "inputTokens",
           coalesce(sum("cachedInputTokens"), 0)::bigint AS "cachedInputTokens",
           coalesce(sum("outputTokens"), 0)::bigint AS "outputTokens",
           coalesce(sum(charged - refunded), 0)::bigint AS spend
    FROM usage_events
    WHERE "teamId" = ${teamId} AND model IS NOT NULL AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to}
    GROUP BY model
    ORDER BY spend DESC, calls DESC, model`;
}

export async function getUsageByModel(teamId: string, range: TimeRange): Promise<ModelUsageRow[]> {
  const rows = await db.$queryRaw<Row[]>(usageByModelQuery(teamId, range));
  return rows.map((row) => ({
    model: row.model,
    calls: Number(row.calls),
    errors: Number(row.errors),
    inputTokens: Number(row.inputTokens),
    cachedInputTokens: Number(row.cachedInputTokens),
    outputTokens: Number(row.outputTokens),
    spend: BigInt(row.spend),
  }));
}
