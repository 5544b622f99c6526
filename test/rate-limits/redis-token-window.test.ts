// The AI tokens-per-minute window in Redis against a real redis-server: the same decisions, `used`
// counts and Retry-After as the in-process window of lib/ai/gateway/token-limiter.ts for the same
// buckets, old buckets dropped, and counts from many connections all kept.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { addTokensOnRedis, checkTokensOnRedis } from "@/lib/ai/gateway/redis-token-limiter";
import { addTokens, checkTokens } from "@/lib/ai/gateway/token-limiter";
import { useRedisServer } from "../support/redis-server";

const redis = useRedisServer();

const windowId = () => `tpm:${crypto.randomBytes(6).toString("hex")}`;
const redisSecond = async () => Number((await redis.client.time())[0]);

/** The same buckets, seconds before Redis's now, in Redis and in the in-process window. */
async function layBuckets(buckets: [secondsAgo: number, tokens: number][]) {
  const id = windowId();
  const now = await redisSecond();
  for (const [ago, tokens] of buckets) {
    await redis.client.hincrby(`tollgate:tokens:${id}`, String(now - ago), tokens);
    addTokens(id, tokens, (now - ago) * 1000);
  }
  return { id, nowMs: now * 1000 };
}

describe("the tokens-per-minute window in Redis", () => {
  it("decides like the in-process window: used, the refusal, and the second the oldest bucket frees room", async () => {
    // Both windows are read in the second the buckets were laid in (again if Redis's clock ticked).
    let laid = await layBuckets([
      [50, 10],
      [10, 5],
    ]);
    let shared = await checkTokensOnRedis(redis.client, laid.id, 10, 20);
    for (let attempt = 0; (await redisSecond()) * 1000 !== laid.nowMs && attempt < 3; attempt++) {
      laid = await layBuckets([
        [50, 10],
        [10, 5],
      ]);
      shared = await checkTokensOnRedis(redis.client, laid.id, 10, 20);
    }
    const { id, nowMs } = laid;
    expect(shared).toEqual({ allowed: false, used: 15, retryAfterSeconds: 10 });
    expect(checkTokens(id, 10, 20, nowMs)).toEqual(shared);
    // Within the limit: allowed by both.
    expect(await checkTokensOnRedis(redis.client, id, 5, 20)).toEqual({ allowed: true });
    expect(checkTokens(id, 5, 20, nowMs)).toEqual({ allowed: true });
    // More than the limit even in an empty minute: a full minute's wait.
    expect(await checkTokensOnRedis(redis.client, windowId(), 30, 20)).toEqual({ allowed: false, used: 0, retryAfterSeconds: 60 });
  });

  it("drops buckets older than the minute", async () => {
    const { id } = await layBuckets([
      [70, 1_000],
      [61, 1_000],
      [5, 3],
    ]);
    expect(await checkTokensOnRedis(redis.client, id, 20, 20)).toMatchObject({ allowed: false, used: 3 });
    expect(await redis.client.hkeys(`tollgate:tokens:${id}`)).toHaveLength(1);
  });

  it("keeps every count made from many connections at once, and expires the window after a minute", async () => {
    const id = windowId();
    const connections = Array.from({ length: 8 }, () => redis.server.client());
    await Promise.all(Array.from({ length: 400 }, (_, i) => addTokensOnRedis(connections[i % 8]!, id, 3)));
    expect(await checkTokensOnRedis(redis.client, id, 1, 1_200)).toEqual({
      allowed: false,
      used: 1_200,
      retryAfterSeconds: expect.any(Number),
    });
    expect(await checkTokensOnRedis(redis.client, id, 0, 1_200)).toEqual({ allowed: true });
    const ttl = await redis.client.ttl(`tollgate:tokens:${id}`);
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(61);
  });
});
