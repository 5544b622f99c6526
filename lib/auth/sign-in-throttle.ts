// Throttles repeated failed sign-ins per email and per client address. The counters live in
// PostgreSQL so every app instance enforces the same limits.
import { db } from "@/lib/db";

const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;
export const LIMITS = { email: 5, ip: 30 } as const;

type Kind = keyof typeof LIMITS;
const throttleKey = (kind: Kind, value: string) => `${kind}:${value.toLowerCase()}`;

/** When any of the keys is locked, the time the lock ends; otherwise null. */
export async function lockedUntil(keys: { email: string; ip?: string }): Promise<Date | null> {
  const candidates = [throttleKey("email", keys.email), ...(keys.ip ? [throttleKey("ip", keys.ip)] : [])];
  const locks = await db.signInThrottle.findMany({
    where: { key: { in: candidates }, lockedUntil: { gt: new Date() } },
    select: { lockedUntil: true },
  });
  const ends = locks.map((lock) => lock.lockedUntil!.getTime());
  return ends.length ? new Date(Math.max(...ends)) : null;
}

/** Counts one failure for each key, atomically, and locks a key that reaches its limit. */
export async function recordFailedSignIn(keys: { email: string; ip?: string }) {
  const entries: [Kind, string][] = [["email", keys.email]];
  if (keys.ip) entries.push(["ip", keys.ip]);
  for (const [kind, value] of entries) {
    await db.$executeRaw`
      INSERT INTO sign_in_throttles (key, failures, "windowStartAt")
      VALUES (${throttleKey(kind, value)}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN sign_in_throttles."windowStartAt" < now() - make_interval(mins => ${WINDOW_MINUTES})
                        THEN 1 ELSE sign_in_throttles.failures + 1 END,
        "windowStartAt" = CASE WHEN sign_in_throttles."windowStartAt" < now() - make_interval(mins => ${WINDOW_MINUTES})
                        THEN now() ELSE sign_in_throttles."windowStartAt" END,
        "lockedUntil" = CASE WHEN sign_in_throttles."windowStartAt" >= now() - make_interval(mins => ${WINDOW_MINUTES})
                              AND sign_in_throttles.failures + 1 >= ${LIMITS[kind]}
                        THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE sign_in_throttles."lockedUntil" END`;
  }
}

export async function clearFailedSignIns(email: string) {
  await db.signInThrottle.deleteMany({ where: { key: throttleKey("email", email) } });
}
