// Rate limits per key and API, from the plan: `limit` requests per `windowSec`.
//
// The in-process limiter below is a GCRA (generic cell rate algorithm): a token bucket of `limit`
// requests refilled evenly over the window, kept as one timestamp per key. It has no window-edge
// bursts, and its Retry-After is exact. Alone it counts per instance; with REDIS_URL set the
// process's limiter is RedisRateLimiter (redis-rate-limiter.ts): the same GCRA in Redis, shared by
// every instance, with this one counting whatever Redis cannot answer.
import { redisUrl } from "@/lib/env";
import { RedisRateLimiter } from "@/lib/gateway/redis-rate-limiter";

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  /** requests still allowed right now */
  remaining: number;
  /** seconds until the full quota is available again (RateLimit-Reset) */
  resetSeconds: number;
  /** seconds until the next request would be allowed (Retry-After), 0 when allowed */
  retryAfterSeconds: number;
};

export interface RateLimiter {
  consume(key: string, limit: number, windowSec: number): RateLimitDecision | Promise<RateLimitDecision>;
}

const SWEEP_EVERY_MS = 60_000;

export class InMemoryRateLimiter implements RateLimiter {
  /** theoretical arrival time per key, epoch ms */
  private readonly tat = new Map<string, number>();
  private lastSweep = Date.now();

  consume(key: string, limit: number, windowSec: number, now = Date.now()): RateLimitDecision {
    this.sweep(now);
    const windowMs = windowSec * 1000;
    const interval = windowMs / limit;
    const tat = Math.max(this.tat.get(key) ?? now, now);
    const nextTat = tat + interval;
    const allowAt = nextTat - windowMs;

    if (allowAt > now) {
      return {
        allowed: false,
        limit,
        remaining: 0,
        resetSeconds: Math.ceil((tat - now) / 1000),
        retryAfterSeconds: Math.max(1, Math.ceil((allowAt - now) / 1000)),
      };
    }
    this.tat.set(key, nextTat);
    return {
      allowed: true,
      limit,
      remaining: Math.max(0, Math.floor((windowMs - (nextTat - now)) / interval)),
      resetSeconds: Math.ceil((nextTat - now) / 1000),
      retryAfterSeconds: 0,
    };
  }

  /**
   * Takes a bucket's state from elsewhere: the shared store's, so that a check the store cannot
   * answer goes on from where the shared bucket stood, not from a full one.
   */
  adopt(key: string, fullAt: number): void {
    // Never backwards: checks this instance admitted on its own (Redis did not answer) stay counted.
    if (fullAt > (this.tat.get(key) ?? 0)) this.tat.set(key, fullAt);
  }

  /** Forgets keys whose bucket is full again, so memory follows active keys only. */
  private sweep(now: number) {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, tat] of this.tat) if (tat <= now) this.tat.delete(key);
  }
}

// One limiter per process, shared by every route bundle.
const globalLimiter = globalThis as typeof globalThis & { __tollgateRateLimiter?: RateLimiter };

export function rateLimiter(): RateLimiter {
  return (globalLimiter.__tollgateRateLimiter ??= redisUrl() ? new RedisRateLimiter(new InMemoryRateLimiter()) : new InMemoryRateLimiter());
}

/** Swaps the store, e.g. for a shared one when running many instances. */
export function setRateLimiter(limiter: RateLimiter): void {
  globalLimiter.__tollgateRateLimiter = limiter;
}

/** RateLimit-Limit/-Remaining/-Reset for every answer after the limit was checked, and Retry-After on a 429. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    "ratelimit-limit": String(decision.limit),
    "ratelimit-remaining": String(decision.remaining),
    "ratelimit-reset": String(decision.resetSeconds),
  };
  if (!decision.allowed) headers["retry-after"] = String(decision.retryAfterSeconds);
  return headers;
}
