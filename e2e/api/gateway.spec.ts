// The gateway over real HTTP through `next start`: two app instances on one database, a real
// upstream in this process, provisioning through the management API.
import http from "node:http";
import { test, expect } from "@playwright/test";
import { startUpstream, type Upstream } from "../../test/support/upstream-server";
import { adminToken, provisionMeteredApi, revokeKey, secondBaseUrl, teamBalance } from "../fixtures";

let upstream: Upstream;
test.beforeAll(async () => void (upstream = await startUpstream()));
test.afterAll(() => upstream.close());

const call = (base: string, slug: string, path: string, key: string, init: RequestInit = {}) =>
  fetch(`${base}/api/gateway/${slug}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });

test("credit for N calls lets exactly N of 10xN concurrent calls through across two instances", async ({ request, baseURL }) => {
  const N = 10;
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.01", credit: "0.10" });
  const bases = [baseURL!, secondBaseUrl()];
  const responses = await Promise.all(
    Array.from({ length: 10 * N }, async (_, i) => {
      const response = await call(bases[i % 2]!, api.slug, "/echo", api.key);
      await response.arrayBuffer();
      return { status: response.status, instance: i % 2 };
    }),
  );
  expect(responses.filter((r) => r.status === 200)).toHaveLength(N);
  expect(responses.filter((r) => r.status === 402)).toHaveLength(9 * N);
  expect(new Set(responses.filter((r) => r.status === 402).map((r) => r.instance))).toEqual(new Set([0, 1]));
  expect(await teamBalance(request, api.teamSlug)).toMatch(/^0(\.0+)?$/);

  // Ledger invariant as the management API reports it: credits - charges + refunds == balance.
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/v1/teams/${api.teamSlug}/usage`, { headers: { authorization: `Bearer ${adminToken()}` } })).json())
          .totals,
    )
    .toMatchObject({ requests: 10 * N, charged: expect.stringMatching(/^0\.10?0*$/), refunded: expect.stringMatching(/^0(\.0+)?$/) });
});

test("relays compressed upstream bodies readable by a client that accepts gzip", async ({ request, baseURL }) => {
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.001", credit: "1" });
  for (const path of ["/echo?x=1", "/compressed?encoding=gzip&repeat=5000"]) {
    const response = await call(baseURL!, api.slug, path, api.key, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toEqual(expect.any(Object));
  }
});

test("answers oversized headers with a readable problem, uncharged", async ({ request, baseURL }) => {
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.001", credit: "1" });
  const response = await call(baseURL!, api.slug, "/echo", api.key, { headers: { "x-padding": "p".repeat(20_000) } });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ code: "bad_request", status: 400 });
  expect(await teamBalance(request, api.teamSlug)).toMatch(/^1(\.0+)?$/);
});

test("every problem type URL opens a page that explains the error", async ({ request, baseURL }) => {
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.002", credit: "0" });
  const refusals = [await call(baseURL!, api.slug, "/echo", "tg_live_not-a-key"), await call(baseURL!, api.slug, "/echo", api.key)];
  for (const refusal of refusals) {
    const body = await refusal.json();
    const page = await request.get(body.type);
    expect(page.status(), body.type).toBe(200);
    const html = await page.text();
    expect(html).toContain(body.title);
    expect(html).toContain("How to fix it");
  }
});

test("answers 402 with the top-up link and the contract's body", async ({ request, baseURL }) => {
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.002", credit: "0" });
  const response = await call(baseURL!, api.slug, "/echo", api.key);
  expect(response.status).toBe(402);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ code: "insufficient_credit", status: 402, balance: "0.000000", price: "0.002000", currency: "USD" });
  expect(body.topUpUrl).toMatch(new RegExp(`/${api.teamSlug}/billing$`));
  expect(response.headers.get("link")).toBe(`<${body.topUpUrl}>; rel="payment"`);
});

test("streams server-sent events chunk by chunk through the production server", async ({ request, baseURL }) => {
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.001", credit: "1" });
  const started = Date.now();
  const response = await call(baseURL!, api.slug, "/sse?events=4&intervalMs=400", api.key, { headers: { "accept-encoding": "gzip, br" } });
  const reader = response.body!.getReader();
  const first = await reader.read();
  const firstAt = Date.now() - started;
  expect(new TextDecoder().decode(first.value)).toContain('data: {"i":0}');
  while (!(await reader.read()).done);
  expect(Date.now() - started - firstAt).toBeGreaterThan(900);
});

test("a caller hanging up cancels the upstream request", async ({ request, baseURL }) => {
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.001", credit: "1" });
  const before = upstream.requests.length;
  const url = new URL(`${baseURL}/api/gateway/${api.slug}/hang`);
  const client = http.get(url, { headers: { authorization: `Bearer ${api.key}` } });
  client.on("error", () => undefined);
  await upstream.waitForRequests(before + 1);
  client.destroy();
  await expect.poll(() => upstream.requests.slice(before).some((r) => r.url.endsWith("/hang") && r.aborted)).toBe(true);
});

test("a revoked key stops at once on the instance that revoked it and within 5 s on the other", async ({ request, baseURL }) => {
  const api = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.001", credit: "1" });
  for (const base of [baseURL!, secondBaseUrl()]) expect((await call(base, api.slug, "/echo", api.key)).status).toBe(200);
  await revokeKey(request, api.teamSlug, api.keyId);
  const revokedAt = Date.now();
  expect((await call(baseURL!, api.slug, "/echo", api.key)).status).toBe(401);
  await expect
    .poll(async () => (await call(secondBaseUrl(), api.slug, "/echo", api.key)).status, { timeout: 8_000, intervals: [250] })
    .toBe(401);
  expect(Date.now() - revokedAt).toBeLessThan(5_500);
});
