// lib/teams/invitations.ts: who may invite, what is stored (a hash, never the token), and every
// way an invitation link can be refused.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import {
  acceptInvitation,
  findInvitationByToken,
  invitationSchema,
  inviteMember,
  listPendingInvitations,
  resendInvitation,
  revokeInvitation,
} from "@/lib/teams/invitations";
import { addMember, auditFor, contextFor, createTeamWithOwner, createUser, uniqueEmail } from "../factories";
import { UNSENT_EMAIL_FIELD } from "@/lib/log/logger";
import { captureLogsPerTest } from "../support/log-capture";

// Without SMTP the email goes to the server log; keep it out of the test output but check it.
const serverLog = captureLogsPerTest();

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** A team, its owner's context, and an invitation for a fresh address. */
async function invited(role: "OWNER" | "ADMIN" | "MEMBER" = "MEMBER") {
  const setup = await createTeamWithOwner();
  const email = uniqueEmail("invitee");
  const link = await inviteMember(setup.ownerCtx, email, role);
  return { ...setup, email, link, token: tokenOf(link.url) };
}

describe("inviteMember", () => {
  it("returns a link, stores only the token's SHA-256, logs the email and audits", async () => {
    const { team, owner, email, link, token } = await invited("ADMIN");
    expect(link.url).toBe(`http://localhost:3000/invite/${token}`);
    expect(link.emailed).toBe(false); // no SMTP_URL in tests

    const row = await db.invitation.findUniqueOrThrow({ where: { id: link.invitationId } });
    expect(row).toMatchObject({ teamId: team.id, email, role: "ADMIN", invitedById: owner.id, acceptedAt: null, revokedAt: null });
    expect(row.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const outbox = await db.emailOutbox.findFirstOrThrow({ where: { to: email } });
    expect(outbox).toMatchObject({ status: "LOGGED", attempts: 1 });
    expect(outbox.text).toContain(link.url);
    expect(serverLog.current.lines().map((line) => line[UNSENT_EMAIL_FIELD])).toContainEqual(expect.stringContaining(link.url));

    const audit = await auditFor(link.invitationId);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "team.member.invited",
        actorUserId: owner.id,
        teamId: team.id,
        metadata: { email, role: "ADMIN" },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses members, admins inviting owners, and existing members", async () => {
    const { team, ownerCtx } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    const { user: admin } = await addMember(team.id, "ADMIN");
    const email = uniqueEmail();

    await expect(inviteMember(await contextFor(member.id, team), email, "MEMBER")).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    await expect(inviteMember(await contextFor(admin.id, team), email, "OWNER")).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteMember(ownerCtx, member.email, "MEMBER")).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: expect.any(String) },
    });
    expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(0);

    await expect(inviteMember(await contextFor(admin.id, team), email, "ADMIN")).resolves.toMatchObject({ emailed: false });
  });

  it("replaces a pending invitation for the same address: the old link stops working", async () => {
    const { ownerCtx, team, email, link, token } = await invited();
    const renewed = await inviteMember(ownerCtx, email, "MEMBER");
    expect((await findInvitationByToken(token)).state).toBe("revoked");
    expect((await findInvitationByToken(tokenOf(renewed.url))).state).toBe("valid");
    expect((await listPendingInvitations(team.id)).map((row) => row.id)).toEqual([renewed.invitationId]);
    expect(renewed.invitationId).not.toBe(link.invitationId);
  });

  it("normalises addresses in the form schema", () => {
    expect(invitationSchema.parse({ email: "  Bob@Example.TEST ", role: "MEMBER" })).toEqual({ email: "bob@example.test", role: "MEMBER" });
    expect(invitationSchema.safeParse({ email: "bob", role: "MEMBER" }).error?.issues[0]?.message).toBe("Enter a valid email address.");
    expect(invitationSchema.safeParse({ email: "bob@example.test", role: "ROOT" }).success).toBe(false);
  });
});

