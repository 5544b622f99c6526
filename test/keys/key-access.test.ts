// lib/keys/key-access.ts through the use cases: members create plain keys and manage their own;
// admins and owners do everything; a team key reaches only its team; non-members get not_found.
import { describe, expect, it } from "vitest";
import { assertCanManageKeys } from "@/lib/keys/key-access";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { rotateApiKey } from "@/lib/keys/rotate-api-key";
import { addMember, createTeamWithOwner, createUser } from "../factories";
import { createKey, keyRow, userActor } from "../support/key-factories";

const grace = { graceSeconds: 60 };

describe("key access", () => {
  it("lets a member create a plain key but not a management key", async () => {
    const { team } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    const { apiKey } = await createKey(team.id, userActor(member.id));
    expect(apiKey.createdById).toBe(member.id);
    await expect(createKey(team.id, userActor(member.id), { scopeManage: true })).rejects.toMatchObject({ code: "forbidden", status: 403 });
  });

  it("lets a member revoke and rotate only the keys they created", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    const { user: otherMember } = await addMember(team.id, "MEMBER");
    const ownersKey = await createKey(team.id, userActor(owner.id));
    const othersKey = await createKey(team.id, userActor(otherMember.id));
    const ownKey = await createKey(team.id, userActor(member.id));
    const actor = userActor(member.id);

    for (const { apiKey } of [ownersKey, othersKey]) {
      await expect(revokeApiKey(team.id, apiKey.id, actor)).rejects.toMatchObject({ code: "forbidden" });
      await expect(rotateApiKey(team.id, apiKey.id, grace, actor)).rejects.toMatchObject({ code: "forbidden" });
      expect(await keyRow(apiKey.id)).toMatchObject({ revokedAt: null, rotatedToId: null });
    }
    const rotated = await rotateApiKey(team.id, ownKey.apiKey.id, grace, actor);
    await expect(revokeApiKey(team.id, rotated.apiKey.id, actor)).resolves.toMatchObject({ status: "revoked" });
  });

  it("lets admins and owners create management keys and revoke anyone's", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    const { user: member } = await addMember(team.id, "MEMBER");
    const membersKey = await createKey(team.id, userActor(member.id));
    await expect(createKey(team.id, userActor(admin.id), { scopeManage: true })).resolves.toMatchObject({ apiKey: { scopeManage: true } });
    await expect(revokeApiKey(team.id, membersKey.apiKey.id, userActor(admin.id))).resolves.toMatchObject({ status: "revoked" });
    const ownersKey = await createKey(team.id, userActor(owner.id), { scopeManage: true });
    await expect(rotateApiKey(team.id, ownersKey.apiKey.id, grace, userActor(admin.id))).resolves.toMatchObject({
      apiKey: { scopeManage: true },
    });
  });

  it("answers not_found to non-members and to a team key of another team", async () => {
    const { team, owner } = await createTeamWithOwner();
    const other = await createTeamWithOwner();
    const outsider = await createUser();
    const { apiKey } = await createKey(team.id, userActor(owner.id));

    await expect(createKey(team.id, userActor(outsider.id))).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(revokeApiKey(team.id, apiKey.id, userActor(other.owner.id))).rejects.toMatchObject({ code: "not_found" });
    const foreignKey = { type: "API_KEY", keyId: "k", teamId: other.team.id } as const;
    await expect(createKey(team.id, foreignKey)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeApiKey(team.id, apiKey.id, foreignKey)).rejects.toMatchObject({ code: "not_found" });
    expect((await keyRow(apiKey.id)).revokedAt).toBeNull();
  });

  it("lets a team key, the admin token and the system do everything on the team", async () => {
    const { team } = await createTeamWithOwner();
    for (const actor of [{ type: "API_KEY", keyId: "k", teamId: team.id }, { type: "ADMIN_TOKEN" }, { type: "SYSTEM" }] as const) {
      for (const need of ["create", "create_manage", "manage_any"] as const) {
        await expect(assertCanManageKeys(actor, team.id, need, "someone-else")).resolves.toBeUndefined();
      }
    }
  });
});
