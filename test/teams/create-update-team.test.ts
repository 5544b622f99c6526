// lib/teams/create-team.ts and update-team.ts: slugs, roles required, and the audit trail.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTeam, teamNameSchema } from "@/lib/teams/create-team";
import { deleteTeam, renameTeam } from "@/lib/teams/update-team";
import { RESERVED_SLUGS, SLUG_PATTERN, slugify } from "@/lib/teams/slugs";
import { provisionNewUser } from "@/lib/teams/provision-new-user";
import { addMember, auditFor, contextFor, createTeamWithOwner, createUser, uniqueName } from "../factories";

describe("createTeam", () => {
  it("creates the team with its creator as owner and audits it", async () => {
    const user = await createUser();
    const name = uniqueName("Acme Corp");
    const team = await createTeam(user.id, name);
    expect(team).toMatchObject({ name, slug: slugify(name), personal: false, balance: 0n });
    expect(await db.membership.findMany({ where: { teamId: team.id } })).toEqual([
      expect.objectContaining({ userId: user.id, role: "OWNER" }),
    ]);
    expect(await auditFor(team.id)).toEqual([expect.objectContaining({ action: "team.created", actorUserId: user.id, teamId: team.id })]);
  });

  it("never reuses a slug and never takes a reserved one", async () => {
    const user = await createUser();
    const name = uniqueName("Same Name");
    const first = await createTeam(user.id, name);
    const second = await createTeam(user.id, name);
    expect(second.slug).not.toBe(first.slug);
    expect(second.slug.startsWith(`${first.slug}-`)).toBe(true);

    const admin = await createTeam(user.id, "Admin");
    expect(RESERVED_SLUGS.has(admin.slug)).toBe(false);
    expect(admin.slug).toMatch(/^admin-[0-9a-f]{6}$/);
    expect(admin.slug).toMatch(SLUG_PATTERN);
  });

  it("validates team names", () => {
    expect(teamNameSchema.safeParse(" A ").error?.issues[0]?.message).toBe("Use at least 2 characters.");
    expect(teamNameSchema.safeParse("x".repeat(61)).error?.issues[0]?.message).toBe("Use at most 60 characters.");
    expect(teamNameSchema.parse("  Acme  ")).toBe("Acme");
  });
});

describe("renameTeam", () => {
  it("lets owners and admins rename, keeps the slug, and audits old and new names", async () => {
    const { team } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    await renameTeam(await contextFor(admin.id, team), "Renamed team");
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ name: "Renamed team", slug: team.slug });
    expect(await db.auditLog.findFirst({ where: { teamId: team.id, action: "team.renamed" } })).toMatchObject({
      actorUserId: admin.id,
      metadata: { from: team.name, to: "Renamed team" },
    });
  });

  it("refuses members", async () => {
    const { team } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    await expect(renameTeam(await contextFor(member.id, team), "Hijacked")).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ name: team.name });
  });
});

describe("deleteTeam", () => {
  it("lets an owner delete a shared team without credit, keeping the audit row", async () => {
    const { team, ownerCtx, owner } = await createTeamWithOwner();
    await deleteTeam(ownerCtx);
    expect(await db.team.findUnique({ where: { id: team.id } })).toBeNull();
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(0);
    const audit = await auditFor(team.id);
    expect(audit.map((row) => row.action)).toEqual(["team.created", "team.deleted"]);
    expect(audit[1]).toMatchObject({ actorUserId: owner.id, metadata: { slug: team.slug, name: team.name } });
  });

  it("refuses admins, personal teams and teams that still hold credit", async () => {
    const { team, ownerCtx } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    await expect(deleteTeam(await contextFor(admin.id, team))).rejects.toMatchObject({ code: "forbidden" });

    await db.team.update({ where: { id: team.id }, data: { balance: 1n } });
    await expect(deleteTeam(ownerCtx)).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await db.team.findUnique({ where: { id: team.id } })).not.toBeNull();
    expect(await db.auditLog.count({ where: { targetId: team.id, action: "team.deleted" } })).toBe(0);

    await createUser(); // not the first account
    const user = await createUser();
    await provisionNewUser(user.id);
    const personal = await db.team.findFirstOrThrow({ where: { personal: true, memberships: { some: { userId: user.id } } } });
    await expect(deleteTeam(await contextFor(user.id, personal))).rejects.toMatchObject({ code: "conflict" });
  });
});
