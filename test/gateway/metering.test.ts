// Exact metering under concurrency, usage events for every outcome, and cache invalidation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { KEY_CACHE_TTL_MS } from "@/lib/gateway/key-cache";
import { announceInvalidation, invalidate, subscriptionKey } from "@/lib/cache/invalidate";
import { listenForInvalidations } from "@/lib/cache/listen-for-invalidations";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { ledgerInvariant } from "../support/ledger";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

describe("the debit under concurrency", () => {
  it("lets exactly N of 10xN concurrent calls through when the credit covers N", async () => {
    const N = 8;
    const PRICE = 3_000n;
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: PRICE * BigInt(N), price: PRICE });
    const responses = await Promise.all(Array.from({ length: 10 * N }, () => callGateway(slug, "/echo", { key })));
    const statuses = responses.map((response) => response.status);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    expect(statuses.filter((status) => status === 200)).toHaveLength(N);
    expect(statuses.filter((status) => status === 402)).toHaveLength(9 * N);
    const { balance, ledgerSum } = await ledgerInvariant(team.id);
    expect(balance).toBe(0n);
    expect(ledgerSum).toBe(0n);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE" } })).toBe(N);
  });

  it("never lets a capped key spend past its cap under concurrency", async () => {
    const { slug, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n });
    const { createRawKey } = await import("../support/gateway-factories");
    const { key, keyRow } = await createRawKey(team.id, { spendCap: 5_000n });
    const responses = await Promise.all(Array.from({ length: 30 }, () => callGateway(slug, "/echo", { key })));
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(5);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyRow.id } })).spent).toBe(5_000n);
    expect((await ledgerInvariant(team.id)).balance).toBe(995_000n);
  });
});

describe("spend caps across a rotation", () => {
  it("lets the old and the new key share one cap during the grace period", async () => {
    const { slug, team, owner } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n });
    const { createRawKey } = await import("../support/gateway-factories");
    const { rotateApiKey } = await import("@/lib/keys/rotate-api-key");
    const old = await createRawKey(team.id, { spendCap: 5_000n });
    for (let i = 0; i < 2; i++) expect((await callGateway(slug, "/echo", { key: old.key })).status).toBe(200);
    const rotated = await rotateApiKey(team.id, old.keyRow.id, { graceSeconds: 3600 }, { type: "USER", userId: owner.id });
    const keys = [old.key, rotated.key];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await callGateway(slug, "/echo", { key: keys[i % 2] })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 402)).toHaveLength(5);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: rotated.apiKey.id } })).spent).toBe(5_000n);
    expect((await ledgerInvariant(team.id)).balance).toBe(995_000n);
  });
});

describe("usage events", () => {
  it("records every call, refused or forwarded, with its outcome, charge and sizes", async () => {
    const { slug, key, team, api } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 2_000n, price: 2_000n });
    const ok = await callGateway(slug, "/echo?secret=not-logged", { key, method: "POST", body: "12345" });
    await ok.arrayBuffer();
    const refused = await callGateway(slug, "/echo", { key });
    const failed = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, price: 2_000n });
    await (await callGateway(failed.slug, "/status/502", { key: failed.key })).arrayBuffer();
    await flushUsage();

    const events = await db.usageEvent.findMany({
      where: { teamId: team.id },
      orderBy: { createdAt: "asc" } /* a batch goes in by request id, not arrival */,
    });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      requestId: ok.headers.get("x-request-id"),
      apiId: api.id,
      method: "POST",
      path: "/echo",
      status: 200,
      errorCode: null,
      charged: 2_000n,
      refunded: 0n,
      bytesIn: 5n,
    });
    expect(Number(events[0]!.bytesOut)).toBeGreaterThan(50);
    expect(events[1]).toMatchObject({
      requestId: refused.headers.get("x-request-id"),
      status: 402,
      errorCode: "insufficient_credit",
      charged: 0n,
    });

    const refundedEvent = await db.usageEvent.findFirstOrThrow({ where: { teamId: failed.team.id } });
    expect(refundedEvent).toMatchObject({ status: 502, charged: 2_000n, refunded: 2_000n });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: failed.keyRow.id } })).lastUsedAt).not.toBeNull();
  });

  it("records calls with no valid key without a team", async () => {
    const { slug } = await createGatewayFixture({ upstreamUrl: upstream.url });
    const response = await callGateway(slug, "/echo", { key: "tg_live_bogus" });
    await flushUsage();
    const event = await db.usageEvent.findUniqueOrThrow({ where: { requestId: response.headers.get("x-request-id")! } });
    expect(event).toMatchObject({ teamId: null, apiKeyId: null, status: 401, errorCode: "invalid_api_key" });
  });
});

describe("caches", () => {
  it("refuses a revoked key at once on this instance after invalidate(api-key)", async () => {
    const { slug, key, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 100_000n });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    await db.apiKey.update({ where: { id: keyRow.id }, data: { revokedAt: new Date() } });
    invalidate("api-key", keyRow.hash);
    expect((await callGateway(slug, "/echo", { key })).status).toBe(401);
  });

  it("refuses a key revoked elsewhere within the cache lifetime", async () => {
    const { slug, key, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 100_000n });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    // Another instance revokes: this one is not told, and serves from its cache until the entry expires.
    await db.apiKey.update({ where: { id: keyRow.id }, data: { revokedAt: new Date() } });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_TTL_MS + 100));
    expect((await callGateway(slug, "/echo", { key })).status).toBe(401);
  }, 15_000);

  it("drops a key revoked by another instance as soon as its LISTEN/NOTIFY message arrives", async () => {
    await listenForInvalidations();
    const { slug, key, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 100_000n });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    await db.apiKey.update({ where: { id: keyRow.id }, data: { revokedAt: new Date() } });
    // What invalidate() on the other instance sends; this instance's cache is not touched directly.
    announceInvalidation("api-key", keyRow.hash);
    const started = Date.now();
    await expect.poll(async () => (await callGateway(slug, "/echo", { key })).status, { interval: 20 }).toBe(401);
    expect(Date.now() - started).toBeLessThan(KEY_CACHE_TTL_MS - 2_000);
  });

  it("sees a cancelled subscription at once after invalidate(subscription)", async () => {
    const { slug, key, team, api } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 100_000n });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    await db.subscription.update({ where: { teamId_apiId: { teamId: team.id, apiId: api.id } }, data: { status: "CANCELLED" } });
    invalidate("subscription", subscriptionKey(team.id, api.id));
    expect((await callGateway(slug, "/echo", { key })).status).toBe(403);
  });
});
