// lib/keys/revoke-api-key.ts: team-scoped, idempotent, audited once, and the gateway refuses the key
// at once on this instance.
import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/gateway/key-cache";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { auditFor, createTeamWithOwner } from "../factories";
import { createKey, keyRow, userActor } from "../support/key-factories";

describe("revokeApiKey", () => {
  it("revokes, audits, and the gateway refuses the key at once", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { key, apiKey } = await createKey(team.id, userActor(owner.id));
    expect(await authenticateApiKey(key)).toMatchObject({ ok: true }); // now cached on this instance

    const revoked = await revokeApiKey(team.id, apiKey.id, userActor(owner.id));
    expect(revoked).toMatchObject({ id: apiKey.id, status: "revoked", revokedAt: expect.any(Date) });
    expect(await authenticateApiKey(key)).toEqual({ ok: false, reason: "revoked" });
    expect((await auditFor(apiKey.id)).map((entry) => entry.action)).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("is idempotent: a second revocation changes nothing and writes no second audit row", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { apiKey } = await createKey(team.id, userActor(owner.id));
    const first = await revokeApiKey(team.id, apiKey.id, userActor(owner.id));
    const second = await revokeApiKey(team.id, apiKey.id, userActor(owner.id));
    expect(second.revokedAt).toEqual(first.revokedAt);
    const both = await Promise.all([
      revokeApiKey(team.id, apiKey.id, userActor(owner.id)),
      revokeApiKey(team.id, apiKey.id, userActor(owner.id)),
    ]);
    expect(both.map((key) => key.revokedAt)).toEqual([first.revokedAt, first.revokedAt]);
    expect((await auditFor(apiKey.id)).filter((entry) => entry.action === "api_key.revoked")).toHaveLength(1);
  });

  it("audits once when two revocations race", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { apiKey } = await createKey(team.id, userActor(owner.id));
    await Promise.all([revokeApiKey(team.id, apiKey.id, userActor(owner.id)), revokeApiKey(team.id, apiKey.id, { type: "SYSTEM" })]);
    expect((await auditFor(apiKey.id)).filter((entry) => entry.action === "api_key.revoked")).toHaveLength(1);
  });

  it("cannot reach another team's key, even as owner of a team: not_found and the key unchanged", async () => {
    const a = await createTeamWithOwner();
    const b = await createTeamWithOwner();
    const { key, apiKey } = await createKey(b.team.id, userActor(b.owner.id));
    await expect(revokeApiKey(a.team.id, apiKey.id, userActor(a.owner.id))).rejects.toMatchObject({
      code: "not_found",
      status: 404,
      message: expect.stringMatching(/^API key/),
    });
    await expect(revokeApiKey(a.team.id, apiKey.id, { type: "ADMIN_TOKEN" })).rejects.toMatchObject({ code: "not_found" });
    expect(await keyRow(apiKey.id)).toMatchObject({ revokedAt: null, teamId: b.team.id });
    expect(await authenticateApiKey(key)).toMatchObject({ ok: true });
    expect(await auditFor(apiKey.id)).toHaveLength(1);
  });
});
