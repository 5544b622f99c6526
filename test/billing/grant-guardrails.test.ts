// Issue 15, point 5: one admin grant or adjustment moves at most ADMIN_GRANT_MAX (default 10,000 of the
// currency), in the admin console and in the management API (422 on `amount` over it); nothing moves.
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { adminGrantMax } from "@/lib/env";
import { validateInput } from "@/lib/validation";
import { grantTeamCredit, grantTeamCreditSchema } from "@/lib/admin/grant-team-credit";
import * as creditsRoute from "@/app/api/v1/teams/[team]/credits/route";
import { createTeamWithOwner, createUser } from "../factories";
import { call } from "../support/management-factories";
import { expectLedgerInvariant } from "../support/ledger";

afterEach(() => void delete process.env.ADMIN_GRANT_MAX);

const credit = (team: string, body: Record<string, string>) =>
  call(creditsRoute.POST, "POST", `/api/v1/teams/${team}/credits`, { params: { team }, body: { reason: "guardrail test", ...body } });

describe("ADMIN_GRANT_MAX", () => {
  it("defaults to 10,000 of the currency", () => {
    expect(adminGrantMax()).toBe(10_000_000_000n);
  });

  it("lets the management API grant exactly the maximum and refuses a micro-unit more with 422 on amount", async () => {
    const { team } = await createTeamWithOwner();
    expect((await credit(team.slug, { amount: "10000" })).status).toBe(201);
    const over = await credit(team.slug, { amount: "10000.000001" });
    expect(over).toMatchObject({ status: 422, body: { code: "validation_failed" } });
    expect(over.body.errors.amount).toBe("At most $10000.00 per grant or adjustment (ADMIN_GRANT_MAX).");
    expect((await credit(team.slug, { amount: "99999999999" })).status).toBe(422);
    expect(await expectLedgerInvariant(team.id)).toBe(10_000_000_000n);
  });

  it("bounds negative adjustments the same way", async () => {
    const { team } = await createTeamWithOwner();
    expect((await credit(team.slug, { amount: "-10000.01", kind: "ADJUSTMENT" })).status).toBe(422);
    expect((await credit(team.slug, { amount: "-10000", kind: "ADJUSTMENT" })).status).toBe(201);
    expect(await expectLedgerInvariant(team.id)).toBe(-10_000_000_000n);
  });

  it("follows the setting, and the admin console refuses over it before any credit moves", async () => {
    process.env.ADMIN_GRANT_MAX = "250.50";
    const { team } = await createTeamWithOwner();
    const admin = await db.user.update({ where: { id: (await createUser()).id }, data: { isPlatformAdmin: true } });
    const form = (amount: string) =>
      validateInput(grantTeamCreditSchema, {
        team: team.slug,
        amount,
        kind: "GRANT",
        reason: "pilot",
        idempotencyKey: crypto.randomUUID(),
      });
    expect(() => form("250.51")).toThrow(expect.objectContaining({ fieldErrors: { amount: expect.stringContaining("$250.50") } }));
    await grantTeamCredit(admin.id, form("250.50"));
    expect((await credit(team.slug, { amount: "251" })).status).toBe(422);
    expect(await expectLedgerInvariant(team.id)).toBe(250_500_000n);
  });
});
