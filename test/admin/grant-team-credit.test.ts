// lib/admin/grant-team-credit.ts: what the admin credit form does. Only platform admins (checked
// in the database, not taken from the caller), one credit per form rendering, audit-logged.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { validateInput } from "@/lib/validation";
import { grantTeamCredit, grantTeamCreditSchema } from "@/lib/admin/grant-team-credit";
import { listCreditGrants } from "@/lib/admin/list-credit-grants";
import { searchTeams } from "@/lib/admin/search-teams";
import { createTeamWithOwner, createUser } from "../factories";

const createAdmin = async () =>
  db.user.update({ where: { id: (await createUser({ name: "Root Admin" })).id }, data: { isPlatformAdmin: true } });

/** The form as the browser posts it, validated the way the action does. */
const form = (fields: Record<string, string>) =>
  validateInput(grantTeamCreditSchema, { kind: "GRANT", idempotencyKey: crypto.randomUUID(), ...fields });

describe("grantTeamCredit", () => {
  it("credits the team, records the admin as actor and audits it", async () => {
    const admin = await createAdmin();
    const { team } = await createTeamWithOwner();
    const { entry, replayed } = await grantTeamCredit(admin.id, form({ team: team.slug, amount: "12.50", reason: "pilot credit" }));
    expect(replayed).toBe(false);
    expect(entry).toMatchObject({
      teamId: team.id,
      kind: "GRANT",
      amount: 12_500_000n,
      balanceAfter: 12_500_000n,
      reason: "pilot credit",
      actorUserId: admin.id,
    });
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).balance).toBe(12_500_000n);
    expect(await db.auditLog.findFirst({ where: { targetId: entry.id } })).toMatchObject({
      action: "credit.granted",
      actorType: "USER",
      actorUserId: admin.id,
      teamId: team.id,
    });
    expect((await listCreditGrants()).find((row) => row.id === entry.id)).toMatchObject({
      actor: "Root Admin",
      reason: "pilot credit",
      team: { slug: team.slug },
    });
  });

  it("credits once for a double submit of one form rendering", async () => {
    const admin = await createAdmin();
    const { team } = await createTeamWithOwner();
    const input = form({ team: team.slug, amount: "3", reason: "double click" });
    const results = await Promise.all([grantTeamCredit(admin.id, input), grantTeamCredit(admin.id, input)]);
    expect(results.filter((result) => result.replayed)).toHaveLength(1);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).balance).toBe(3_000_000n);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("takes credit away with a negative adjustment", async () => {
    const admin = await createAdmin();
    const { team } = await createTeamWithOwner();
    await grantTeamCredit(admin.id, form({ team: team.slug, amount: "10", reason: "start" }));
    const { entry } = await grantTeamCredit(
      admin.id,
      form({ team: team.slug, amount: "-2.25", kind: "ADJUSTMENT", reason: "overcharge fix" }),
    );
    expect(entry.balanceAfter).toBe(7_750_000n);
  });

  it("refuses non-admins, disabled admins and unknown users, writing nothing", async () => {
    const { team, owner } = await createTeamWithOwner();
    const disabled = await db.user.update({ where: { id: (await createUser({ disabled: true })).id }, data: { isPlatformAdmin: true } });
    for (const userId of [owner.id, disabled.id, "no-such-user"]) {
      await expect(grantTeamCredit(userId, form({ team: team.slug, amount: "1", reason: "sneaky" }))).rejects.toMatchObject({
        code: "not_found",
      });
    }
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id } })).toBe(0);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).balance).toBe(0n);
  });

  it("answers an unknown team next to the team field", async () => {
    const admin = await createAdmin();
    await expect(grantTeamCredit(admin.id, form({ team: "no-such-team", amount: "1", reason: "ghost" }))).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { team: "No team has this slug. Search for it again." },
    });
  });
});

describe("grantTeamCreditSchema", () => {
  it("reports every field's problem at once", () => {
    const result = grantTeamCreditSchema.safeParse({ team: "", amount: "1.2.3", reason: "x", kind: "GRANT", idempotencyKey: "" });
    const paths = result.error?.issues.map((issue) => issue.path[0]);
    expect(new Set(paths)).toEqual(new Set(["team", "amount", "reason", "idempotencyKey"]));
  });

  it("refuses a zero or negative grant and a zero adjustment", () => {
    const base = { team: "t", reason: "why not", idempotencyKey: crypto.randomUUID() };
    expect(grantTeamCreditSchema.safeParse({ ...base, amount: "-1", kind: "GRANT" }).success).toBe(false);
    expect(grantTeamCreditSchema.safeParse({ ...base, amount: "0", kind: "ADJUSTMENT" }).success).toBe(false);
    expect(grantTeamCreditSchema.safeParse({ ...base, amount: "-1", kind: "ADJUSTMENT" }).success).toBe(true);
  });
});

describe("searchTeams", () => {
  it("finds teams by part of the name or slug, case-insensitively", async () => {
    const { team } = await createTeamWithOwner(`Zebra Crossing ${crypto.randomBytes(3).toString("hex")}`);
    expect((await searchTeams(team.name.toUpperCase())).map((found) => found.id)).toEqual([team.id]);
    expect((await searchTeams(team.slug)).map((found) => found.id)).toContain(team.id);
    expect(await searchTeams(`nothing-${crypto.randomUUID()}`)).toEqual([]);
  });
});
