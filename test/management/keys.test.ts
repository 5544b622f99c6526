// /api/v1/teams/{team}/keys: the full key only in the create response, never a hash, scopes by
// API slug, amounts as decimal strings; a created key works at once and stops at revocation.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashApiKey } from "@/lib/keys/key-format";
import { keySchema } from "@/lib/management/schemas/keys";
import * as keysRoute from "@/app/api/v1/teams/[team]/keys/route";
import * as keyRoute from "@/app/api/v1/teams/[team]/keys/[id]/route";
import * as teamRoute from "@/app/api/v1/teams/[team]/route";
import { createTeamWithOwner } from "../factories";
import { call, createTeamKey, seedApi } from "../support/management-factories";

describe("keys over the management API", () => {
  it("creates, lists and revokes a key; the secret is shown once and the hash never", async () => {
    const { team } = await createTeamWithOwner();
    const api = await seedApi();
    const params = { team: team.slug };
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await call(keysRoute.POST, "POST", "/x", {
      params,
      body: { name: "CI deploys", mode: "test", scopes: { apis: [api.slug], manage: true }, expiresAt, spendCap: "25.50" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "CI deploys",
      mode: "test",
      prefix: "tg_test_",
      scopes: { apis: [api.slug], manage: true },
      status: "active",
      expiresAt,
      spendCap: "25.500000",
      spent: "0.000000",
      key: expect.stringMatching(/^tg_test_/),
    });
    expect(created.body.masked).toBe(`tg_test_…${created.body.key.slice(-4)}`);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ hash: hashApiKey(created.body.key), scopeApiIds: [api.id], spendCap: 25_500_000n });
    expect(JSON.stringify(created.body)).not.toContain(row.hash);

    // The new key has `manage`, so it can call the management API itself at once.
    const self = await call(teamRoute.GET, "GET", "/x", { token: created.body.key, params });
    expect(self.body.id).toBe(team.id);

    const list = await call(keysRoute.GET, "GET", "/x", { params });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).not.toHaveProperty("key");
    expect(list.body.data[0]).not.toHaveProperty("hash");
    expect(JSON.stringify(list.body)).not.toContain(row.hash);

    const revoked = await call(keyRoute.DELETE, "DELETE", "/x", { params: { ...params, id: row.id } });
    expect(revoked.body).toMatchObject({ id: row.id, status: "revoked", revokedAt: expect.any(String) });
    expect((await call(teamRoute.GET, "GET", "/x", { token: created.body.key, params })).status).toBe(401);
    expect((await call(keyRoute.DELETE, "DELETE", "/x", { params: { ...params, id: "no-such-key" } })).status).toBe(404);
  });

  it("lets a team's manage key create keys for its team, defaulting to all APIs without manage", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const created = await call(keysRoute.POST, "POST", "/x", { token: key, params: { team: team.id }, body: { name: "worker" } });
    expect(created.body).toMatchObject({ mode: "live", scopes: { apis: "all", manage: false }, expiresAt: null, spendCap: null });
    expect(await db.auditLog.findFirst({ where: { targetId: created.body.id } })).toMatchObject({
      action: "api_key.created",
      actorType: "API_KEY",
    });
  });

  it("answers 422 with wire field names for unknown API slugs and past expiry dates", async () => {
    const { team } = await createTeamWithOwner();
    const params = { team: team.slug };
    const unknown = await call(keysRoute.POST, "POST", "/x", { params, body: { name: "k", scopes: { apis: ["no-such-api"] } } });
    expect(unknown).toMatchObject({ status: 422, body: { errors: { "scopes.apis": "Unknown API: no-such-api." } } });
    const past = await call(keysRoute.POST, "POST", "/x", { params, body: { name: "k", expiresAt: "2001-01-01T00:00:00Z" } });
    expect(past).toMatchObject({ status: 422, body: { errors: { expiresAt: "The expiry must be in the future." } } });
    const badCap = await call(keysRoute.POST, "POST", "/x", { params, body: { name: "k", spendCap: 10 } });
    expect(badCap.body.errors).toHaveProperty("spendCap");
    expect(await db.apiKey.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("the output schema drops a hash even if one is handed to it", () => {
    const parsed = keySchema.parse({
      id: "k1",
      name: "n",
      prefix: "tg_live_",
      lastFour: "abcd",
      masked: "tg_live_…abcd",
      mode: "live",
      scopes: { apis: "all", manage: false },
      status: "active",
      expiresAt: null,
      revokedAt: null,
      spendCap: null,
      spent: "0.000000",
      lastUsedAt: null,
      createdAt: new Date().toISOString(),
      rotatedToId: null,
      hash: "f".repeat(64),
      key: "tg_live_secret",
    });
    expect(parsed).not.toHaveProperty("hash");
    expect(parsed).not.toHaveProperty("key");
  });
});
