// The try-it console's core against a real upstream: the call goes through the real gateway with a
// key the member picked, so it is charged and recorded like any call; other teams' keys, revoked
// keys and non-members are refused before anything is sent; gateway refusals pass through as they are.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { runTryIt } from "@/lib/try-it/run-try-it";
import { listTryItKeys } from "@/lib/try-it/list-try-it-keys";
import { TRY_IT_MAX_RESPONSE_BYTES } from "@/lib/try-it/try-it-schema";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { createGatewayFixture, createRawKey } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { createUser } from "../factories";

let upstream: Upstream;
beforeAll(async () => {
  // The test upstream listens on 127.0.0.1, which the gateway refuses unless private upstreams are allowed.
  process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("runTryIt", () => {
  it("charges the call to the team, records it under the chosen key and forwards what was typed", async () => {
    const { owner, team, slug, keyRow, api } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, price: 2_500n });
    const result = await runTryIt(owner.id, {
      team: team.slug,
      keyId: keyRow.id,
      api: slug,
      method: "POST",
      path: "/echo/items",
      query: "?color=blue",
      headers: { "x-custom": "yes", authorization: "Bearer tg_live_smuggled", cookie: "session=1" },
      body: '{"hello":"world"}',
    });

    expect(result).toMatchObject({ status: 200, statusText: "OK", truncated: false, currency: "USD" });
    expect(result.headers).toMatchObject({
      "x-credit-charged": "0.002500",
      "x-credit-balance": "0.007500",
      "content-type": expect.stringContaining("application/json"),
    });
    expect(result.headers["x-request-id"]).toMatch(/^req_/);
    expect(result.headers["ratelimit-limit"]).toBeDefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(result.body)).toMatchObject({ method: "POST", url: "/echo/items?color=blue", body: '{"hello":"world"}' });

    const received = upstream.requests.find((request) => request.headers["x-request-id"] === result.headers["x-request-id"])!;
    expect(received.headers["x-custom"]).toBe("yes");
    expect(received.headers["content-type"]).toBe("application/json");
    expect(received.headers).not.toHaveProperty("authorization");
    expect(received.headers).not.toHaveProperty("cookie");

    expect(await expectLedgerInvariant(team.id)).toBe(7_500n);
    await flushUsage();
    const event = await db.usageEvent.findFirstOrThrow({ where: { requestId: result.headers["x-request-id"] } });
    expect(event).toMatchObject({
      teamId: team.id,
      apiKeyId: keyRow.id,
      apiId: api.id,
      status: 200,
      charged: 2_500n,
      method: "POST",
      path: "/echo/items",
    });
  });

  it("passes a 402 through with its problem detail and top-up link, charging nothing", async () => {
    const { owner, team, slug, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000n, price: 2_000n });
    const result = await runTryIt(owner.id, { team: team.slug, keyId: keyRow.id, api: slug, method: "GET", path: "/echo" });
    expect(result.status).toBe(402);
    expect(result.headers["content-type"]).toBe("application/problem+json");
    expect(result.headers.link).toMatch(new RegExp(`/${team.slug}/billing>; rel="payment"$`));
    expect(JSON.parse(result.body)).toMatchObject({ code: "insufficient_credit", balance: "0.001000", price: "0.002000", currency: "USD" });
    expect(await expectLedgerInvariant(team.id)).toBe(1_000n);
  });

  it("shows the gateway's 403 when the team is not subscribed", async () => {
    const { owner, team, slug, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, subscription: null });
    const result = await runTryIt(owner.id, { team: team.slug, keyId: keyRow.id, api: slug, method: "GET", path: "/echo" });
    expect(result.status).toBe(403);
    expect(JSON.parse(result.body)).toMatchObject({ code: "subscription_required" });
    expect(upstream.requests.some((request) => request.url.includes(slug))).toBe(false);
  });

  it("refuses a key of another team as not found, and sends nothing", async () => {
    const mine = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n });
    const theirs = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n });
    const before = upstream.requests.length;
    const error = await refusal(
      runTryIt(mine.owner.id, { team: mine.team.slug, keyId: theirs.keyRow.id, api: mine.slug, method: "GET", path: "/echo" }),
    );
    expect(error.code).toBe("not_found");
    // Naming the other team instead: the user is no member of it.
    const notMember = await refusal(
      runTryIt(mine.owner.id, { team: theirs.team.slug, keyId: theirs.keyRow.id, api: theirs.slug, method: "GET", path: "/echo" }),
    );
    expect(notMember.code).toBe("not_found");
    expect(upstream.requests.length).toBe(before);
    expect(await expectLedgerInvariant(theirs.team.id)).toBe(10_000n);
  });

  it("refuses a revoked or expired key, and a stranger to the team", async () => {
    const { owner, team, slug } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n });
    const revoked = await createRawKey(team.id, { revokedAt: new Date() });
    const expired = await createRawKey(team.id, { expiresAt: new Date(Date.now() - 1000) });
    for (const { keyRow } of [revoked, expired]) {
      const error = await refusal(runTryIt(owner.id, { team: team.slug, keyId: keyRow.id, api: slug, method: "GET", path: "/echo" }));
      expect(error.code).toBe("validation_failed");
      expect(error.fieldErrors?.keyId).toMatch(/is (revoked|expired)/);
    }
    const stranger = await createUser();
    const key = await createRawKey(team.id);
    expect(
      (await refusal(runTryIt(stranger.id, { team: team.slug, keyId: key.keyRow.id, api: slug, method: "GET", path: "/echo" }))).code,
    ).toBe("not_found");
    expect(await expectLedgerInvariant(team.id)).toBe(10_000n);
  });

  it("refuses paths that leave the API and malformed input", async () => {
    const { owner, team, slug, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n });
    const base = { team: team.slug, keyId: keyRow.id, api: slug, method: "GET" };
    const escape = await refusal(runTryIt(owner.id, { ...base, path: "/../../v1/teams" }));
    expect(escape.fieldErrors).toHaveProperty("path");
    const badHeader = await refusal(runTryIt(owner.id, { ...base, path: "/echo", headers: { "x-bad": "a\r\nb" } }));
    expect(badHeader.code).toBe("validation_failed");
    const badMethod = await refusal(runTryIt(owner.id, { ...base, method: "TRACE", path: "/echo" }));
    expect(badMethod.fieldErrors).toHaveProperty("method");
    expect(await expectLedgerInvariant(team.id)).toBe(10_000n);
  });

  it("cuts a large response body at the console's limit and says so", async () => {
    const { owner, team, slug, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n });
    const result = await runTryIt(owner.id, {
      team: team.slug,
      keyId: keyRow.id,
      api: slug,
      method: "GET",
      path: "/big",
      query: `bytes=${TRY_IT_MAX_RESPONSE_BYTES + 5000}`,
    });
    expect(result.status).toBe(200);
    expect(result.truncated).toBe(true);
    expect(result.body.length).toBe(TRY_IT_MAX_RESPONSE_BYTES);
  });
});

