// The admin's system page (/admin/system): what an operator checks first when something looks off.
// One small query per section, all read-only. This process's own state (its usage backlog, Redis)
// is handed in by the page: lib/admin does not import the gateway.
import packageJson from "@/package.json";
import { db, Prisma } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { STALE_AFTER_MS } from "@/lib/instances/heartbeat";
import { instanceId } from "@/lib/instances/instance-id";
import type { RedisRateLimitState } from "@/lib/redis/rate-limit-state";

/** Instances whose heartbeat is older than this are not listed. */
export const INSTANCE_WINDOW_MS = 60_000;
const LISTED = 10;

/** The package version, and the commit when the image was built with TOLLGATE_COMMIT (read from the environment, never from git). */
export function systemVersion(): { version: string; commit: string | null } {
  return { version: packageJson.version, commit: process.env.TOLLGATE_COMMIT?.trim() || null };
}

export type InstanceState = "running" | "silent" | "stopped";

/** Instances that sent a heartbeat in the last minute: this one marked, stopped and silent ones named as such. */
export async function listRecentInstances(now = new Date()) {
  const rows = await db.appInstance.findMany({
    where: { seenAt: { gte: new Date(now.getTime() - INSTANCE_WINDOW_MS) } },
    orderBy: { startedAt: "asc" },
  });
  const self = instanceId();
  return rows.map((row) => ({
    ...row,
    current: row.id === self,
    state: (row.stoppedAt ? "stopped" : now.getTime() - row.seenAt.getTime() > STALE_AFTER_MS ? "silent" : "running") as InstanceState,
  }));
}

/** A timed SELECT 1 through the health check (2 s at most). */
export async function databaseStatus(): Promise<{ ok: true; latencyMs: number } | { ok: false; reason: string }> {
  const started = performance.now();
  const report = await checkHealth();
  return report.status === "ok" ? { ok: true, latencyMs: Math.round(performance.now() - started) } : { ok: false, reason: report.reason };
}

/** How this instance's Redis (shared rate limits) reads on the page. */
export function redisStatus(state: RedisRateLimitState): { label: string; note: string } {
  if (state.mode === "off") return { label: "not configured", note: "REDIS_URL unset: each instance counts rate limits" };
  if (state.mode === "redis") return { label: "connected", note: `rate limits shared · ${state.outages} outages so far` };
  if (!state.outageSince) return { label: "connecting", note: "the server connects at start; rate limits count locally until it answers" };
  return { label: "unreachable", note: `since ${state.outageSince.toISOString()} (${state.lastError ?? "no answer"}): counting locally` };
}

export type UsageBacklog = { waiting: number; oldestAt: string | null; held: number };

/** This process's usage batch: how many events wait and how long the oldest has (its call's time). */
export function usageLag(backlog: UsageBacklog, now = new Date()) {
  const lagMs = backlog.oldestAt ? Math.max(0, now.getTime() - Date.parse(backlog.oldestAt)) : 0;
  return { ...backlog, lagMs };
}

type ReservationRow = { kind: string; calls: bigint; held: bigint; unsettled: bigint; lost: bigint; oldest: Date };

/**
 * Charged calls whose usage event is not written yet (open_calls), by kind of API: what they hold,
 * how many reservations (AI and Prompt calls) are not settled, and how many belong to an instance
 * that stopped or went silent, which the next reconciliation refunds.
 */
export async function openReservations(now = new Date()) {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const rows = await db.$queryRaw<ReservationRow[]>(Prisma.sql`
    SELECT coalesce(a.kind::text, 'REST') AS kind, count(*) AS calls, coalesce(sum(o.charged), 0)::bigint AS held,
           count(*) FILTER (WHERE s."requestId" IS NULL) AS unsettled,
           count(*) FILTER (WHERE i."stoppedAt" IS NOT NULL OR i."seenAt" < ${staleBefore}) AS lost,
           min(o."createdAt") AS oldest
    FROM open_calls o
    LEFT JOIN apis a ON a.id = o."apiId"
    LEFT JOIN call_settlements s ON s."requestId" = o."requestId"
    LEFT JOIN app_instances i ON i.id = o."instanceId"
    GROUP BY 1 ORDER BY 1`);
  const byKind = rows.map((row) => ({
    kind: row.kind,
    calls: Number(row.calls),
    held: row.held,
    // A REST call is final once charged; only reservations (AI, Prompt) wait for a settle.
    unsettled: row.kind === "REST" ? 0 : Number(row.unsettled),
    lost: Number(row.lost),
    oldest: row.oldest,
  }));
  const oldest = await db.$queryRaw<
    {
      requestId: string;
      charged: bigint;
      createdAt: Date;
      instanceId: string;
      method: string;
      path: string;
      teamSlug: string | null;
      apiSlug: string | null;
    }[]
  >(Prisma.sql`
    SELECT o."requestId", o.charged, o."createdAt", o."instanceId", o.method, o.path, t.slug AS "teamSlug", a.slug AS "apiSlug"
    FROM open_calls o LEFT JOIN teams t ON t.id = o."teamId" LEFT JOIN apis a ON a.id = o."apiId"
    ORDER BY o."createdAt" LIMIT ${LISTED}`);
  return { byKind, oldest };
}

/** Open credit leases (credit_leases with closedAt null): how many, what they hold, which expired unreclaimed, and the largest. */
export async function openCreditLeases(now = new Date()) {
  const where = { closedAt: null };
  const [totals, expired, largest] = await Promise.all([
    db.creditLease.aggregate({ where, _count: true, _sum: { remaining: true } }),
    db.creditLease.count({ where: { ...where, expiresAt: { lt: now } } }),
    db.creditLease.findMany({
      where,
      orderBy: { remaining: "desc" },
      take: LISTED,
      select: { id: true, instanceId: true, remaining: true, expiresAt: true, team: { select: { slug: true, name: true } } },
    }),
  ]);
  return { count: totals._count, remaining: totals._sum.remaining ?? 0n, expired, largest };
}

type DeliveryRow = { slug: string; name: string; pending: bigint; failed: bigint; oldest: Date | null };

/** Team webhook deliveries waiting to be sent, and those given up on in the last 24 hours, by team. */
export async function webhookBacklog(now = new Date()) {
  const since = new Date(now.getTime() - 86_400_000);
  const rows = await db.$queryRaw<DeliveryRow[]>(Prisma.sql`
    SELECT t.slug, t.name,
           count(*) FILTER (WHERE d.status = 'PENDING') AS pending,
           count(*) FILTER (WHERE d.status = 'FAILED') AS failed,
           min(d."createdAt") FILTER (WHERE d.status = 'PENDING') AS oldest
    FROM webhook_deliveries d JOIN teams t ON t.id = d."teamId"
    WHERE d.status = 'PENDING' OR (d.status = 'FAILED' AND d."createdAt" >= ${since})
    GROUP BY t.id ORDER BY pending DESC, failed DESC, t.slug`);
  const teams = rows.map((row) => ({ ...row, pending: Number(row.pending), failed: Number(row.failed) }));
  return {
    pending: teams.reduce((sum, team) => sum + team.pending, 0),
    failed24h: teams.reduce((sum, team) => sum + team.failed, 0),
    oldest: teams.reduce<Date | null>((min, team) => (team.oldest && (!min || team.oldest < min) ? team.oldest : min), null),
    teams: teams.slice(0, LISTED),
  };
}
