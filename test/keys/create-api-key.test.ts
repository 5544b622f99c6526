// lib/keys/create-api-key.ts: the key is returned once, only its hash is stored, the audit row names
// the key without carrying it, and scopes, expiry and cap are validated.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashApiKey, isWellFormedApiKey } from "@/lib/keys/key-format";
import { createApiKey, MAX_ACTIVE_KEYS_PER_TEAM } from "@/lib/keys/create-api-key";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { authenticateApiKey } from "@/lib/gateway/key-cache";
import { auditFor, createTeamWithOwner } from "../factories";
import { createKey, createTestApi, keyInput, keyRow, userActor } from "../support/key-factories";

describe("createApiKey", () => {
  it("returns a well-formed key once, stores only its hash, and audits without the secret", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { key, apiKey } = await createKey(team.id, userActor(owner.id), { name: "  CI deploys  ", spendCap: 5_000_000n });

    expect(key).toMatch(/^tg_live_[0-9A-Za-z]{36}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(apiKey).toMatchObject({
      name: "CI deploys",
      prefix: "tg_live_",
      lastFour: key.slice(-4),
      masked: `tg_live_…${key.slice(-4)}`,
      status: "active",
      spendCap: 5_000_000n,
      spent: 0n,
      createdById: owner.id,
    });
    expect(apiKey).not.toHaveProperty("hash");
    expect(JSON.stringify(apiKey, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(key.slice(8, -4));

    const row = await keyRow(apiKey.id);
    expect(row.hash).toBe(hashApiKey(key));
    expect(Object.values(row).map(String).join(" ")).not.toContain(key);

    const audit = await auditFor(apiKey.id);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "api_key.created",
        actorType: "USER",
        actorUserId: owner.id,
        teamId: team.id,
        targetType: "api_key",
      }),
    ]);
    expect(audit[0]!.metadata).toEqual({
      name: "CI deploys",
      prefix: "tg_live_",
      lastFour: key.slice(-4),
      scopes: { allApis: true, apiIds: [], manage: false },
    });
    const auditText = JSON.stringify(audit);
    expect(auditText).not.toContain(key);
    expect(auditText).not.toContain(row.hash);

    expect(await authenticateApiKey(key)).toMatchObject({ ok: true, key: { id: apiKey.id, teamId: team.id } });
  });

  it("makes test keys and records the actor of a management API call", async () => {
    const { team } = await createTeamWithOwner();
    const { key, apiKey } = await createKey(
      team.id,
      { type: "API_KEY", keyId: "key_1", teamId: team.id },
      { mode: "test", scopeManage: true },
    );
    expect(key.startsWith("tg_test_")).toBe(true);
    expect(apiKey).toMatchObject({ prefix: "tg_test_", scopeManage: true, createdById: null });
    expect(await auditFor(apiKey.id)).toEqual([expect.objectContaining({ actorType: "API_KEY", actorKeyId: "key_1", actorUserId: null })]);
  });

  it("limits a key to existing APIs, and needs at least one when not all", async () => {
    const { team, owner } = await createTeamWithOwner();
    const actor = userActor(owner.id);
    const [a, b] = [await createTestApi(), await createTestApi()];

    const { apiKey } = await createKey(team.id, actor, { scopeAllApis: false, scopeApiIds: [a.id, b.id, a.id] });
    expect(apiKey).toMatchObject({ scopeAllApis: false });
    expect([...apiKey.scopeApiIds].sort()).toEqual([a.id, b.id].sort());

    await expect(createKey(team.id, actor, { scopeAllApis: false, scopeApiIds: [] })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { scopeApiIds: expect.any(String) },
    });
    await expect(createKey(team.id, actor, { scopeAllApis: false, scopeApiIds: [a.id, "no-such-api"] })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { scopeApiIds: expect.any(String) },
    });

    // With all APIs allowed, a stray list is dropped rather than stored.
    const { apiKey: all } = await createKey(team.id, actor, { scopeAllApis: true, scopeApiIds: [a.id] });
    expect(all.scopeApiIds).toEqual([]);
    expect(await db.apiKey.count({ where: { teamId: team.id } })).toBe(2);
  });

  it("refuses an expiry in the past, a zero cap and an empty name, creating nothing", async () => {
    const { team, owner } = await createTeamWithOwner();
    const actor = userActor(owner.id);
    const base = keyInput();
    await expect(createApiKey(team.id, { ...base, expiresAt: new Date(Date.now() - 1000) }, actor)).rejects.toMatchObject({
      code: "validation_failed",
      status: 422,
      fieldErrors: { expiresAt: expect.stringMatching(/future/) },
    });
    await expect(createApiKey(team.id, { ...base, spendCap: 0n }, actor)).rejects.toMatchObject({
      fieldErrors: { spendCap: expect.any(String) },
    });
    await expect(createApiKey(team.id, { ...base, name: "   " }, actor)).rejects.toMatchObject({
      fieldErrors: { name: expect.any(String) },
    });
    await expect(createApiKey(team.id, { ...base, name: "x".repeat(61) }, actor)).rejects.toMatchObject({
      fieldErrors: { name: expect.any(String) },
    });
    expect(await db.apiKey.count({ where: { teamId: team.id } })).toBe(0);

    const future = new Date(Date.now() + 86_400_000);
    const { apiKey } = await createApiKey(team.id, { ...base, expiresAt: future }, actor);
    expect(apiKey.expiresAt).toEqual(future);
  });

  it(`caps a team at ${MAX_ACTIVE_KEYS_PER_TEAM} active keys; revoked and expired ones do not count`, async () => {
    const { team, owner } = await createTeamWithOwner();
    const row = { teamId: team.id, name: "bulk", prefix: "tg_live_", lastFour: "abcd" };
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_ACTIVE_KEYS_PER_TEAM }, (_, i) => ({ ...row, hash: `bulk-${team.id}-${i}` })),
    });
    await expect(createKey(team.id, userActor(owner.id))).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(/at most 100 active keys/),
    });

    await db.apiKey.update({ where: { hash: `bulk-${team.id}-0` }, data: { revokedAt: new Date() } });
    await createKey(team.id, userActor(owner.id));
    await expect(createKey(team.id, userActor(owner.id))).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("listApiKeys", () => {
  it("lists the team's keys only, newest first, revoked ones last, never with a hash", async () => {
    const { team, owner } = await createTeamWithOwner();
    const other = await createTeamWithOwner();
    const actor = userActor(owner.id);
    const first = await createKey(team.id, actor, { name: "first" });
    const second = await createKey(team.id, actor, { name: "second" });
    const third = await createKey(team.id, actor, { name: "third" });
    await createKey(other.team.id, userActor(other.owner.id), { name: "elsewhere" });
    await db.apiKey.update({ where: { id: third.apiKey.id }, data: { revokedAt: new Date() } });

    const keys = await listApiKeys(team.id);
    expect(keys.map((key) => [key.name, key.status])).toEqual([
      ["second", "active"],
      ["first", "active"],
      ["third", "revoked"],
    ]);
    expect(keys.some((key) => "hash" in key)).toBe(false);
    expect(keys[1]!.id).toBe(first.apiKey.id);
    expect(second.apiKey.id).toBe(keys[0]!.id);
  });
});
