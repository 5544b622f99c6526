// lib/teams/provision-new-user.ts: the personal team of a new account (platform admin is granted on
// verification: test/auth/platform-admin-grant.test.ts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { provisionNewUser } from "@/lib/teams/provision-new-user";
import { createUser, uniqueEmail } from "../factories";
import { withFreshDatabase } from "../support/fresh-database";

describe("provisionNewUser", () => {
  it("makes nobody a platform admin, not even the first account (that needs a verified address)", async () => {
    await withFreshDatabase(async (client) => {
      const first = await client.user.create({ data: { email: uniqueEmail("first") } });
      await client.$transaction((tx) => provisionNewUser(first.id, tx));
      expect(await client.user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ isPlatformAdmin: false });
      expect(await client.auditLog.count({ where: { action: "user.made_platform_admin" } })).toBe(0);
    });
  });

  it("creates exactly one personal team, also when called again", async () => {
    await createUser();
    const user = await createUser({ name: "Ada Lovelace" });
    await provisionNewUser(user.id);
    await provisionNewUser(user.id);
    const memberships = await db.membership.findMany({ where: { userId: user.id }, include: { team: true } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "OWNER", team: { personal: true, name: "Ada Lovelace's team" } });
  });

  it("names the team after the email when the user has no name", async () => {
    await createUser();
    const user = await db.user.create({ data: { email: uniqueEmail("nameless") } });
    await provisionNewUser(user.id);
    const team = await db.team.findFirstOrThrow({ where: { memberships: { some: { userId: user.id } } } });
    expect(team.name).toBe(`${user.email.split("@")[0]}'s team`);
  });

  it("stores an OAuth account's mixed-case email in lowercase, so later lookups find it", async () => {
    await createUser();
    const mixed = uniqueEmail("Mixed.Case").replace("example", "Example");
    const user = await db.user.create({ data: { email: mixed } });
    await provisionNewUser(user.id);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(mixed.toLowerCase());
    expect(stored.email).not.toBe(mixed);
  });
});
