// Issue 15, point 14: a key rotated with "old key stops immediately" (no grace period) is "Rotated", and
// every door it knocks on (the gateway, the AI gateway, the management API) answers 401 saying it was replaced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rotateApiKey } from "@/lib/keys/rotate-api-key";
import { apiKeyStatus } from "@/lib/keys/public-api-key";
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import * as teamRoute from "@/app/api/v1/teams/[team]/route";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { call } from "../support/management-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { keyRow, userActor } from "../support/key-factories";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

async function rotated(graceSeconds: number) {
  const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n });
  expect((await callGateway(fixture.slug, "/echo", { key: fixture.key })).status).toBe(200);
  const rotation = await rotateApiKey(fixture.team.id, fixture.keyRow.id, { graceSeconds }, userActor(fixture.owner.id));
  return { ...fixture, rotation };
}

describe("a key rotated without a grace period", () => {
  it("is Rotated, not Expired, in the portal and the management API", async () => {
    const { rotation, keyRow: old } = await rotated(0);
    expect(rotation.previous.status).toBe("rotated");
    expect(apiKeyStatus(await keyRow(old.id))).toBe("rotated");
  });

  it("gets a 401 from the gateway that says it was replaced, uncharged; the new key works", async () => {
    const { slug, key, team, rotation } = await rotated(0);
    const response = await callGateway(slug, "/echo", { key });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const body = await response.json();
    expect(body.code).toBe("invalid_api_key");
    expect(body.detail).toMatch(/was replaced: it was rotated/);
    expect(body.detail).not.toMatch(/expired/);
    expect((await callGateway(slug, "/echo", { key: rotation.key })).status).toBe(200);
    expect(await expectLedgerInvariant(team.id)).toBe(1_000_000n - 2_000n);
  });

  it("gets the same 401 from the AI gateway and the management API", async () => {
    const { key, team } = await rotated(0);
    const ai = await handleAiRequest(
      new Request("http://localhost:3000/api/ai/v1/models", { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(ai.status).toBe(401);
    expect((await ai.json()).error.message).toMatch(/was replaced: it was rotated/);
    const management = await call(teamRoute.GET, "GET", "/x", { token: key, params: { team: team.slug } });
    expect(management.status).toBe(401);
    expect(management.body.detail).toMatch(/was replaced: it was rotated/);
  });
});

describe("a key in its grace period", () => {
  it("is Rotating and still answers", async () => {
    const { slug, key, rotation } = await rotated(3600);
    expect(rotation.previous.status).toBe("rotating");
    expect((await callGateway(slug, "/echo", { key })).status).toBe(200);
  });
});

describe("a key that simply expired", () => {
  it("still says expired", async () => {
    const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n });
    await db.apiKey.update({ where: { id: fixture.keyRow.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const body = await (await callGateway(fixture.slug, "/echo", { key: fixture.key })).json();
    expect(body.detail).toMatch(/has expired/);
  });
});
