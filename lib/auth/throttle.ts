// Attempt counters in PostgreSQL (auth_throttles), shared by every app instance. An attempt is
// counted and checked in one statement, before the work it guards: under any concurrency no more
// than `limit` attempts per window get through, because each caller sees the count its own
// increment produced. A guarded attempt that turns out fine can give its count back.
import { db } from "@/lib/db";

export type ThrottleRule = { key: string; limit: number; windowSeconds: number };
export type ThrottleVerdict = { allowed: boolean; retryAt: Date | null };

/** Expired rows are swept now and then by the callers, so the table stays small. */
const SWEEP_EVERY = 200;
let untilSweep = SWEEP_EVERY;

/**
 * Counts one attempt against every rule and says whether all of them are still within their limit.
 * Refused attempts count too; a window opens at a key's first attempt and closes `windowSeconds`
 * later. Keys are locked in sorted order, so concurrent callers never deadlock.
 */
export async function takeAttempt(rules: ThrottleRule[]): Promise<ThrottleVerdict> {
  const sorted = [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = await db.$queryRaw<{ key: string; hits: number; resetAt: Date }[]>`
    INSERT INTO auth_throttles AS t (key, hits, "resetAt")
    SELECT rule.key, 1, now() + make_interval(secs => rule.seconds)
    FROM unnest(${sorted.map((rule) => rule.key)}::text[], ${sorted.map((rule) => rule.windowSeconds)}::int[]) WITH ORDINALITY AS rule(key, seconds, position)
    ORDER BY rule.position
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN t."resetAt" <= now() THEN 1 ELSE t.hits + 1 END,
      "resetAt" = CASE WHEN t."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE t."resetAt" END
    RETURNING t.key, t.hits, t."resetAt"`;
  if (--untilSweep <= 0) {
    untilSweep = SWEEP_EVERY;
    await db.$executeRaw`DELETE FROM auth_throttles WHERE "resetAt" < now() - interval '1 hour'`;
  }
  const over = rows.filter((row) => row.hits > sorted.find((rule) => rule.key === row.key)!.limit);
  if (over.length === 0) return { allowed: true, retryAt: null };
  return { allowed: false, retryAt: new Date(Math.max(...over.map((row) => row.resetAt.getTime()))) };
}

/** Takes back one counted attempt (the attempt it guarded was not a failure). */
export async function giveBackAttempt(key: string): Promise<void> {
  await db.$executeRaw`UPDATE auth_throttles SET hits = greatest(hits - 1, 0) WHERE key = ${key} AND "resetAt" > now()`;
}

/** Forgets a key's count, e.g. after a successful sign-in for that email and address. */
export async function clearAttempts(key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } });
}
