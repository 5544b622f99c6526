// Issue 15, point 11: money leaves the gateway (REST and AI) in the management API's format, six
// decimals, in the 402 body and in the X-Credit-* headers, so a caller parses one format everywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toMoneyString } from "@/lib/billing/money-schemas";
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { createAiFixture } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";

const SIX_DECIMALS = /^-?\d+\.\d{6}$/;

let upstream: Upstream;
let fake: FakeAiProvider;
beforeAll(async () => {
  [upstream, fake] = await Promise.all([startUpstream(), startFakeAiProvider()]);
});
afterAll(async () => {
  await Promise.all([upstream.close(), fake.close()]);
});

describe("the REST gateway", () => {
  it("states X-Credit-Charged and X-Credit-Balance with six decimals", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 2_500_000n, price: 2_000n });
    const response = await callGateway(slug, "/echo", { key });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-credit-charged")).toBe("0.002000");
    expect(response.headers.get("x-credit-balance")).toBe("2.498000");
    expect(response.headers.get("x-credit-balance")).toBe(toMoneyString(2_498_000n));
    await response.arrayBuffer();
    expect(await expectLedgerInvariant(team.id)).toBe(2_498_000n);
  });

  it("states the 402's balance and price with six decimals, and the detail says the same amounts", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000n, price: 1_500_000n });
    const response = await callGateway(slug, "/echo", { key });
    expect(response.status).toBe(402);
    const body = await response.json();
    expect(body).toMatchObject({ code: "insufficient_credit", balance: "0.001000", price: "1.500000", currency: "USD" });
    expect(body.detail).toContain("0.001000 USD");
    expect(body.detail).toContain("1.500000 USD");
    expect(await expectLedgerInvariant(team.id)).toBe(1_000n);
  });
});

describe("the AI gateway", () => {
  const chat = (model: string) => ({ model, messages: [{ role: "user", content: "How much is left on my card?" }] });
  const post = (key: string, body: unknown) =>
    handleAiRequest(
      new Request("http://localhost:3000/api/ai/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );

  it("states X-Credit-* with six decimals", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, fee: 100n });
    const response = await post(fixture.key, chat(fixture.model.publicId));
    expect(response.status).toBe(200);
    await response.json();
    expect(response.headers.get("x-credit-charged")).toMatch(SIX_DECIMALS);
    expect(response.headers.get("x-credit-balance")).toMatch(SIX_DECIMALS);
    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(response.headers.get("x-credit-balance")).toBe(toMoneyString(balance));
  });

  it("states the 402's balance and price with six decimals", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: 1_000n });
    const response = await post(fixture.key, chat(fixture.model.publicId));
    expect(response.status).toBe(402);
    const body = await response.json();
    expect(body.balance).toBe("0.001000");
    expect(body.price).toMatch(SIX_DECIMALS);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(1_000n);
  });
});
