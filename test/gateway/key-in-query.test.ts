// Issue 15, point 10: a key in the query string is always 400 bad_request, with or without a key in the
// headers (a valid one, none, or a bad one), on every endpoint that takes a key: the gateway, the AI
// gateway and the management API. Nothing is charged, forwarded or done, and the key is never echoed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { KEY_IN_QUERY_DETAIL } from "@/lib/http/key-in-query";
import * as keysRoute from "@/app/api/v1/teams/[team]/keys/route";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { createAiFixture } from "../support/ai-factories";
import { createTeamKey } from "../support/management-factories";
import { createTeamWithOwner } from "../factories";
import { expectLedgerInvariant } from "../support/ledger";

let upstream: Upstream;
let fake: FakeAiProvider;
beforeAll(async () => {
  [upstream, fake] = await Promise.all([startUpstream(), startFakeAiProvider()]);
});
afterAll(async () => {
  await Promise.all([upstream.close(), fake.close()]);
});

/** The header key each call carries: the same valid key, none, and one that is not a key. */
const headerKeys = (key: string) => [key, null, "not-a-key"];

async function expectRefusal(response: Response, key: string) {
  expect(response.status).toBe(400);
  const text = await response.text();
  expect(text).not.toContain(key.slice(8));
  expect(JSON.parse(text)).toMatchObject({ code: "bad_request", detail: KEY_IN_QUERY_DETAIL });
}

describe("a key in the query string", () => {
  it("is 400 at the gateway, before the 401 and the 404, uncharged and never forwarded", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n });
    const before = upstream.requests.length;
    for (const headerKey of headerKeys(key)) {
      await expectRefusal(await callGateway(slug, `/echo?key=${key}`, { key: headerKey }), key);
      await expectRefusal(await callGateway("no-such-api", `/echo?key=${key}`, { key: headerKey }), key);
    }
    expect(upstream.requests.length).toBe(before);
    expect(await expectLedgerInvariant(team.id)).toBe(1_000_000n);
  });

  it("is 400 at the AI gateway, uncharged and never sent to the provider", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const before = fake.requests.length;
    for (const headerKey of headerKeys(fixture.key)) {
      const headers = new Headers({ "content-type": "application/json" });
      if (headerKey) headers.set("authorization", `Bearer ${headerKey}`);
      const response = await handleAiRequest(
        new Request(`http://localhost:3000/api/ai/v1/chat/completions?api_key=${encodeURIComponent(fixture.key)}`, {
          method: "POST",
          headers,
          body: JSON.stringify({ model: fixture.model.publicId, messages: [{ role: "user", content: "hi" }] }),
        }),
      );
      await expectRefusal(response, fixture.key);
    }
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n);
  });

  it("is 400 at the management API, and nothing is created", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    for (const headerKey of headerKeys(key)) {
      const headers = new Headers({ "content-type": "application/json" });
      if (headerKey) headers.set("authorization", `Bearer ${headerKey}`);
      const request = new Request(`http://localhost:3000/api/v1/teams/${team.slug}/keys?token=${key}`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "leaked" }),
      });
      const response = await keysRoute.POST(request, { params: Promise.resolve({ team: team.slug }) });
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      await expectRefusal(response, key);
    }
    expect(await db.apiKey.count({ where: { teamId: team.id, name: "leaked" } })).toBe(0);
  });
});
