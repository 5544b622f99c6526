// A call whose upstream fails is not charged: charged at admission, refunded with a USAGE_REFUND
// ledger row traceable to the request id; the balance ends where it started.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { closedPortUrl, startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { ledgerInvariant } from "../support/ledger";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const START = 1_000_000n;
const PRICE = 5_000n;

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
    expect(response.headers.get("x-credit-charged")).toBe("0.0000");
    expect(response.headers.get("x-credit-balance")).toBe("1.0000");
    await response.arrayBuffer();
    await expectRefunded(team.id, response);
  });

  it("charges an upstream 4xx: the call was answered", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const response = await callGateway(slug, "/status/404", { key });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-credit-charged")).toBe("0.0050");
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
