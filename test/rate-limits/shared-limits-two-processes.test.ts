// A key's plan rate held across two app processes (the node:http server of `npm start`,
// test/support/app-instance.ts) on one database and one real redis-server, as two instances behind a
// round-robin balancer would serve it: both draw on one GCRA bucket in Redis, so together they let
// through no more than the plan allows a single instance (burst + rate x elapsed, plus the one
// request the rounding of elapsed time may add: the README's documented overage), where two
// in-process limiters would allow twice that. The AI tokens-per-minute window is shared the same way.
import OpenAI, { type APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { AI_PATH_PREFIX } from "@/lib/ai/gateway/handle-ai-request";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { createGatewayFixture } from "../support/gateway-factories";
import { createAiFixture } from "../support/ai-factories";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { expectLedgerInvariant } from "../support/ledger";
import { startAppProcess, stopAppProcess, type AppProcess } from "../support/app-processes";

/** The plan: a burst of 30, refilled at 6 a second. */
const LIMIT = 30;
const WINDOW_SEC = 5;
const STORM_MS = 4_000;
const LOOPS_PER_INSTANCE = 4;
const PRICE = 1_000n;
const START = 1_000_000_000n;
const SHUTDOWN_GRACE_MS = 1_000;

let redis: RedisServer;
let inspector: Redis;
let upstream: Upstream;
let fake: FakeAiProvider;
const instances: AppProcess[] = [];

/** Polls until `ready()` holds; the app processes connect to Redis at their first check. */
async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * What the documented overage allows beyond the plan for the slow moments the instances logged: a
 * check Redis did not answer in time is decided by the instance's mirror of the shared bucket, so
 * while one instance falls back the other may admit its share of the rate unseen (plus one).
 */
function fallbackAllowance(ratePerSec: number, since: number): { outages: number; allowance: number } {
  const ended = instances
    .flatMap(({ lines }) => lines)
    .filter((line) => line.includes('"rate_limit_shared_again"'))
    .map((line) => JSON.parse(line) as { time: string; outageMs: number })
    .filter((line) => Date.parse(line.time) >= since);
  return { outages: ended.length, allowance: ended.reduce((sum, { outageMs }) => sum + Math.ceil((ratePerSec * outageMs) / 1000) + 1, 0) };
}

const call = (port: number, slug: string, key: string) =>
  fetch(`http://127.0.0.1:${port}/api/gateway/${slug}/echo`, { headers: { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  [redis, upstream, fake] = await Promise.all([startRedisServer(), startUpstream(), startFakeAiProvider()]);
  inspector = redis.client();
  const start = () => startAppProcess({ env: { REDIS_URL: redis.url }, graceMs: SHUTDOWN_GRACE_MS, captureOutput: true });
  instances.push(...(await Promise.all([start(), start()])));
  // One call on each instance with a key of its own, so both hold a ready Redis connection before
  // the measured key's first check (a check made while the first connection is still being made is
  // counted locally).
  const warmup = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START });
  for (const { port } of instances) expect((await call(port, warmup.slug, warmup.key)).status).toBe(200);
  await until(
    async () => ((await inspector.client("LIST")) as string).split("name=tollgate ").length - 1 >= 2,
    "both instances' Redis connections",
  );
}, 120_000);
afterAll(async () => {
  for (const { child } of instances) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all([redis?.stop(), upstream?.close(), fake?.close()]);
});

describe("shared rate limits across two app processes", () => {
  it("counts a key's AI tokens per minute once for both instances", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, tokensPerMinute: 20 });
    const [a, b] = instances.map(
      ({ port }) => new OpenAI({ apiKey: fixture.key, baseURL: `http://127.0.0.1:${port}${AI_PATH_PREFIX}`, maxRetries: 0 }),
    );
    const messages = [{ role: "user" as const, content: "shared tokens per minute" }];
    await a!.chat.completions.create({ model: fixture.model.publicId, messages, max_tokens: 40 });
    // Instance A counts the call's tokens in Redis once it settles.
    await until(async () => (await inspector.keys("tollgate:tokens:*")).length > 0, "the settled call's tokens in Redis");
    const refused = await b!.chat.completions.create({ model: fixture.model.publicId, messages }).then(
      () => null,
      (error: APIError) => error,
    );
    expect(refused?.status).toBe(429);
    expect(refused?.message).toContain("tokens per minute");
    expect(Number(refused?.headers?.get("retry-after"))).toBeGreaterThan(0);
  }, 60_000);

  it("holds a key's plan rate across both instances within the documented overage, charges only what was served, and stops cleanly", async () => {
    const fixture = await createGatewayFixture({
      upstreamUrl: upstream.url,
      balance: START,
      price: PRICE,
      rateLimit: LIMIT,
      rateLimitWindowSec: WINDOW_SEC,
    });
    const served = [0, 0];
    const statuses = new Map<number, number>();
    let badHeaders = 0;
    const started = performance.now();
    const startedAt = Date.now();
    const stopAt = Date.now() + STORM_MS;
    const loop = async (which: number) => {
      while (Date.now() < stopAt) {
        const response = await call(instances[which]!.port, fixture.slug, fixture.key);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) served[which]!++;
        if (response.status === 429 && !(Number(response.headers.get("retry-after")) >= 1)) badHeaders++;
        if (response.headers.get("ratelimit-limit") !== String(LIMIT)) badHeaders++;
      }
    };
    await Promise.all(Array.from({ length: 2 * LOOPS_PER_INSTANCE }, (_, i) => loop(i % 2)));
    const elapsedSec = (performance.now() - started) / 1000;

    const allowed = served[0]! + served[1]!;
    const plan = LIMIT + Math.ceil((elapsedSec * LIMIT) / WINDOW_SEC);
    // Both instances stop as a deploy stops them; then every line they logged has arrived.
    expect(await Promise.all(instances.map(stopAppProcess))).toEqual([0, 0]);
    const { outages, allowance } = fallbackAllowance(LIMIT / WINDOW_SEC, startedAt);
    const bound = plan + 1 + allowance;
    console.log(
      `[shared rate limits] ${allowed} of ${[...statuses.values()].reduce((a, b) => a + b, 0)} calls served in ${elapsedSec.toFixed(2)} s ` +
        `(instance A ${served[0]}, B ${served[1]}); the plan allows ${plan}, +1 for rounding, +${allowance} for ${outages} slow moments ` +
        `the instances logged; two unshared limiters would allow ${2 * plan}`,
    );
    expect([...statuses.keys()].sort()).toEqual([200, 429]);
    expect(badHeaders).toBe(0);
    expect(allowed).toBeGreaterThanOrEqual(LIMIT);
    expect(allowed).toBeLessThanOrEqual(bound);
    // Both instances served part of it: one bucket, two doors.
    expect(Math.min(...served)).toBeGreaterThan(0);
    // The refusals were not charged: the team paid for the served calls only.
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - BigInt(allowed) * PRICE);
  }, 60_000);
});
