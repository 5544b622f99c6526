// lib/keys/rotate-api-key.ts: a new key with the same settings and spend, the old one working until
// its grace ends, and never two successors for one key.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateApiKey } from "@/lib/gateway/key-cache";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { rotateApiKey } from "@/lib/keys/rotate-api-key";
import { auditFor, createTeamWithOwner } from "../factories";
import { createKey, createTestApi, keyRow, userActor } from "../support/key-factories";

async function keyWithSpend(options: Parameters<typeof createKey>[2] = {}) {
  const { team, owner } = await createTeamWithOwner();
  const actor = userActor(owner.id);
  const created = await createKey(team.id, actor, options);
  await db.apiKey.update({ where: { id: created.apiKey.id }, data: { spent: 1_250_000n } });
  return { team, owner, actor, ...created };
}

describe("rotateApiKey", () => {
  it("copies name, mode, scopes, expiry, cap and spend; both keys work during the grace period", async () => {
    const api = await createTestApi();
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const { team, owner, actor, key, apiKey } = await keyWithSpend({
      name: "billing job",
      mode: "test",
      scopeAllApis: false,
      scopeApiIds: [api.id],
      expiresAt,
      spendCap: 2_000_000n,
    });
    expect(await authenticateApiKey(key)).toMatchObject({ ok: true });

    const before = Date.now();
    const rotated = await rotateApiKey(team.id, apiKey.id, { graceSeconds: 3600 }, actor);
    expect(rotated.key).toMatch(/^tg_test_/);
    expect(rotated.key).not.toBe(key);
    expect(rotated.apiKey).toMatchObject({
      name: "billing job",
      prefix: "tg_test_",
      scopeAllApis: false,
      scopeApiIds: [api.id],
      expiresAt,
      spendCap: 2_000_000n,
      spent: 1_250_000n,
      status: "active",
    });
    expect(rotated.previous).toMatchObject({ id: apiKey.id, rotatedToId: rotated.apiKey.id, status: "rotating" });
    const graceEnd = rotated.previous.expiresAt!.getTime();
    expect(graceEnd).toBeGreaterThanOrEqual(before + 3600_000);
    expect(graceEnd).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(await keyRow(apiKey.id)).toMatchObject({ rotatedToId: rotated.apiKey.id, expiresAt: rotated.previous.expiresAt });

    expect(await authenticateApiKey(key)).toMatchObject({ ok: true, key: { id: apiKey.id, expiresAt: graceEnd } });
    expect(await authenticateApiKey(rotated.key)).toMatchObject({ ok: true, key: { id: rotated.apiKey.id } });

    const audit = await auditFor(apiKey.id);
    expect(audit).toEqual([
      expect.objectContaining({ action: "api_key.created" }),
      expect.objectContaining({
        action: "api_key.rotated",
        actorUserId: owner.id,
        metadata: expect.objectContaining({
          lastFour: key.slice(-4),
          newKeyId: rotated.apiKey.id,
          newLastFour: rotated.key.slice(-4),
          graceSeconds: 3600,
        }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(rotated.key);
  });

  it("keeps an old expiry that comes before the end of the grace period", async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const { team, actor, apiKey } = await keyWithSpend({ expiresAt });
    const { previous } = await rotateApiKey(team.id, apiKey.id, { graceSeconds: 86_400 }, actor);
    expect(previous.expiresAt).toEqual(expiresAt);
  });

  it("with no grace, the old key is refused at once", async () => {
    const { team, actor, key, apiKey } = await keyWithSpend();
    expect(await authenticateApiKey(key)).toMatchObject({ ok: true });
    const rotated = await rotateApiKey(team.id, apiKey.id, { graceSeconds: 0 }, actor);
    expect(await authenticateApiKey(key)).toEqual({ ok: false, reason: "rotated" });
    expect(await authenticateApiKey(rotated.key)).toMatchObject({ ok: true });
    expect(rotated.previous.status).toBe("rotated");
  });

  it("lets exactly one of two concurrent rotations succeed", async () => {
    const { team, actor, apiKey } = await keyWithSpend();
    const results = await Promise.allSettled([
      rotateApiKey(team.id, apiKey.id, { graceSeconds: 60 }, actor),
      rotateApiKey(team.id, apiKey.id, { graceSeconds: 60 }, actor),
      rotateApiKey(team.id, apiKey.id, { graceSeconds: 60 }, actor),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((r) => r.status === "rejected"))
      expect(result).toMatchObject({ reason: { code: "conflict", status: 409 } });
    expect(await db.apiKey.count({ where: { teamId: team.id } })).toBe(2);
    expect((await auditFor(apiKey.id)).filter((entry) => entry.action === "api_key.rotated")).toHaveLength(1);
  });

  it("refuses revoked, expired and already rotated keys, and a grace period out of range", async () => {
    const { team, actor, apiKey } = await keyWithSpend();
    await expect(rotateApiKey(team.id, apiKey.id, { graceSeconds: 604_801 }, actor)).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { graceSeconds: expect.any(String) },
    });
    await expect(rotateApiKey(team.id, apiKey.id, { graceSeconds: -1 }, actor)).rejects.toMatchObject({ code: "validation_failed" });

    await rotateApiKey(team.id, apiKey.id, { graceSeconds: 604_800 }, actor);
    await expect(rotateApiKey(team.id, apiKey.id, { graceSeconds: 60 }, actor)).rejects.toMatchObject({ code: "conflict" });

    const revoked = await createKey(team.id, actor);
    await revokeApiKey(team.id, revoked.apiKey.id, actor);
    await expect(rotateApiKey(team.id, revoked.apiKey.id, { graceSeconds: 60 }, actor)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/revoked/),
    });

    const expired = await createKey(team.id, actor);
    await db.apiKey.update({ where: { id: expired.apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(rotateApiKey(team.id, expired.apiKey.id, { graceSeconds: 60 }, actor)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/expired/),
    });
  });

  it("cannot rotate another team's key", async () => {
    const { apiKey } = await keyWithSpend();
    const other = await createTeamWithOwner();
    await expect(rotateApiKey(other.team.id, apiKey.id, { graceSeconds: 60 }, userActor(other.owner.id))).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await keyRow(apiKey.id)).rotatedToId).toBeNull();
  });
});
