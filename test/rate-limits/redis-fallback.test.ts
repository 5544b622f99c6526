// When Redis goes away the gateway keeps answering: each check is counted by the instance's own
// limiter, the log says so once per outage (not per call), the state reads "fallback", and
// everything is shared again by itself once Redis answers. Against a real redis-server that the
// test stops and starts again, and freezes (SIGSTOP) to stand for a server that stops answering;
// and through the gateway itself, whose calls keep their answers and their limit.
import crypto from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { InMemoryRateLimiter, type RateLimitDecision } from "@/lib/gateway/rate-limiter";
import { RedisRateLimiter } from "@/lib/gateway/redis-rate-limiter";
import { RedisTokenLimiter } from "@/lib/ai/gateway/redis-token-limiter";
import { checkTokens, addTokens } from "@/lib/ai/gateway/token-limiter";
import { closeRedisClient, COMMAND_TIMEOUT_MS, redisClient } from "@/lib/redis/redis-client";
import { PROBE_INTERVAL_MS, redisRateLimitState } from "@/lib/redis/rate-limit-state";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { captureLogs, LEVEL, type LogCapture } from "../support/log-capture";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { rateLimiter } from "@/lib/gateway/rate-limiter";
import { expectLedgerInvariant } from "../support/ledger";
import { registry } from "@/lib/metrics/registry";
import "@/lib/metrics/system-metrics";

let server: RedisServer;
let app: Redis;
let logs: LogCapture;
let upstream: Upstream;
const limiter = new RedisRateLimiter(new InMemoryRateLimiter());
const tokens = new RedisTokenLimiter({ check: (id, n, limit) => checkTokens(id, n, limit), add: addTokens });

beforeAll(async () => {
  [server, upstream] = await Promise.all([startRedisServer(), startUpstream()]);
  process.env.REDIS_URL = server.url;
  app = redisClient()!;
  if (app.status !== "ready") await once(app, "ready");
  logs = captureLogs("info");
});
afterAll(async () => {
  logs?.stop();
  await closeRedisClient();
  delete process.env.REDIS_URL;
  await Promise.all([server?.stop(), upstream?.close()]);
});

const bucket = () => `fallback:${crypto.randomBytes(6).toString("hex")}`;
const outageLines = () => logs.lines(LEVEL.info).filter((line) => line.event === "rate_limit_fallback");
const recoveryLines = () => logs.lines(LEVEL.info).filter((line) => line.event === "rate_limit_shared_again");

/** A check with how long it took: the caller's wait on Redis is bounded. */
async function timedConsume(key: string, limit: number, windowSec: number): Promise<{ decision: RateLimitDecision; ms: number }> {
  const started = performance.now();
  const decision = await limiter.consume(key, limit, windowSec);
  return { decision, ms: performance.now() - started };
}

