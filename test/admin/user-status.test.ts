// lib/admin/set-user-status.ts: disabling and enabling accounts, and the platform admin role. Each
// change is audit-logged with its reason; nobody acts on themself; the platform always keeps an
// active admin, also when two admins act on each other at the same moment; a disabled account
// cannot sign in.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setUserStatus, userStatusSchema } from "@/lib/admin/set-user-status";
import { listAdminUsers } from "@/lib/admin/list-admin-users";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { validateInput } from "@/lib/validation";
import { auditFor, createTeamWithOwner, createUser, GOOD_PASSWORD } from "../factories";
import { createAdmin } from "./admin-fixtures";

const input = (userId: string, reason = "abuse report #12") => validateInput(userStatusSchema, { userId, reason });
const reload = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { disabledAt: true, isPlatformAdmin: true } });

describe("setUserStatus", () => {
  it("disables an account at once, audit-logged with the reason; the account cannot sign in until enabled", async () => {
    const admin = await createAdmin();
    const user = await createUser({ password: GOOD_PASSWORD });
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD })).resolves.toMatchObject({ id: user.id });

    const disabled = await setUserStatus(admin.id, "disable", input(user.id), "req_test_disable");
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD })).rejects.toMatchObject({ code: "disabled" });

    // Sessions from before the disable are cut off for good (lib/auth/session.ts compares sign-in times).
    const cutoff = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionsValidAfter: true } });
    expect(cutoff.sessionsValidAfter?.getTime()).toBe(disabled.disabledAt!.getTime());

    await setUserStatus(admin.id, "enable", input(user.id, "appeal accepted"));
    expect((await reload(user.id)).disabledAt).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionsValidAfter: true } })).sessionsValidAfter).toEqual(
      cutoff.sessionsValidAfter,
    );
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD })).resolves.toMatchObject({ id: user.id });

    expect(
      (await auditFor(user.id)).map((row) => [row.action, row.actorType, row.actorUserId, row.targetType, row.metadata, row.teamId]),
    ).toEqual([
      ["user.disabled", "USER", admin.id, "user", { email: user.email, reason: "abuse report #12" }, null],
      ["user.enabled", "USER", admin.id, "user", { email: user.email, reason: "appeal accepted" }, null],
    ]);
    expect((await auditFor(user.id))[0]!.requestId).toBe("req_test_disable");
  });

  it("refuses to disable or demote oneself, and changes that change nothing", async () => {
    const admin = await createAdmin();
    const user = await createUser();
    await expect(setUserStatus(admin.id, "disable", input(admin.id))).rejects.toMatchObject({
      code: "forbidden",
      message: "You cannot disable your own account.",
    });
    await expect(setUserStatus(admin.id, "revokeAdmin", input(admin.id))).rejects.toMatchObject({
      code: "forbidden",
      message: "You cannot remove your own platform admin role.",
    });
    await expect(setUserStatus(admin.id, "enable", input(user.id))).rejects.toMatchObject({
      code: "conflict",
      message: `${user.email} is already active.`,
    });
    await expect(setUserStatus(admin.id, "revokeAdmin", input(user.id))).rejects.toMatchObject({ code: "conflict" });
    await setUserStatus(admin.id, "disable", input(user.id));
    await expect(setUserStatus(admin.id, "disable", input(user.id))).rejects.toMatchObject({
      code: "conflict",
      message: `${user.email} is already disabled.`,
    });
    await expect(setUserStatus(admin.id, "grantAdmin", input(user.id))).rejects.toMatchObject({
      message: "Enable this account before making it a platform admin.",
    });
    expect(await reload(admin.id)).toEqual({ disabledAt: null, isPlatformAdmin: true });
    expect((await auditFor(admin.id)).filter((row) => row.action.startsWith("user."))).toEqual([]);
    expect((await auditFor(user.id)).map((row) => row.action)).toEqual(["user.disabled"]);
  });

  it("lets only active platform admins act, checked in the database", async () => {
    const user = await createUser();
    const target = await createUser();
    await expect(setUserStatus(user.id, "disable", input(target.id))).rejects.toMatchObject({ code: "not_found" });
    const admin = await createAdmin();
    const other = await createAdmin();
    await setUserStatus(other.id, "disable", input(admin.id));
    await expect(setUserStatus(admin.id, "disable", input(target.id))).rejects.toMatchObject({ code: "not_found" });
    await expect(setUserStatus(other.id, "disable", input("no-such-user"))).rejects.toMatchObject({ code: "not_found" });
    expect((await reload(target.id)).disabledAt).toBeNull();
  });

  it("never leaves the platform without an active admin when two admins disable each other at once", async () => {
    for (const change of ["disable", "revokeAdmin"] as const) {
      const [a, b] = [await createAdmin(), await createAdmin()];
      const results = await Promise.allSettled([setUserStatus(a.id, change, input(b.id)), setUserStatus(b.id, change, input(a.id))]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      const states = [await reload(a.id), await reload(b.id)];
      expect(states.filter((state) => state.isPlatformAdmin && !state.disabledAt)).toHaveLength(1);
    }
  });

  it("grants and revokes the platform admin role, audit-logged", async () => {
    const admin = await createAdmin();
    const user = await createUser();
    await setUserStatus(admin.id, "grantAdmin", input(user.id, "new operator"));
    expect((await reload(user.id)).isPlatformAdmin).toBe(true);
    await setUserStatus(admin.id, "revokeAdmin", input(user.id, "left the company"));
    expect((await reload(user.id)).isPlatformAdmin).toBe(false);
    expect((await auditFor(user.id)).map((row) => row.action)).toEqual(["user.platform_admin.granted", "user.platform_admin.revoked"]);
  });

  it("requires a reason", () => {
    expect(() => validateInput(userStatusSchema, { userId: "u1", reason: "  x " })).toThrow(
      expect.objectContaining({ fieldErrors: { reason: "Give a reason of at least 3 characters." } }),
    );
  });
});

describe("listAdminUsers", () => {
  it("searches by email or name, filters by status and counts teams", async () => {
    const admin = await createAdmin();
    const { owner } = await createTeamWithOwner();
    const word = owner.email.split("@")[0]!.split("-")[1]!;
    await createTeamWithOwner().then(({ team }) => db.membership.create({ data: { teamId: team.id, userId: owner.id, role: "MEMBER" } }));
    expect((await listAdminUsers({ query: word.toUpperCase() })).rows).toEqual([
      expect.objectContaining({ id: owner.id, teams: 2, isPlatformAdmin: false, disabledAt: null }),
    ]);

    const named = await createUser({ name: `Zelda ${word}x` });
    expect((await listAdminUsers({ query: `zelda ${word}` })).rows.map((row) => row.id)).toEqual([named.id]);

    await setUserStatus(admin.id, "disable", input(named.id));
    expect((await listAdminUsers({ query: word, status: "disabled" })).rows.map((row) => row.id)).toEqual([named.id]);
    expect((await listAdminUsers({ query: word, status: "active" })).rows.map((row) => row.id)).toEqual([owner.id]);
    expect((await listAdminUsers({ query: admin.email, status: "admins" })).rows.map((row) => row.id)).toEqual([admin.id]);
  });
});
