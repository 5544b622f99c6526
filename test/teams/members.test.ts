// lib/teams/members.ts: role changes, removal and leaving. A team always keeps an owner, and only
// owners can touch owners.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeMemberRole, leaveTeam, listMembers, removeMember } from "@/lib/teams/members";
import { provisionNewUser } from "@/lib/teams/provision-new-user";
import { addMember, auditFor, contextFor, createTeamWithOwner, createUser } from "../factories";

const ownerMembership = (teamId: string, userId: string) =>
  db.membership.findUniqueOrThrow({ where: { teamId_userId: { teamId, userId } } });
const roleOf = async (membershipId: string) => (await db.membership.findUnique({ where: { id: membershipId } }))?.role ?? null;

describe("changeMemberRole", () => {
  it("lets an owner promote a member and audits the change", async () => {
    const { team, owner, ownerCtx } = await createTeamWithOwner();
    const { user, membership } = await addMember(team.id, "MEMBER");
    await changeMemberRole(ownerCtx, membership.id, "ADMIN");
    expect(await roleOf(membership.id)).toBe("ADMIN");
    expect(await auditFor(membership.id)).toEqual([
      expect.objectContaining({
        action: "team.member.role_changed",
        actorUserId: owner.id,
        teamId: team.id,
        metadata: { email: user.email, from: "MEMBER", to: "ADMIN" },
      }),
    ]);
  });

  it("refuses members, and admins granting or removing the owner role", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    const { user: member, membership } = await addMember(team.id, "MEMBER");
    const ownerRow = await ownerMembership(team.id, owner.id);

    await expect(changeMemberRole(await contextFor(member.id, team), membership.id, "ADMIN")).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    const adminCtx = await contextFor(admin.id, team);
    await expect(changeMemberRole(adminCtx, membership.id, "OWNER")).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeMemberRole(adminCtx, ownerRow.id, "MEMBER")).rejects.toMatchObject({ code: "forbidden" });
    expect([await roleOf(membership.id), await roleOf(ownerRow.id)]).toEqual(["MEMBER", "OWNER"]);
    expect(await auditFor(membership.id)).toEqual([]);
  });

  it("lets an admin change roles between member and admin", async () => {
    const { team } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    const { membership } = await addMember(team.id, "MEMBER");
    await changeMemberRole(await contextFor(admin.id, team), membership.id, "ADMIN");
    expect(await roleOf(membership.id)).toBe("ADMIN");
  });

  it("refuses to demote the last owner, but allows it when another owner remains", async () => {
    const { team, owner, ownerCtx } = await createTeamWithOwner();
    const ownerRow = await ownerMembership(team.id, owner.id);
    await expect(changeMemberRole(ownerCtx, ownerRow.id, "ADMIN")).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await roleOf(ownerRow.id)).toBe("OWNER");

    const { membership: second } = await addMember(team.id, "OWNER");
    await changeMemberRole(ownerCtx, ownerRow.id, "ADMIN");
    expect([await roleOf(ownerRow.id), await roleOf(second.id)]).toEqual(["ADMIN", "OWNER"]);
  });

  it("keeps one owner when two owners demote each other at the same moment", async () => {
    const { team, owner, ownerCtx } = await createTeamWithOwner();
    const { user: other, membership: otherRow } = await addMember(team.id, "OWNER");
    const ownerRow = await ownerMembership(team.id, owner.id);
    const otherCtx = await contextFor(other.id, team);

    const results = await Promise.allSettled([
      changeMemberRole(ownerCtx, otherRow.id, "MEMBER"),
      changeMemberRole(otherCtx, ownerRow.id, "MEMBER"),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db.membership.count({ where: { teamId: team.id, role: "OWNER" } })).toBe(1);
  });

  it("cannot reach a membership of another team", async () => {
    const a = await createTeamWithOwner();
    const b = await createTeamWithOwner();
    const { membership } = await addMember(b.team.id, "MEMBER");
    await expect(changeMemberRole(a.ownerCtx, membership.id, "ADMIN")).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(removeMember(a.ownerCtx, membership.id)).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect(await roleOf(membership.id)).toBe("MEMBER");
  });
});

describe("removeMember", () => {
  it("lets an admin remove a member, and audits it", async () => {
    const { team } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    const { user, membership } = await addMember(team.id, "MEMBER");
    await removeMember(await contextFor(admin.id, team), membership.id);
    expect(await roleOf(membership.id)).toBeNull();
    expect(await auditFor(membership.id)).toEqual([
      expect.objectContaining({ action: "team.member.removed", actorUserId: admin.id, metadata: { email: user.email, role: "MEMBER" } }),
    ]);
  });

  it("refuses an admin removing an owner, and a member removing anyone", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    const { user: member } = await addMember(team.id, "MEMBER");
    const { membership: other } = await addMember(team.id, "MEMBER");
    const ownerRow = await ownerMembership(team.id, owner.id);

    await expect(removeMember(await contextFor(admin.id, team), ownerRow.id)).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(removeMember(await contextFor(member.id, team), other.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(4);
  });

  it("lets an owner remove another owner but never the last one", async () => {
    const { team, owner, ownerCtx } = await createTeamWithOwner();
    const { membership: second } = await addMember(team.id, "OWNER");
    await removeMember(ownerCtx, second.id);
    expect(await roleOf(second.id)).toBeNull();
    const ownerRow = await ownerMembership(team.id, owner.id);
    await expect(removeMember(ownerCtx, ownerRow.id)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("leaveTeam", () => {
  it("lets a member leave, and audits it", async () => {
    const { team } = await createTeamWithOwner();
    const { user, membership } = await addMember(team.id, "MEMBER");
    await leaveTeam(await contextFor(user.id, team));
    expect(await roleOf(membership.id)).toBeNull();
    expect(await auditFor(membership.id)).toEqual([expect.objectContaining({ action: "team.member.left", actorUserId: user.id })]);
  });

  it("refuses the last owner, who must hand over first", async () => {
    const { team, owner, ownerCtx } = await createTeamWithOwner();
    await expect(leaveTeam(ownerCtx)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/last owner/) });
    expect(await roleOf((await ownerMembership(team.id, owner.id)).id)).toBe("OWNER");

    await addMember(team.id, "OWNER");
    await leaveTeam(ownerCtx);
    expect(await db.membership.count({ where: { teamId: team.id, userId: owner.id } })).toBe(0);
  });

  it("lets an invited member leave someone's personal team, whose owner stays", async () => {
    await createUser(); // not the first account
    const user = await createUser();
    await provisionNewUser(user.id);
    const personal = await db.team.findFirstOrThrow({ where: { personal: true, memberships: { some: { userId: user.id } } } });
    const { user: guest, membership } = await addMember(personal.id, "MEMBER");
    await leaveTeam(await contextFor(guest.id, personal));
    expect(await roleOf(membership.id)).toBeNull();
    await expect(leaveTeam(await contextFor(user.id, personal))).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("listMembers", () => {
  it("lists the team's members only, oldest first", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user } = await addMember(team.id, "MEMBER");
    await createTeamWithOwner();
    const members = await listMembers(team.id);
    expect(members.map((member) => [member.user.id, member.role])).toEqual([
      [owner.id, "OWNER"],
      [user.id, "MEMBER"],
    ]);
  });
});