describe("the shared limiter when Redis goes away", () => {
  it("counts in Redis while it answers", async () => {
    const key = bucket();
    expect((await limiter.consume(key, 3, 60)).remaining).toBe(2);
    expect(await server.client().exists(`tollgate:rate:${key}`)).toBe(1);
    expect(redisRateLimitState()).toMatchObject({ mode: "redis", fallbacks: 0, outages: 0 });
  });

  it("serves every check from the instance's own limiter while Redis is stopped, logging the outage once, and shares again once it is back", async () => {
    const closed = once(app, "close");
    await server.stop();
    await closed;

    const key = bucket();
    const checks = [];
    for (let i = 0; i < 50; i++) checks.push(await timedConsume(key, 10, 60));
    // Every call got an answer at once (nothing queued for Redis), and the local bucket still limits.
    expect(checks.filter(({ decision }) => decision.allowed)).toHaveLength(10);
    expect(checks.at(-1)!.decision).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
    const waits = checks.map(({ ms }) => ms).sort((a, b) => a - b);
    expect(waits[Math.floor(waits.length / 2)]).toBeLessThan(COMMAND_TIMEOUT_MS / 10);
    // The AI token window falls back the same way.
    expect(await tokens.check(key, 5, 10)).toEqual({ allowed: true });
    await tokens.add(key, 8);
    expect(await tokens.check(key, 5, 10)).toMatchObject({ allowed: false, used: 8 });

    const state = redisRateLimitState();
    expect(state).toMatchObject({ mode: "fallback", outages: 1 });
    expect(state.fallbacks).toBeGreaterThanOrEqual(53);
    expect(state.outageSince).toBeInstanceOf(Date);
    expect(outageLines()).toHaveLength(1);
    expect(outageLines()[0]!.level).toBe(LEVEL.warn);
    // And the metrics say so.
    const metrics = await registry.metrics();
    expect(metrics).toContain('tollgate_rate_limit_store{mode="fallback"} 1');
    expect(metrics).toContain('tollgate_rate_limit_store{mode="redis"} 0');
    expect(metrics).toContain("tollgate_rate_limit_outages_total 1");
    expect(metrics).toMatch(new RegExp(`tollgate_rate_limit_fallbacks_total ${redisRateLimitState().fallbacks}\\b`));

    // Redis comes back (empty): the client reconnects by itself and the next check is shared again.
    await server.start();
    if (app.status !== "ready") await once(app, "ready");
    const again = bucket();
    expect((await limiter.consume(again, 3, 60)).remaining).toBe(2);
    expect(await server.client().exists(`tollgate:rate:${again}`)).toBe(1);
    expect(await tokens.check(again, 5, 10)).toEqual({ allowed: true });
    expect(redisRateLimitState()).toMatchObject({ mode: "redis", outages: 1, outageSince: null });
    expect(outageLines()).toHaveLength(1);
    expect(recoveryLines()).toHaveLength(1);
  });

  it("waits at most the command timeout when Redis stops answering, then skips it until a probe gets an answer", async () => {
    const fallbacksBefore = redisRateLimitState().fallbacks;
    server.freeze();
    try {
      const key = bucket();
      const first = await timedConsume(key, 100, 60);
      expect(first.decision.allowed).toBe(true);
      expect(first.ms).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 5);
      expect(first.ms).toBeLessThan(COMMAND_TIMEOUT_MS + 400);
      expect(redisRateLimitState()).toMatchObject({ mode: "fallback", outages: 2 });
      // Between probes nobody waits for the frozen server.
      const rest = await Promise.all(Array.from({ length: 50 }, () => timedConsume(key, 100, 60)));
      expect(Math.max(...rest.map(({ ms }) => ms))).toBeLessThan(COMMAND_TIMEOUT_MS);
      expect(redisRateLimitState().fallbacks - fallbacksBefore).toBe(51);
      expect(outageLines()).toHaveLength(2);
    } finally {
      server.thaw();
    }
    // After the probe interval one check tries Redis again; it answers, and checks are shared again.
    const deadline = Date.now() + Math.max(PROBE_INTERVAL_MS * 5, 5_000);
    while (redisRateLimitState().mode !== "redis" && Date.now() < deadline) {
      await limiter.consume(bucket(), 100, 60);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(redisRateLimitState()).toMatchObject({ mode: "redis", outages: 2 });
    expect(recoveryLines()).toHaveLength(2);
  });

  it("keeps the gateway answering, and limiting, while Redis is stopped", async () => {
    expect(rateLimiter()).toBeInstanceOf(RedisRateLimiter); // REDIS_URL is set for this file
    const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n, rateLimit: 3 });
    expect((await callGateway(fixture.slug, "/echo", { key: fixture.key })).status).toBe(200);
    expect(await server.client().exists(`tollgate:rate:${fixture.keyRow.id}:${fixture.api.id}`)).toBe(1);

    const closed = once(app, "close");
    await server.stop();
    await closed;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await callGateway(fixture.slug, "/echo", { key: fixture.key }));
    // The local mirror went on from the shared bucket (one used): two more served, then 429s.
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429, 429]);
    expect(answers[1]!.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(answers[2]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(redisRateLimitState().mode).toBe("fallback");
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(1_000_000n - 3n * 1_000n);

    await server.start();
    if (app.status !== "ready") await once(app, "ready");
    expect(redisRateLimitState().mode).toBe("redis");
  });
});
