// Retry schedule of team webhooks: after the nth failed attempt wait BACKOFF_MS[n-1]; the sixth
// failure is final. Spread over about seven hours, a receiver down for a deploy or a short outage
// still gets the event.
const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;
const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

/** When to try again after `attempts` failed attempts, or null when it is time to give up. */
export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + BACKOFF_MS[Math.max(0, attempts - 1)]!);
}
