// Issue 15, point 6: a key's spend cap (and name and expiry) can be changed after it was made, through
// `PATCH /api/v1/teams/{team}/keys/{id}` and the keys domain the portal uses: raise, lower, remove, audit-logged,
// and applied by the gateway at once (the key cache forgets the key). The key_spend_cap_reached 402 says
// to raise the cap or use another key, and its Link points to the key. "Spent" is the key's actual spend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { updateApiKey } from "@/lib/keys/update-api-key";
import { rotateApiKey } from "@/lib/keys/rotate-api-key";
import { lifetimeKeySpend } from "@/lib/keys/key-spend";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import * as keyRoute from "@/app/api/v1/teams/[team]/keys/[id]/route";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture, createRawKey } from "../support/gateway-factories";
import { call } from "../support/management-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { userActor } from "../support/key-factories";
import { addMember, auditFor, createTeamWithOwner } from "../factories";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const PRICE = 2_000n;
const START = 1_000_000n;

/** A funded fixture with a second key capped at two calls. */
async function cappedKey(cap = 2n * PRICE) {
  const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
  const capped = await createRawKey(fixture.team.id, { spendCap: cap });
  return { ...fixture, capped };
}

const statusOf = async (slug: string, key: string) => {
  const response = await callGateway(slug, "/echo", { key });
  await response.arrayBuffer();
  return response.status;
};

describe("the key_spend_cap_reached 402", () => {
  it("says to raise this key's cap on the Keys page or use another key, and links to the key, not billing", async () => {
    const { slug, team, capped } = await cappedKey();
    expect(await statusOf(slug, capped.key)).toBe(200);
    expect(await statusOf(slug, capped.key)).toBe(200);
    const response = await callGateway(slug, "/echo", { key: capped.key });
    expect(response.status).toBe(402);
    const body = await response.json();
    const keyUrl = `http://localhost:3000/${team.slug}/keys#key-${capped.keyRow.id}`;
    expect(body).toMatchObject({ code: "key_spend_cap_reached", keyUrl });
    expect(body.detail).toBe(
      `This key has reached its spend cap. Raise this key's spend cap on the Keys page (${keyUrl}), or use another key.`,
    );
    expect(response.headers.get("link")).toBe(`<${keyUrl}>; rel="payment"`);
    expect(await expectLedgerInvariant(team.id)).toBe(START - 2n * PRICE);
  });
});

