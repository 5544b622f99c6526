// Tokens per minute in Redis: the in-process window of token-limiter.ts (one-second buckets over the
// last 60 s, the same decision and Retry-After), as one hash per key and API shared by every
// instance. Each check and each count is one Lua script on Redis's clock; when Redis cannot answer,
// the instance's own window takes it (lib/redis/shared-or-local.ts).
import type { Redis } from "ioredis";
import { redisScript, runScript } from "@/lib/redis/run-script";
import { sharedOrLocal } from "@/lib/redis/shared-or-local";
import type { TokenDecision, TokenLimiter } from "@/lib/ai/gateway/token-limiter";

const KEY_PREFIX = "tollgate:tokens:";

// KEYS[1]: second -> tokens. ARGV: tokens, limit. Returns {allowed, retryAfterSeconds, used}.
const CHECK = redisScript(`
local tokens = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local second = tonumber(redis.call("TIME")[1])
local fields = redis.call("HGETALL", KEYS[1])
local used = 0
local live = {}
for i = 1, #fields, 2 do
  local bucket = tonumber(fields[i])
  if bucket <= second - 60 then
    redis.call("HDEL", KEYS[1], fields[i])
  else
    local count = tonumber(fields[i + 1])
    used = used + count
    live[#live + 1] = {bucket, count}
  end
end
if used + tokens <= limit then return {1, 0, used} end
table.sort(live, function(a, b) return a[1] < b[1] end)
local freed = 0
for _, entry in ipairs(live) do
  freed = freed + entry[2]
  if used - freed + tokens <= limit then return {0, entry[1] + 60 - second, used} end
end
return {0, 60, used}
`);

// KEYS[1] as above. ARGV: tokens. The hash outlives its newest bucket by the window.
const ADD = redisScript(`
redis.call("HINCRBY", KEYS[1], redis.call("TIME")[1], ARGV[1])
redis.call("EXPIRE", KEYS[1], 61)
return 1
`);

export async function checkTokensOnRedis(client: Redis, id: string, tokens: number, limit: number): Promise<TokenDecision> {
  const [allowed, retryAfterSeconds, used] = (await runScript(client, CHECK, [KEY_PREFIX + id], [tokens, limit])) as number[];
  return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: retryAfterSeconds!, used: used! };
}

export async function addTokensOnRedis(client: Redis, id: string, tokens: number): Promise<void> {
  await runScript(client, ADD, [KEY_PREFIX + id], [tokens]);
}

export class RedisTokenLimiter implements TokenLimiter {
  /** `local` counts what Redis cannot take. */
  constructor(
    private readonly local: { check(id: string, tokens: number, limit: number): TokenDecision; add(id: string, tokens: number): void },
  ) {}

  check(id: string, tokens: number, limit: number): TokenDecision | Promise<TokenDecision> {
    return sharedOrLocal(
      (client) => checkTokensOnRedis(client, id, tokens, limit),
      () => this.local.check(id, tokens, limit),
    );
  }

  add(id: string, tokens: number): void | Promise<void> {
    if (tokens <= 0) return;
    return sharedOrLocal(
      (client) => addTokensOnRedis(client, id, tokens),
      () => this.local.add(id, tokens),
    );
  }
}