describe("listTryItKeys", () => {
  it("offers each of the user's teams with its usable keys, masked, never the hash", async () => {
    const { owner, team, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url });
    await createRawKey(team.id, { revokedAt: new Date() });
    const teams = await listTryItKeys(owner.id);
    const entry = teams.find((candidate) => candidate.slug === team.slug)!;
    expect(entry.keys).toEqual([{ id: keyRow.id, name: keyRow.name, masked: `${keyRow.prefix}…${keyRow.lastFour}` }]);
    expect(JSON.stringify(teams)).not.toContain(keyRow.hash);
  });
});

describe("an upstream that breaks its answer off", () => {
  it("shows what happened instead of failing, and the call is refunded", async () => {
    const { owner, team, slug, keyRow } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, price: 2_500n });
    const result = await runTryIt(owner.id, {
      team: team.slug,
      keyId: keyRow.id,
      api: slug,
      method: "GET",
      path: "/chunks",
      query: "?count=3&intervalMs=5&then=reset",
      headers: {},
      body: "",
    });
    expect(result.status).toBe(200);
    expect(result.truncated).toBe(true);
    expect(result.body).toContain("broke off its answer");
    // The gateway refunds once its relay has seen the break: wait for that event, not a fixed time.
    const deadline = Date.now() + 5_000;
    while ((await db.callSettlement.count({ where: { teamId: team.id } })) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await flushUsage();
    expect(await expectLedgerInvariant(team.id)).toBe(10_000n);
  });
});