describe("acceptInvitation", () => {
  it("adds the invited user with the invited role, once, and audits", async () => {
    const { team, email, link, token } = await invited("ADMIN");
    const user = await createUser({ email });
    await expect(acceptInvitation(user.id, token)).resolves.toMatchObject({ id: team.id, slug: team.slug });
    expect(await db.membership.findMany({ where: { teamId: team.id, userId: user.id } })).toEqual([
      expect.objectContaining({ role: "ADMIN" }),
    ]);
    expect((await findInvitationByToken(token)).state).toBe("used");
    expect((await auditFor(link.invitationId)).map((row) => row.action)).toEqual(["team.member.invited", "team.invitation.accepted"]);
  });

  it("refuses a user signed in with another email", async () => {
    const { team, token } = await invited();
    const stranger = await createUser();
    await expect(acceptInvitation(stranger.id, token)).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await db.membership.count({ where: { teamId: team.id, userId: stranger.id } })).toBe(0);
    expect((await findInvitationByToken(token)).state).toBe("valid");
  });

  it("matches the invited email case-insensitively", async () => {
    const { team, ownerCtx } = await createTeamWithOwner();
    const email = uniqueEmail();
    const link = await inviteMember(ownerCtx, email.toUpperCase(), "MEMBER");
    const user = await createUser({ email });
    await acceptInvitation(user.id, tokenOf(link.url));
    expect(await db.membership.count({ where: { teamId: team.id, userId: user.id } })).toBe(1);
  });

  it("refuses expired, revoked and already used invitations", async () => {
    const expired = await invited();
    await db.invitation.update({ where: { id: expired.link.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expiredUser = await createUser({ email: expired.email });
    await expect(acceptInvitation(expiredUser.id, expired.token)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/expired/),
    });

    const revoked = await invited();
    await revokeInvitation(revoked.ownerCtx, revoked.link.invitationId);
    const revokedUser = await createUser({ email: revoked.email });
    await expect(acceptInvitation(revokedUser.id, revoked.token)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/revoked/),
    });

    const used = await invited();
    const usedUser = await createUser({ email: used.email });
    await acceptInvitation(usedUser.id, used.token);
    await expect(acceptInvitation(usedUser.id, used.token)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already used/),
    });

    for (const { team } of [expired, revoked]) expect(await db.membership.count({ where: { teamId: team.id } })).toBe(1);
    expect(await db.membership.count({ where: { teamId: used.team.id } })).toBe(2);
  });

  it("refuses unknown and malformed tokens with a 404", async () => {
    const user = await createUser();
    for (const token of ["A".repeat(43), "short", "../../etc/passwd", ""]) {
      await expect(acceptInvitation(user.id, token)).rejects.toMatchObject({ code: "not_found", status: 404 });
    }
  });

  it("creates one membership when the same link is accepted twice at once", async () => {
    const { team, email, token } = await invited();
    const user = await createUser({ email });
    const results = await Promise.allSettled([
      acceptInvitation(user.id, token),
      acceptInvitation(user.id, token),
      acceptInvitation(user.id, token),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "conflict" });
    expect(await db.membership.count({ where: { teamId: team.id, userId: user.id } })).toBe(1);
  });
});

describe("revokeInvitation / resendInvitation", () => {
  it("revokes a pending invitation and audits it", async () => {
    const { team, ownerCtx, link, token } = await invited();
    await revokeInvitation(ownerCtx, link.invitationId);
    expect((await findInvitationByToken(token)).state).toBe("revoked");
    expect(await listPendingInvitations(team.id)).toEqual([]);
    expect((await auditFor(link.invitationId)).map((row) => row.action)).toEqual(["team.member.invited", "team.invitation.revoked"]);
    await expect(revokeInvitation(ownerCtx, link.invitationId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses members, and another team's invitations with a 404", async () => {
    const { team, link, token } = await invited();
    const { user: member } = await addMember(team.id, "MEMBER");
    await expect(revokeInvitation(await contextFor(member.id, team), link.invitationId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(resendInvitation(await contextFor(member.id, team), link.invitationId)).rejects.toMatchObject({ code: "forbidden" });

    const other = await createTeamWithOwner();
    await expect(revokeInvitation(other.ownerCtx, link.invitationId)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(resendInvitation(other.ownerCtx, link.invitationId)).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect((await findInvitationByToken(token)).state).toBe("valid");
  });

  it("resend issues a new link with the same role; the old one stops working", async () => {
    const { ownerCtx, email, link, token } = await invited("ADMIN");
    const resent = await resendInvitation(ownerCtx, link.invitationId);
    expect(tokenOf(resent.url)).not.toBe(token);
    expect((await findInvitationByToken(token)).state).toBe("revoked");
    const fresh = await findInvitationByToken(tokenOf(resent.url));
    expect(fresh).toMatchObject({ state: "valid", invitation: { email, role: "ADMIN" } });
  });
});
