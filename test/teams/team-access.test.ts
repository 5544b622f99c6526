// The cross-tenant guarantee: membership of one team grants nothing on another, and a non-member
// cannot even tell whether a team exists (same 404 as for a slug nobody uses).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listTeamsForUser, requireTeamRole } from "@/lib/teams/team-access";
import { addMember, createTeamWithOwner, createUser } from "../factories";

describe("requireTeamRole", () => {
  it("returns the team, role and user for a member", async () => {
    const { team, owner } = await createTeamWithOwner();
    const ctx = await requireTeamRole(owner.id, team.slug, "OWNER");
    expect(ctx).toEqual({ team: { id: team.id, slug: team.slug, name: team.name, personal: false }, role: "OWNER", userId: owner.id });
  });

  it("gives a member of team A a 404 for team B, at every required role", async () => {
    const a = await createTeamWithOwner();
    const b = await createTeamWithOwner();
    for (const role of ["MEMBER", "ADMIN", "OWNER"] as const) {
      await expect(requireTeamRole(a.owner.id, b.team.slug, role)).rejects.toMatchObject({ code: "not_found", status: 404 });
    }
  });

  it("answers an existing team and a non-existent slug identically", async () => {
    const { team } = await createTeamWithOwner();
    const outsider = await createUser();
    const existing = await requireTeamRole(outsider.id, team.slug).catch((error: Error) => error);
    const missing = await requireTeamRole(outsider.id, `${team.slug}-nope`).catch((error: Error) => error);
    expect(existing).toMatchObject({ code: "not_found", status: 404 });
    expect((missing as Error).message).toBe((existing as Error).message);
  });

  it("gives a member without the role a 403", async () => {
    const { team } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    const { user: admin } = await addMember(team.id, "ADMIN");
    await expect(requireTeamRole(member.id, team.slug, "MEMBER")).resolves.toMatchObject({ role: "MEMBER" });
    await expect(requireTeamRole(member.id, team.slug, "ADMIN")).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(requireTeamRole(admin.id, team.slug, "ADMIN")).resolves.toMatchObject({ role: "ADMIN" });
    await expect(requireTeamRole(admin.id, team.slug, "OWNER")).rejects.toMatchObject({ code: "forbidden", status: 403 });
  });

  it("listTeamsForUser lists only the user's own teams", async () => {
    const a = await createTeamWithOwner();
    const b = await createTeamWithOwner();
    const c = await createTeamWithOwner();
    const { user } = await addMember(a.team.id, "MEMBER");
    await db.membership.create({ data: { teamId: c.team.id, userId: user.id, role: "ADMIN" } });
    const teams = await listTeamsForUser(user.id);
    expect(teams.map((team) => [team.id, team.role]).sort()).toEqual(
      [
        [a.team.id, "MEMBER"],
        [c.team.id, "ADMIN"],
      ].sort(),
    );
    expect(teams.map((team) => team.id)).not.toContain(b.team.id);
  });
});
