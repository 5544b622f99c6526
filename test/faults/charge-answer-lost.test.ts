// A charge that commits while its answer is lost (a proxy drops PostgreSQL's replies): the gateway
// cannot know whether the call was charged, so it refuses it with 503 and does not forward it. Once
// the database answers again the call is settled: the charge is found in the ledger and refunded,
// and the call's usage event, held until then, records the charge and the refund.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db";
import { unsettledCalls } from "@/lib/gateway/database-outage";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { withClient } from "../support/database";
import { startAnswerDroppingProxy, type AnswerDroppingProxy } from "./support/answer-dropping-proxy";
import { FAULT_TIMEOUTS, REFUSAL_BOUND_MS } from "./support/fault-suite";
import { waitFor } from "./support/wait-for";

const PRICE = 2_500n;
const directUrl = process.env.DATABASE_URL!;
let proxy: AnswerDroppingProxy;
let upstream: Upstream;

beforeAll(async () => {
  proxy = await startAnswerDroppingProxy(directUrl);
  Object.assign(process.env, { DATABASE_URL: proxy.url, ...FAULT_TIMEOUTS });
  upstream = await startUpstream();
});

afterAll(async () => {
  await pgPool().end();
  await proxy.close();
  await upstream.close();
});

/** Read past the proxy, straight from the database. */
const ledgerOf = (requestId: string) =>
  withClient(directUrl, async (client) => {
    const { rows } = await client.query<{ kind: string; amount: string }>(
      `SELECT kind, amount::text FROM credit_ledger_entries WHERE "requestId" = $1 ORDER BY "createdAt"`,
      [requestId],
    );
    return rows;
  });

/** The call's usage event, once the writer got it in. */
const usageEventOf = (requestId: string) =>
  withClient(directUrl, async (client) => {
    const read = () =>
      client.query(`SELECT status, "errorCode", charged::text, refunded::text FROM usage_events WHERE "requestId" = $1`, [requestId]);
    await waitFor(async () => (await read()).rowCount === 1, { timeoutMs: 15_000, what: "the usage event written" });
    return (await read()).rows[0];
  });

describe("a charge whose answer never arrives", () => {
  it("is refused with 503, not forwarded, and refunded once the database answers again", async () => {
    const { team, slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: PRICE });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200); // key, API and subscription now cached

    proxy.dropAnswers(true);
    const started = performance.now();
    const refused = await callGateway(slug, "/echo", { key });
    const elapsed = performance.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toMatchObject({ code: "service_unavailable" });
    expect(elapsed).toBeLessThan(REFUSAL_BOUND_MS);
    const requestId = refused.headers.get("x-request-id")!;
    expect(upstream.requests).toHaveLength(1); // the first call only
    expect(await ledgerOf(requestId)).toEqual([{ kind: "USAGE", amount: String(-PRICE) }]); // committed all the same

    proxy.dropAnswers(false);
    await waitFor(() => unsettledCalls() === 0, { timeoutMs: 15_000, what: "the refused call settled" });
    expect(await ledgerOf(requestId)).toEqual([
      { kind: "USAGE", amount: String(-PRICE) },
      { kind: "USAGE_REFUND", amount: String(PRICE) },
    ]);
    const event = await usageEventOf(requestId);
    expect(event).toEqual({ status: 503, errorCode: "service_unavailable", charged: String(PRICE), refunded: String(PRICE) });
    await expectLedgerInvariant(team.id);
  }, 40_000);

  it("refunds a charged call whose upstream failed once the refund can be written, and answers 503 meanwhile", async () => {
    const upstreamTimeoutMs = 800;
    const { team, slug, key } = await createGatewayFixture({
      upstreamUrl: upstream.url,
      balance: 1_000_000n,
      price: PRICE,
      upstreamTimeoutMs,
    });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);

    const forwardedBefore = upstream.requests.length;
    const started = performance.now();
    const pending = callGateway(slug, "/hang", { key }); // charged, then the upstream times out: a refund is due
    await upstream.waitForRequests(forwardedBefore + 1);
    proxy.dropAnswers(true); // the refund is written, and its answer lost
    const refused = await pending;
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: "service_unavailable" });
    expect(performance.now() - started).toBeLessThan(upstreamTimeoutMs + REFUSAL_BOUND_MS);
    const requestId = refused.headers.get("x-request-id")!;

    proxy.dropAnswers(false);
    await waitFor(() => unsettledCalls() === 0, { timeoutMs: 15_000, what: "the refused call settled" });
    expect((await ledgerOf(requestId)).map((entry) => entry.kind)).toEqual(["USAGE", "USAGE_REFUND"]); // refunded once
    expect(await usageEventOf(requestId)).toEqual({
      status: 503,
      errorCode: "service_unavailable",
      charged: String(PRICE),
      refunded: String(PRICE),
    });
    await expectLedgerInvariant(team.id);
  }, 40_000);
});
