// The GCRA script of the shared rate limiter against a real redis-server: the same decisions and
// headers as the in-process limiter, Redis's clock rather than the caller's, and many parallel
// checks on many connections never letting more through than the bucket holds.
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { consumeOnRedis } from "@/lib/gateway/redis-rate-limiter";
import { rateLimitHeaders } from "@/lib/gateway/rate-limiter";
import { useRedisServer } from "../support/redis-server";

const redis = useRedisServer();

const bucket = () => `test:${crypto.randomBytes(6).toString("hex")}`;

describe("the GCRA script", () => {
  it("allows the limit at once, then refuses with the in-process limiter's Retry-After and headers", async () => {
    const key = bucket();
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await consumeOnRedis(redis.client, key, 5, 10));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0]);
    const refused = await consumeOnRedis(redis.client, key, 5, 10);
    expect(refused).toMatchObject({ allowed: false, limit: 5, remaining: 0, resetSeconds: 10, retryAfterSeconds: 2 });
    expect(refused.fullInMs).toBeGreaterThan(9_000);
    expect(rateLimitHeaders(refused)).toEqual({
      "ratelimit-limit": "5",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "10",
      "retry-after": "2",
    });
    // The bucket lives in Redis until it would be full again, and no longer.
    const ttl = await redis.client.pttl(`tollgate:rate:${key}`);
    expect(ttl).toBeGreaterThan(9_000);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  it("refills evenly: one request's worth of time later, exactly one more", async () => {
    const key = bucket();
    // 5 per second: one every 200 ms.
    for (let i = 0; i < 5; i++) expect((await consumeOnRedis(redis.client, key, 5, 1)).allowed).toBe(true);
    expect(await consumeOnRedis(redis.client, key, 5, 1)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 220));
    expect((await consumeOnRedis(redis.client, key, 5, 1)).allowed).toBe(true);
    expect((await consumeOnRedis(redis.client, key, 5, 1)).allowed).toBe(false);
  });

  it("keeps keys apart, and refused requests do not use up the quota", async () => {
    const [a, b] = [bucket(), bucket()];
    expect((await consumeOnRedis(redis.client, a, 1, 60)).allowed).toBe(true);
    for (let i = 0; i < 10; i++) expect((await consumeOnRedis(redis.client, a, 1, 60)).allowed).toBe(false);
    expect(await consumeOnRedis(redis.client, b, 1, 60)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 60 });
    // Ten refusals later the bucket still frees up one window after the single allowed request.
    expect((await consumeOnRedis(redis.client, a, 1, 60)).resetSeconds).toBe(60);
  });

  it("counts a cost of several requests at once", async () => {
    const key = bucket();
    expect(await consumeOnRedis(redis.client, key, 100, 60, 60)).toMatchObject({ allowed: true, remaining: 40 });
    expect(await consumeOnRedis(redis.client, key, 100, 60, 41)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(await consumeOnRedis(redis.client, key, 100, 60, 40)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("runs on Redis's clock: a caller whose clock is an hour off gets the same answer", async () => {
    const key = bucket();
    expect((await consumeOnRedis(redis.client, key, 2, 60)).allowed).toBe(true);
    expect((await consumeOnRedis(redis.client, key, 2, 60)).allowed).toBe(true);
    const skewed = vi.spyOn(Date, "now").mockReturnValue(Date.now() + 3_600_000);
    try {
      expect(await consumeOnRedis(redis.client, key, 2, 60)).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    } finally {
      skewed.mockRestore();
    }
  });

  it("loads the script again after the server forgot it (SCRIPT FLUSH)", async () => {
    const key = bucket();
    await consumeOnRedis(redis.client, key, 3, 60);
    await redis.client.script("FLUSH");
    expect(await consumeOnRedis(redis.client, key, 3, 60)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("lets exactly the bucket through when 1,000 checks race on 8 connections", async () => {
    const key = bucket();
    const connections = Array.from({ length: 8 }, () => redis.server.client());
    // 100 per hour: nothing refills during the race, so exactly 100 may pass.
    const decisions = await Promise.all(Array.from({ length: 1_000 }, (_, i) => consumeOnRedis(connections[i % 8]!, key, 100, 3_600)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    // Each allowed check saw a different number left: the checks ran one after another, atomically.
    expect(new Set(decisions.filter((d) => d.allowed).map((d) => d.remaining)).size).toBe(100);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSeconds >= 1)).toBe(true);
  });
});
