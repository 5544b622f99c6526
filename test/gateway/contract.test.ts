// Every row of the gateway contract (docs/architecture.md and the README), in order, against a real upstream and a real
// database: status, problem+json body fields and headers; and nothing is charged for a refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture, createRawKey } from "../support/gateway-factories";
import { ledgerInvariant } from "../support/ledger";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status, code, type: `http://localhost:3000/docs/errors/${code}` });
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail.length).toBeGreaterThan(20);
  expect(body.requestId).toMatch(/^req_[0-9a-f]{32}$/);
  expect(response.headers.get("x-request-id")).toBe(body.requestId);
  return body;
}

const funded = (extra: Partial<Parameters<typeof createGatewayFixture>[0]> = {}) =>
  createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 2_000n, ...extra });

describe("401 invalid_api_key", () => {
  it.each([
    ["no key", null],
    ["a malformed key", "not-a-key"],
    ["a key with a bad checksum", "tg_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("refuses %s with WWW-Authenticate", async (_label, key) => {
    const { slug } = await funded();
    const response = await callGateway(slug, "/echo", { key });
    await expectProblem(response, 401, "invalid_api_key");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("refuses an unknown, a revoked and an expired key, and never echoes the key", async () => {
    const { slug, team } = await funded();
    const unknown = "tg_test_" + (await createRawKey(team.id)).key.slice(8).split("").reverse().join("");
    const revoked = (await createRawKey(team.id, { revokedAt: new Date() })).key;
    const expired = (await createRawKey(team.id, { expiresAt: new Date(Date.now() - 1000) })).key;
    for (const key of [revoked, expired]) {
      const response = await callGateway(slug, "/echo", { key });
      const body = await expectProblem(response, 401, "invalid_api_key");
      expect(JSON.stringify(body)).not.toContain(key);
    }
    expect((await callGateway(slug, "/echo", { key: unknown })).status).toBe(401);
    expect(upstream.requests.some((request) => request.url.includes(slug))).toBe(false);
  });

  it("accepts the key in X-API-Key", async () => {
    const { slug, key } = await funded();
    expect((await callGateway(slug, "/echo", { headers: { "x-api-key": key } })).status).toBe(200);
  });
});

describe("404 api_not_found and 410 api_retired", () => {
  it("answers 404 for an unknown slug, a draft and a private API the team is not subscribed to", async () => {
    const { key } = await funded();
    await expectProblem(await callGateway("no-such-api", "/echo", { key }), 404, "api_not_found");
    const draft = await funded({ apiStatus: "DRAFT" });
    await expectProblem(await callGateway(draft.slug, "/echo", { key: draft.key }), 404, "api_not_found");
    const hidden = await funded({ visibility: "PRIVATE", subscription: null });
    await expectProblem(await callGateway(hidden.slug, "/echo", { key: hidden.key }), 404, "api_not_found");
  });

  it("answers 410 for a retired API", async () => {
    const { slug, key } = await funded({ apiStatus: "RETIRED" });
    await expectProblem(await callGateway(slug, "/echo", { key }), 410, "api_retired");
  });
});

describe("403 forbidden and subscription_required", () => {
  it("refuses a key not scoped to the API", async () => {
    const { slug, team } = await funded();
    const { key } = await createRawKey(team.id, { scopeAllApis: false, scopeApiIds: ["some-other-api"] });
    await expectProblem(await callGateway(slug, "/echo", { key }), 403, "forbidden");
  });

  it.each([null, "PENDING", "CANCELLED", "REJECTED"] as const)("refuses a team whose subscription is %s", async (status) => {
    const { slug, key } = await funded({ subscription: status });
    await expectProblem(await callGateway(slug, "/echo", { key }), 403, "subscription_required");
  });
});

describe("413 payload_too_large and 400 bad_request", () => {
  it("refuses a declared body over the plan's limit before reaching the upstream or charging", async () => {
    const { slug, key, team } = await funded({ maxRequestBytes: 1024 });
    const response = await callGateway(slug, "/echo", { key, method: "POST", body: "x".repeat(2048) });
    const body = await expectProblem(response, 413, "payload_too_large");
    expect(body.maxRequestBytes).toBe(1024);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).balance).toBe(1_000_000n);
  });

  it("refuses a streamed body once it passes the limit, and refunds", async () => {
    const { slug, key, team } = await funded({ maxRequestBytes: 100_000 });
    const chunks = Array.from({ length: 10 }, () => new Uint8Array(20_000).fill(120));
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
    const response = await callGateway(slug, "/echo", { key, method: "POST", body: stream });
    await expectProblem(response, 413, "payload_too_large");
    const { balance, ledgerSum } = await ledgerInvariant(team.id);
    expect(balance).toBe(1_000_000n);
    expect(ledgerSum).toBe(balance);
  });

  it.each([
    ["an encoded slash", "/echo/a%2Fb"],
    ["an encoded backslash", "/echo/a%5Cb"],
    ["an encoded dot segment", "/echo/%2e%2e%2Fsecret"],
    ["an absolute URL", "/http://evil.example/x"],
    ["a protocol-relative path", "//evil.example/x"],
  ])("refuses a path with %s", async (_label, path) => {
    const { slug, key } = await funded();
    await expectProblem(await callGateway(slug, path, { key }), 400, "bad_request");
  });

  it("refuses a key in the query string instead of forwarding it", async () => {
    const { slug, key } = await funded();
    const body = await expectProblem(await callGateway(slug, `/echo?api_key=${key}`, { key }), 400, "bad_request");
    expect(JSON.stringify(body)).not.toContain(key);
  });

  // However it is spelled, with or without a key in the headers (then before the 401), uncharged and never forwarded.
  const encodings: [string, (key: string) => string][] = [
    ["as a value", (key) => `api_key=${key}`],
    ["as a parameter name", (key) => `${key}=1`],
    ["with an encoded underscore", (key) => `k=${key.replaceAll("_", "%5F")}`],
    ["with mixed-case percent-encoding", (key) => `k=${key.replace("tg_live_", "%74g%5flive%5F").replace("tg_test_", "%74G%5ftest%5F")}`],
    ["every character encoded", (key) => `k=${[...key].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("")}`],
    ["encoded twice", (key) => `k=${key.replaceAll("_", "%255F")}`],
    ["after a plus", (key) => `q=Bearer+${key}&x=1`],
    ["in upper case", (key) => `k=${key.slice(0, 8).toUpperCase()}${key.slice(8)}`],
    ["in a later parameter", (key) => `a=1;b=2&c=${encodeURIComponent(key)}`],
  ];
  it.each(encodings)("refuses a key in the query string %s, with or without a key header", async (_label, spell) => {
    const { slug, key, team } = await funded();
    const before = upstream.requests.length;
    for (const headerKey of [key, null, "not-a-key"]) {
      const response = await callGateway(slug, `/echo?${spell(key)}`, { key: headerKey });
      const body = await expectProblem(response, 400, "bad_request");
      expect(JSON.stringify(body)).not.toContain(key.slice(8));
    }
    expect(upstream.requests.length).toBe(before);
    expect((await ledgerInvariant(team.id)).balance).toBe(1_000_000n);
  });

  it("refuses request headers over 8 KiB", async () => {
    const { slug, key } = await funded();
    await expectProblem(await callGateway(slug, "/echo", { key, headers: { "x-big": "y".repeat(9000) } }), 400, "bad_request");
  });
});

describe("429 rate_limited", () => {
  it("allows the plan's limit, then refuses with Retry-After and RateLimit headers, uncharged", async () => {
    const { slug, key, team } = await funded({ rateLimit: 3, rateLimitWindowSec: 60 });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await callGateway(slug, "/echo", { key });
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("3");
      remaining.push(response.headers.get("ratelimit-remaining")!);
      await response.arrayBuffer();
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = await callGateway(slug, "/echo", { key });
    const body = await expectProblem(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(body.retryAfter).toBe(Number(refused.headers.get("retry-after")));
    expect((await ledgerInvariant(team.id)).balance).toBe(1_000_000n - 3n * 2_000n);
  });
});

describe("402 insufficient_credit and key_spend_cap_reached", () => {
  it("answers 402 with balance, price, currency, topUpUrl and a payment Link, without Retry-After", async () => {
    const { slug, key, team } = await funded({ balance: 1_000n, price: 2_000n });
    const response = await callGateway(slug, "/echo", { key });
    const body = await expectProblem(response, 402, "insufficient_credit");
    const topUpUrl = `http://localhost:3000/${team.slug}/billing`;
    expect(body).toMatchObject({ balance: "0.001000", price: "0.002000", currency: "USD", topUpUrl });
    expect(response.headers.get("link")).toBe(`<${topUpUrl}>; rel="payment"`);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(upstream.requests.some((request) => request.url.includes(slug))).toBe(false);
  });

  it("stops a key at its spend cap while the team still has credit", async () => {
    const { slug, team } = await funded({ price: 2_000n });
    const { key, keyRow } = await createRawKey(team.id, { spendCap: 5_000n });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    const body = await expectProblem(await callGateway(slug, "/echo", { key }), 402, "key_spend_cap_reached");
    expect(body.topUpUrl).toContain(team.slug);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyRow.id } })).spent).toBe(4_000n);
    const { balance, ledgerSum } = await ledgerInvariant(team.id);
    expect(balance).toBe(1_000_000n - 4_000n);
    expect(ledgerSum).toBe(balance);
  });

  it("blocks even free calls while the balance is negative", async () => {
    const { slug, key, team } = await funded({ price: 0n, balance: 0n });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
    await db.team.update({ where: { id: team.id }, data: { balance: -500n } });
    const body = await expectProblem(await callGateway(slug, "/echo", { key }), 402, "insufficient_credit");
    expect(body.balance).toBe("-0.000500");
  });
});

