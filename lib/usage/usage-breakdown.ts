// A team's usage over a range split by API or by key, busiest first. Keys and APIs that were
// deleted lose their rollups with them (cascade), so every row names a live API or key.
import { db } from "@/lib/db";
import { maskApiKey } from "@/lib/keys/key-format";
import { usageRows, type SourceMode, type TimeRange } from "@/lib/usage/usage-source";
import { STATS_SELECT, toStats, type UsageStats, type UsageStatsRow } from "@/lib/usage/usage-stats";

export type BreakdownRow = { id: string; label: string; detail: string | null; stats: UsageStats };

type Row = UsageStatsRow & { id: string; label: string; detail: string | null };

export async function getUsageByApi(teamId: string, range: TimeRange, mode: SourceMode = "rollups"): Promise<BreakdownRow[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT a.id, a.name AS label, a.slug AS detail, ${STATS_SELECT}
    FROM (${usageRows(teamId, range, mode)}) s JOIN apis a ON a.id = s."apiId"
    GROUP BY a.id ORDER BY requests DESC, label, a.id`;
  return rows.map((row) => ({ id: row.id, label: row.label, detail: row.detail, stats: toStats(row) }));
}

export async function getUsageByKey(teamId: string, range: TimeRange, mode: SourceMode = "rollups"): Promise<BreakdownRow[]> {
  const rows = await db.$queryRaw<(Row & { prefix: string; lastFour: string })[]>`
    SELECT k.id, k.name AS label, k.prefix, k."lastFour", ${STATS_SELECT}
    FROM (${usageRows(teamId, range, mode)}) s JOIN api_keys k ON k.id = s."apiKeyId" AND k."teamId" = ${teamId}
    GROUP BY k.id ORDER BY requests DESC, label, k.id`;
  return rows.map((row) => ({ id: row.id, label: row.label, detail: maskApiKey(row.prefix, row.lastFour), stats: toStats(row) }));
}

/** Calls and spend per key over a range, for the keys table. */
export async function getKeyUsageMap(teamId: string, range: TimeRange): Promise<Map<string, UsageStats>> {
  const rows = await getUsageByKey(teamId, range);
  return new Map(rows.map((row) => [row.id, row.stats]));
}
