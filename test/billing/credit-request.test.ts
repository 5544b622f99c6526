// Issue 15, point 7: without Stripe top-ups a member asks the platform admins for credit. Every
// platform admin gets a notice (and an email) with the amount and the note, linking to the admin
// credit form filled in; nothing moves until an admin grants; a few requests per team a day.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requestCredit, CREDIT_REQUESTS_PER_DAY } from "@/lib/billing/request-credit";
import { CREDIT_REQUEST_NOTICE } from "@/lib/notifications/notify-credit-request";
import { addMember, createTeamWithOwner, createUser } from "../factories";
import { expectLedgerInvariant } from "../support/ledger";

const platformAdmin = async () => db.user.update({ where: { id: (await createUser()).id }, data: { isPlatformAdmin: true } });

describe("requestCredit", () => {
  it("sends every platform admin a notice and an email with the amount, the note and a prefilled grant link; moves no money", async () => {
    const admins = [await platformAdmin(), await platformAdmin()];
    const { team } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    const result = await requestCredit(team.id, member.id, { amount: "25.50", note: "Pilot with Acme" });
    expect(result.amount).toBe(25_500_000n);

    for (const admin of admins) {
      const [notice] = await db.notification.findMany({ where: { userId: admin.id, kind: CREDIT_REQUEST_NOTICE } });
      expect(notice!.title).toBe(`Credit requested: $25.50 for ${team.name}`);
      expect(notice!.body).toContain(member.email);
      expect(notice!.body).toContain("“Pilot with Acme”");
      const link = new URL(notice!.link!);
      expect(link.pathname).toBe("/admin/credit");
      expect(Object.fromEntries(link.searchParams)).toEqual({
        q: team.slug,
        amount: "25.5",
        reason: `Credit request from ${member.name ? `${member.name} <${member.email}>` : member.email}: Pilot with Acme`,
      });
      const email = await db.emailOutbox.findFirst({ where: { to: admin.email, subject: notice!.title } });
      expect(email?.text).toContain(notice!.link!);
    }
    expect(await db.auditLog.count({ where: { teamId: team.id, action: "credit.requested", actorUserId: member.id } })).toBe(1);
    expect(await expectLedgerInvariant(team.id)).toBe(0n);
  });

  it("refuses zero, more than one grant may move, and a note over 500 characters, per field", async () => {
    const { team, owner } = await createTeamWithOwner();
    await expect(requestCredit(team.id, owner.id, { amount: "0" })).rejects.toMatchObject({ fieldErrors: { amount: expect.any(String) } });
    await expect(requestCredit(team.id, owner.id, { amount: "10000.01" })).rejects.toMatchObject({
      fieldErrors: { amount: "Ask for at most $10000.00 at a time." },
    });
    await expect(requestCredit(team.id, owner.id, { amount: "abc" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(requestCredit(team.id, owner.id, { amount: "5", note: "x".repeat(501) })).rejects.toMatchObject({
      fieldErrors: { note: expect.any(String) },
    });
    expect(await db.auditLog.count({ where: { teamId: team.id, action: "credit.requested" } })).toBe(0);
  });

  it(`allows ${CREDIT_REQUESTS_PER_DAY} requests per team a day, then says to wait`, async () => {
    await platformAdmin();
    const { team, owner } = await createTeamWithOwner();
    for (let i = 0; i < CREDIT_REQUESTS_PER_DAY; i++) await requestCredit(team.id, owner.id, { amount: "1" });
    await expect(requestCredit(team.id, owner.id, { amount: "1" })).rejects.toMatchObject({ code: "rate_limited" });
  });
});