describe("PATCH /api/v1/teams/{team}/keys/{id}", () => {
  const patch = (team: string, id: string, body: unknown, token?: string) =>
    call(keyRoute.PATCH, "PATCH", "/x", { params: { team, id }, body, ...(token ? { token } : {}) });

  it("raises a reached cap and the gateway lets the key through at once; lowering stops it again", async () => {
    const { slug, team, capped } = await cappedKey();
    await statusOf(slug, capped.key);
    await statusOf(slug, capped.key);
    expect(await statusOf(slug, capped.key)).toBe(402); // the refusal is now in the key cache's entry

    const raised = await patch(team.slug, capped.keyRow.id, { spendCap: "0.006" });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ id: capped.keyRow.id, spendCap: "0.006000", spent: "0.004000", status: "active" });
    expect(await statusOf(slug, capped.key)).toBe(200);
    expect(await statusOf(slug, capped.key)).toBe(402);

    const lowered = await patch(team.slug, capped.keyRow.id, { spendCap: "0.001" });
    expect(lowered.body.spendCap).toBe("0.001000");
    expect(await statusOf(slug, capped.key)).toBe(402);
    expect(await expectLedgerInvariant(team.id)).toBe(START - 3n * PRICE);
  });

  it("removes a cap with null, renames and sets or clears the expiry; each change audit-logged with from and to", async () => {
    const { slug, team, capped } = await cappedKey(PRICE);
    await statusOf(slug, capped.key);
    expect(await statusOf(slug, capped.key)).toBe(402);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const changed = await patch(team.slug, capped.keyRow.id, { spendCap: null, name: "Batch jobs", expiresAt });
    expect(changed.body).toMatchObject({ spendCap: null, name: "Batch jobs", expiresAt });
    expect(await statusOf(slug, capped.key)).toBe(200);
    expect((await patch(team.slug, capped.keyRow.id, { expiresAt: null })).body.expiresAt).toBeNull();

    const audit = (await auditFor(capped.keyRow.id)).filter((row) => row.action === "api_key.updated");
    expect(audit).toHaveLength(2);
    expect(audit[0]!.metadata).toMatchObject({
      name: "Batch jobs",
      changes: {
        spendCap: { from: String(PRICE), to: null },
        name: { from: "gateway test key", to: "Batch jobs" },
        expiresAt: { from: null, to: expiresAt },
      },
    });
    expect(audit[1]!.metadata).toMatchObject({ changes: { expiresAt: { from: expiresAt, to: null } } });
  });

  it("starts a first cap from what the key already spent, so a cap below it stops the key at once", async () => {
    const { slug, key, keyRow, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    for (let i = 0; i < 3; i++) expect(await statusOf(slug, key)).toBe(200);
    await flushUsage();
    expect((await lifetimeKeySpend(team.id)).get(keyRow.id)).toBe(3n * PRICE);

    const capped = await patch(team.slug, keyRow.id, { spendCap: "0.005" });
    expect(capped.body).toMatchObject({ spendCap: "0.005000", spent: "0.006000" });
    expect(await statusOf(slug, key)).toBe(402);
    expect((await patch(team.slug, keyRow.id, { spendCap: "0.008" })).body.spent).toBe("0.006000");
    expect(await statusOf(slug, key)).toBe(200);
    expect(await expectLedgerInvariant(team.id)).toBe(START - 4n * PRICE);
  });

  it("applies a successor's new cap to the old key still in its rotation grace period", async () => {
    const { slug, team, owner, capped } = await cappedKey(PRICE);
    const rotation = await rotateApiKey(team.id, capped.keyRow.id, { graceSeconds: 3600 }, userActor(owner.id));
    expect(await statusOf(slug, capped.key)).toBe(200);
    expect(await statusOf(slug, capped.key)).toBe(402); // old and new key share the successor's cap
    await patch(team.slug, rotation.apiKey.id, { spendCap: "1" });
    expect(await statusOf(slug, capped.key)).toBe(200);
    // The old key itself is "rotating": its cap is its replacement's.
    const refused = await patch(team.slug, capped.keyRow.id, { spendCap: "2" });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/change its replacement/);
  });

  it("refuses bad input with 422 per field, a revoked key with 409, and another team's key with 404", async () => {
    const { team, owner, capped } = await cappedKey();
    expect((await patch(team.slug, capped.keyRow.id, {})).status).toBe(422);
    const zero = await patch(team.slug, capped.keyRow.id, { spendCap: "0" });
    expect(zero.status).toBe(422);
    expect(zero.body.errors).toHaveProperty("spendCap");
    expect((await patch(team.slug, capped.keyRow.id, { spendCap: "-1" })).status).toBe(422);
    expect((await patch(team.slug, capped.keyRow.id, { expiresAt: "2001-01-01T00:00:00Z" })).status).toBe(422);
    expect((await patch(team.slug, capped.keyRow.id, { name: "" })).status).toBe(422);

    const other = await createTeamWithOwner();
    expect((await patch(other.team.slug, capped.keyRow.id, { spendCap: "5" })).status).toBe(404);
    await revokeApiKey(team.id, capped.keyRow.id, userActor(owner.id));
    expect((await patch(team.slug, capped.keyRow.id, { spendCap: "5" })).status).toBe(409);
  });
});

describe("updateApiKey for portal members", () => {
  it("lets a member change the keys they created, not another member's", async () => {
    const { team, owner, capped } = await cappedKey();
    const { user: member } = await addMember(team.id, "MEMBER");
    await db.apiKey.update({ where: { id: capped.keyRow.id }, data: { createdById: owner.id } });
    await expect(updateApiKey(team.id, capped.keyRow.id, { spendCap: 9_000_000n }, userActor(member.id))).rejects.toMatchObject({
      code: "forbidden",
    });
    const mine = await createRawKey(team.id, { spendCap: 1_000n });
    await db.apiKey.update({ where: { id: mine.keyRow.id }, data: { createdById: member.id } });
    const updated = await updateApiKey(team.id, mine.keyRow.id, { spendCap: 9_000_000n }, userActor(member.id));
    expect(updated.spendCap).toBe(9_000_000n);
  });
});
