// lib/teams/provision-new-user.ts: who becomes a platform admin, and the personal team.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { provisionNewUser } from "@/lib/teams/provision-new-user";
import { createUser, uniqueEmail } from "../factories";
import { withFreshDatabase } from "../support/fresh-database";

afterEach(() => {
  delete process.env.ADMIN_EMAILS;
});

describe("provisionNewUser", () => {
  it("makes the first account of an empty install a platform admin, and only that one", async () => {
    await withFreshDatabase(async (client) => {
      const first = await client.user.create({ data: { email: uniqueEmail("first") } });
      await client.$transaction((tx) => provisionNewUser(first.id, tx));
      const second = await client.user.create({ data: { email: uniqueEmail("second") } });
      await client.$transaction((tx) => provisionNewUser(second.id, tx));

      expect(await client.user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ isPlatformAdmin: true });
      expect(await client.user.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ isPlatformAdmin: false });
      const audit = await client.auditLog.findMany({ where: { action: "user.made_platform_admin" } });
      expect(audit).toEqual([expect.objectContaining({ actorType: "SYSTEM", targetId: first.id, metadata: { reason: "first account" } })]);
    });
  });

  it("makes exactly one admin when the first two sign-ups arrive at the same moment", async () => {
    await withFreshDatabase(async (client) => {
      // as in signUpWithPassword: the user row and the provisioning share one transaction
      const signUp = () =>
        client.$transaction(async (tx) => provisionNewUser((await tx.user.create({ data: { email: uniqueEmail() } })).id, tx));
      await Promise.all([signUp(), signUp()]);
      expect(await client.user.count()).toBe(2);
      expect(await client.user.count({ where: { isPlatformAdmin: true } })).toBe(1);
    });
  });

  it("makes emails listed in ADMIN_EMAILS platform admins, case-insensitively", async () => {
    await createUser(); // never the first account
    const listed = await createUser({ email: uniqueEmail("boss") });
    const other = await createUser();
    process.env.ADMIN_EMAILS = ` someone@else.test , ${listed.email.toUpperCase()} `;

    await provisionNewUser(listed.id);
    await provisionNewUser(other.id);

    expect(await db.user.findUniqueOrThrow({ where: { id: listed.id } })).toMatchObject({ isPlatformAdmin: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ isPlatformAdmin: false });
    expect(await db.auditLog.findFirst({ where: { action: "user.made_platform_admin", targetId: listed.id } })).toMatchObject({
      metadata: { reason: "ADMIN_EMAILS" },
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