describe("success", () => {
  it("forwards and answers with X-Request-Id, X-Credit-Charged and X-Credit-Balance, one ledger row per call", async () => {
    const { slug, key, team } = await funded();
    const response = await callGateway(slug, "/echo/items?q=1", { key });
    expect(response.status).toBe(200);
    const echoed = await response.json();
    expect(echoed.url).toBe("/echo/items?q=1");
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^req_/);
    expect(response.headers.get("x-credit-charged")).toBe("0.002000");
    expect(response.headers.get("x-credit-balance")).toBe("0.998000");
    const entry = await db.creditLedgerEntry.findFirstOrThrow({ where: { teamId: team.id, kind: "USAGE" } });
    expect(entry).toMatchObject({ amount: -2_000n, balanceAfter: 998_000n, requestId });
  });

  it("marks calls to a deprecated API with Deprecation and Sunset headers", async () => {
    const { slug, key, api } = await funded({ apiStatus: "DEPRECATED" });
    const sunset = new Date("2027-06-30T00:00:00Z");
    await db.api.update({ where: { id: api.id }, data: { sunsetAt: sunset } });
    const { invalidate } = await import("@/lib/cache/invalidate");
    invalidate("api", slug);
    const response = await callGateway(slug, "/echo", { key });
    expect(response.status).toBe(200);
    expect(response.headers.get("deprecation")).toMatch(/^@\d+$/);
    expect(response.headers.get("sunset")).toBe(sunset.toUTCString());
  });
});
