// The shared rate limiter: the same GCRA as InMemoryRateLimiter (rate-limiter.ts), kept in Redis so
// every instance draws on one bucket per key. Each check is one Lua script, atomic on the server,
// on the server's clock (TIME), so instances whose clocks disagree still agree on the bucket. When
// Redis cannot answer, the check is counted by the instance's own limiter (lib/redis/shared-or-local.ts),
// which mirrors every bucket as Redis last reported it: a fallback goes on from the shared state,
// never from a fresh burst, so a slow moment or an outage lets through at most what the other
// instances admit meanwhile (README, "Scaling past one machine").
import type { Redis } from "ioredis";
import { redisScript, runScript } from "@/lib/redis/run-script";
import { sharedOrLocal } from "@/lib/redis/shared-or-local";
import type { InMemoryRateLimiter, RateLimitDecision, RateLimiter } from "@/lib/gateway/rate-limiter";

const KEY_PREFIX = "tollgate:rate:";

// KEYS[1]: the bucket's theoretical arrival time (ms since the epoch). ARGV: limit, window (ms), cost.
// Returns {allowed, remaining, resetSeconds, retryAfterSeconds, ms until the bucket is full again}:
// the arithmetic of InMemoryRateLimiter.
const GCRA = redisScript(`
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local clock = redis.call("TIME")
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local interval = window / limit
local stored = redis.call("GET", KEYS[1])
local tat = stored and tonumber(stored) or now
if tat < now then tat = now end
local nextTat = tat + interval * cost
local allowAt = nextTat - window
if allowAt > now then
  return {0, 0, math.ceil((tat - now) / 1000), math.max(1, math.ceil((allowAt - now) / 1000)), math.ceil(tat - now)}
end
redis.call("SET", KEYS[1], string.format("%.17g", nextTat), "PX", math.ceil(nextTat - now))
return {1, math.max(0, math.floor((window - (nextTat - now)) / interval)), math.ceil((nextTat - now) / 1000), 0, math.ceil(nextTat - now)}
`);

export type SharedDecision = RateLimitDecision & {
  /** ms until the shared bucket is full again */
  fullInMs: number;
};

/** One GCRA step on Redis: `cost` requests of `limit` per `windowSec` for `key`. */
export async function consumeOnRedis(client: Redis, key: string, limit: number, windowSec: number, cost = 1): Promise<SharedDecision> {
  const reply = (await runScript(client, GCRA, [KEY_PREFIX + key], [limit, windowSec * 1000, cost])) as number[];
  const [allowed, remaining, resetSeconds, retryAfterSeconds, fullInMs] = reply as [number, number, number, number, number];
  return { allowed: allowed === 1, limit, remaining, resetSeconds, retryAfterSeconds, fullInMs };
}

export class RedisRateLimiter implements RateLimiter {
  /** `local` mirrors the shared buckets and counts the checks Redis cannot take. */
  constructor(private readonly local: InMemoryRateLimiter) {}

  consume(key: string, limit: number, windowSec: number): RateLimitDecision | Promise<RateLimitDecision> {
    return sharedOrLocal(
      async (client) => {
        const { fullInMs, ...decision } = await consumeOnRedis(client, key, limit, windowSec);
        this.local.adopt(key, Date.now() + fullInMs);
        return decision;
      },
      () => this.local.consume(key, limit, windowSec),
    );
  }
}
