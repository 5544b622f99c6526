// A team's usage over time: one point per UTC hour or day of the range (zeros where nothing
// happened, so charts have no holes), and the totals of the range.
import { db, Prisma } from "@/lib/db";
import { usageRows, type SourceMode, type TimeRange } from "@/lib/usage/usage-source";
import { EMPTY_STATS, STATS_SELECT, addStats, toStats, type UsageStats, type UsageStatsRow } from "@/lib/usage/usage-stats";

export type Granularity = "hour" | "day";
type SeriesPoint = { at: Date; stats: UsageStats };
export type UsageSeries = { granularity: Granularity; points: SeriesPoint[]; totals: UsageStats };

const STEP_MS: Record<Granularity, number> = { hour: 3_600_000, day: 86_400_000 };

export async function getUsageSeries(
  teamId: string,
  range: TimeRange & { granularity: Granularity },
  mode: SourceMode = "rollups",
): Promise<UsageSeries> {
  // The granularity is one of two literals, never user text.
  const unit = Prisma.raw(range.granularity === "hour" ? "'hour'" : "'day'");
  const rows = await db.$queryRaw<(UsageStatsRow & { at: Date })[]>`
    SELECT date_trunc(${unit}, s.hour, 'UTC') AS at, ${STATS_SELECT}
    FROM (${usageRows(teamId, range, mode)}) s
    GROUP BY 1 ORDER BY 1`;
  const byTime = new Map(rows.map((row) => [row.at.getTime(), toStats(row)]));
  const step = STEP_MS[range.granularity];
  const points: SeriesPoint[] = [];
  // UTC hours and days are whole multiples of their length since the epoch.
  for (let at = Math.floor(range.from.getTime() / step) * step; at < range.to.getTime(); at += step) {
    points.push({ at: new Date(at), stats: byTime.get(at) ?? EMPTY_STATS });
  }
  return { granularity: range.granularity, points, totals: points.reduce((sum, point) => addStats(sum, point.stats), EMPTY_STATS) };
}
