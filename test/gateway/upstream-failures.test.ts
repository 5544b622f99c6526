// A call whose upstream fails is not charged: charged at admission, refunded with a USAGE_REFUND
// ledger row traceable to the request id; the balance ends where it started.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closedPortUrl, startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { startGatewayServer, type GatewayServer } from "../support/gateway-server";
import { expectLedgerInvariant, ledgerInvariant } from "../support/ledger";
import { usageEventOf } from "../support/usage-event";

let upstream: Upstream;
let server: GatewayServer;
beforeAll(async () => {
  upstream = await startUpstream();
  server = await startGatewayServer();
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

const START = 1_000_000n;
const PRICE = 5_000n;

const funded = (extra: Partial<Parameters<typeof createGatewayFixture>[0]> = {}) =>
  createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE, ...extra });

async function expectRefunded(teamId: string, response: Response) {
  const requestId = response.headers.get("x-request-id")!;
  const entries = await db.creditLedgerEntry.findMany({ where: { teamId, requestId }, orderBy: { createdAt: "asc" } });
  expect(entries.map((entry) => [entry.kind, entry.amount])).toEqual([
    ["USAGE", -PRICE],
    ["USAGE_REFUND", PRICE],
  ]);
  expect(entries[1]!.externalRef).toBe(`refund:${requestId}`);
  const { balance, ledgerSum } = await ledgerInvariant(teamId);
  expect(balance).toBe(START);
  expect(ledgerSum).toBe(balance);
}

describe("upstream failures", () => {
  it("answers 502 upstream_unavailable when the upstream refuses the connection, and refunds", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: await closedPortUrl(), balance: START, price: PRICE });
    const response = await callGateway(slug, "/echo", { key });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "upstream_unavailable", status: 502 });
    await expectRefunded(team.id, response);
  });

  it("answers 504 upstream_timeout when the upstream is too slow, and refunds", async () => {
    const { slug, key, team } = await createGatewayFixture({
      upstreamUrl: upstream.url,
      balance: START,
      price: PRICE,
      upstreamTimeoutMs: 300,
    });
    const started = Date.now();
    const response = await callGateway(slug, "/slow?ms=3000", { key });
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(await response.json()).toMatchObject({ code: "upstream_timeout", status: 504 });
    await expectRefunded(team.id, response);
  });

  it("passes an upstream 500 through with X-Credit-Charged 0 and refunds", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const response = await callGateway(slug, "/status/500", { key });
    expect(response.status).toBe(500);
    expect(response.headers.get("x-credit-charged")).toBe("0.000000");
    expect(response.headers.get("x-credit-balance")).toBe("1.000000");
    await response.arrayBuffer();
    await expectRefunded(team.id, response);
  });

  it("charges an upstream 4xx: the call was answered", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const response = await callGateway(slug, "/status/404", { key });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-credit-charged")).toBe("0.005000");
    expect((await ledgerInvariant(team.id)).balance).toBe(START - PRICE);
  });

  it("keeps the charge for an upstream 500 when the plan says ALWAYS_CHARGE, but never for a connect failure", async () => {
    const always = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE, chargePolicy: "ALWAYS_CHARGE" });
    expect((await callGateway(always.slug, "/status/503", { key: always.key })).status).toBe(503);
    expect((await ledgerInvariant(always.team.id)).balance).toBe(START - PRICE);

    const down = await createGatewayFixture({
      upstreamUrl: await closedPortUrl(),
      balance: START,
      price: PRICE,
      chargePolicy: "ALWAYS_CHARGE",
    });
    const response = await callGateway(down.slug, "/echo", { key: down.key });
    expect(response.status).toBe(502);
    await expectRefunded(down.team.id, response);
  });
});

