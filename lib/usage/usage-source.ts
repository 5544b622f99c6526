// The rows analytics aggregate: rollup-shaped rows (per API, key and UTC hour) covering exactly
// [from, to). usage_rollups holds whole hours, so a range that does not start and end on an hour
// (the rolling "last 24 hours", or "now" inside the current hour) reads its whole hours from the
// rollups and the partial hours at its two edges from the raw events, aggregated the same way
// (rollup-aggregates.ts). Each edge is under an hour of events of one team, read through the
// (teamId, createdAt) index, so the result is exact and still cheap.
//
// mode "raw" aggregates the whole range from usage_events: the baseline the bench compares with and
// the reference the tests check the rollups against.
import { Prisma } from "@/lib/db";
import { ROLLUP_AGGREGATES, ROLLUP_ELIGIBLE, EVENT_HOUR } from "@/lib/usage/rollup-aggregates";

export type SourceMode = "rollups" | "raw";
export type TimeRange = { from: Date; to: Date };

const HOUR_MS = 3_600_000;
const floorHour = (date: Date) => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
const ceilHour = (date: Date) => new Date(Math.ceil(date.getTime() / HOUR_MS) * HOUR_MS);

const ROLLUP_SELECT_LIST = Prisma.raw(`requests, errors, charged, refunded, "latencySumMs", "latencyBuckets", "bytesIn", "bytesOut"`);
const RAW_SELECT_LIST = Prisma.raw(ROLLUP_AGGREGATES);

function rawRows(teamId: string, from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT "apiId", "apiKeyId", ${Prisma.raw(EVENT_HOUR)} AS hour, ${RAW_SELECT_LIST}
    FROM usage_events
    WHERE "teamId" = ${teamId} AND "createdAt" >= ${from} AND "createdAt" < ${to} AND ${Prisma.raw(ROLLUP_ELIGIBLE)}
    GROUP BY "apiId", "apiKeyId", ${Prisma.raw(EVENT_HOUR)}`;
}

function rollupRows(teamId: string, from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT "apiId", "apiKeyId", hour, ${ROLLUP_SELECT_LIST}
    FROM usage_rollups
    WHERE "teamId" = ${teamId} AND hour >= ${from} AND hour < ${to}`;
}

/**
 * A subquery of rows (apiId, apiKeyId, hour, requests, errors, charged, refunded, latencySumMs,
 * latencyBuckets, bytesIn, bytesOut) whose sums are the team's usage in [from, to), counting only
 * calls that reached an API with a key (the ones that roll up).
 */
export function usageRows(teamId: string, range: TimeRange, mode: SourceMode = "rollups"): Prisma.Sql {
  const { from, to } = range;
  if (mode === "raw") return rawRows(teamId, from, to);
  const wholeFrom = ceilHour(from);
  const wholeTo = floorHour(to);
  if (wholeFrom >= wholeTo) return rawRows(teamId, from, to); // less than one whole hour
  const parts = [rollupRows(teamId, wholeFrom, wholeTo)];
  if (from < wholeFrom) parts.push(rawRows(teamId, from, wholeFrom));
  if (wholeTo < to) parts.push(rawRows(teamId, wholeTo, to));
  return Prisma.join(parts, " UNION ALL ");
}