describe("an upstream that breaks off before the head is relayed (a declared length up to 64 KiB)", () => {
  it.each([
    ["resets mid-body", "/broken?length=1000&sent=100&then=reset", 502, "upstream_unavailable"],
    ["goes silent mid-body", "/broken?length=1000&sent=100&then=stall", 504, "upstream_timeout"],
    ["resets mid-body after a 500 head", "/broken?length=1000&sent=100&then=reset&status=500", 502, "upstream_unavailable"],
  ])("answers a problem when it %s, refunded and recorded", async (_label, path, status, code) => {
    const { slug, key, team } = await funded({ upstreamTimeoutMs: 400 });
    const response = await callGateway(slug, path, { key });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code, status });
    await expectRefunded(team.id, response);
    const event = await usageEventOf(response.headers.get("x-request-id")!);
    expect(event).toMatchObject({ status, errorCode: code, charged: PRICE, refunded: PRICE });
  });

  it("refunds it under ALWAYS_CHARGE too: no answer reached the caller", async () => {
    const { slug, key, team } = await funded({ chargePolicy: "ALWAYS_CHARGE" });
    const response = await callGateway(slug, "/broken?length=1000&sent=100&then=reset&status=503", { key });
    expect(response.status).toBe(502);
    await expectRefunded(team.id, response);
  });
});

describe("an upstream that breaks off after the head went out", () => {
  it.each([
    ["resets a chunked body", "/chunks?count=3&intervalMs=20&then=reset"],
    ["goes silent in a chunked body", "/chunks?count=3&intervalMs=20&then=stall"],
    ["resets a body declared over 64 KiB", "/broken?length=200000&sent=70000&then=reset"],
  ])("errors the caller's body when it %s, refunds and records response_interrupted", async (_label, path) => {
    const { slug, key, team } = await funded({ upstreamTimeoutMs: 400 });
    const response = await callGateway(slug, path, { key });
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
    const requestId = response.headers.get("x-request-id")!;
    const event = await usageEventOf(requestId);
    expect(event).toMatchObject({ status: 200, errorCode: "response_interrupted", charged: PRICE, refunded: PRICE });
    expect(Number(event.bytesOut)).toBeGreaterThan(0);
    await expectRefunded(team.id, response);
  });

  it("keeps the charge under ALWAYS_CHARGE (part of an answer came), still recorded as response_interrupted", async () => {
    const { slug, key, team } = await funded({ chargePolicy: "ALWAYS_CHARGE" });
    const response = await callGateway(slug, "/chunks?count=2&intervalMs=20&then=reset", { key });
    await expect(response.text()).rejects.toThrow();
    const event = await usageEventOf(response.headers.get("x-request-id")!);
    expect(event).toMatchObject({ errorCode: "response_interrupted", charged: PRICE, refunded: 0n });
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("records a caller who stops reading as client_closed_request, charged (the upstream was answering)", async () => {
    const { slug, key, team } = await funded();
    const response = await callGateway(slug, "/chunks?count=50&intervalMs=20", { key });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const event = await usageEventOf(response.headers.get("x-request-id")!);
    expect(event).toMatchObject({ status: 200, errorCode: "client_closed_request", refunded: 0n });
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("over node:http, ends the caller's connection abruptly: the chunked body never ends cleanly", async () => {
    const { slug, key, team } = await funded();
    const seen = await new Promise<{ status: number; body: string; complete: boolean; requestId: string }>((resolve, reject) => {
      const request = http.get(`${server.url}/api/gateway/${slug}/chunks?count=3&intervalMs=20&then=reset`, {
        headers: { authorization: `Bearer ${key}` },
      });
      request.on("error", reject);
      request.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        res.on("error", (error) => void error); // "aborted": what this test expects
        res.on("close", () =>
          resolve({ status: res.statusCode!, body, complete: res.complete, requestId: String(res.headers["x-request-id"]) }),
        );
      });
    });
    expect(seen.status).toBe(200);
    expect(seen.body).toContain("chunk 0");
    expect(seen.complete).toBe(false);
    const event = await usageEventOf(seen.requestId);
    expect(event).toMatchObject({ errorCode: "response_interrupted", refunded: PRICE });
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });

  it("over node:http, a declared length that is not met is a 502 problem, not a 500", async () => {
    const { slug, key, team } = await funded();
    const response = await fetch(`${server.url}/api/gateway/${slug}/broken?length=1000&sent=100&then=reset`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "upstream_unavailable" });
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });
});
