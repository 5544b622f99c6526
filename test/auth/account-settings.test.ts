// The account settings page's rules (lib/auth): password change with the current password, email
// change confirmed at the new address, the account's sessions, and account deletion refused while
// the user is the last owner of a team with money or other members.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { changePassword } from "@/lib/auth/account-password";
import { cancelEmailChange, confirmEmailChange, pendingEmailChange, requestEmailChange } from "@/lib/auth/email-change";
import { endUserSession, endUserSessions, findSessionUser, listUserSessions, startSession } from "@/lib/auth/sessions";
import { accountDeletionBlockers, deleteAccount } from "@/lib/auth/account-deletion";
import { unlinkProvider } from "@/lib/auth/account-profile";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { createTeam } from "@/lib/teams/create-team";
import { provisionNewUser } from "@/lib/teams/provision-new-user";
import { addMember, createUser, GOOD_PASSWORD, uniqueEmail, uniqueName } from "../factories";
import { createRawKey, grant } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { outboxFor } from "./outbox";

const NEW_PASSWORD = "a brand new passphrase 7";
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error) => error,
  );

async function signedInUser(options: { password?: string | null } = {}) {
  const user = await createUser({ password: options.password === null ? undefined : (options.password ?? GOOD_PASSWORD) });
  const sid = await startSession(user.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36", ip: "10.1.2.3" });
  const session = (await findSessionUser({ sub: user.id, sid }))!;
  return { user, sid, session };
}

async function confirmTokenFor(to: string): Promise<string> {
  for (const email of await outboxFor(to)) {
    const token = /\/confirm-email#token=([\w-]+)/.exec(email.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no confirmation link was sent to ${to}`);
}

describe("password change", () => {
  it("needs the current password, keeps this session and ends the others", async () => {
    const { user, sid, session } = await signedInUser();
    const other = await startSession(user.id);
    expect(await failure(changePassword(session, { currentPassword: "wrong password!", newPassword: NEW_PASSWORD }))).toMatchObject({
      fieldErrors: { currentPassword: "This is not your current password." },
    });
    expect(await failure(changePassword(session, { currentPassword: GOOD_PASSWORD, newPassword: "short" }))).toMatchObject({
      fieldErrors: { newPassword: expect.any(String) },
    });
    expect(await changePassword(session, { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD })).toEqual({ endedSessions: 1 });
    expect(await findSessionUser({ sub: user.id, sid })).not.toBeNull();
    expect(await findSessionUser({ sub: user.id, sid: other })).toBeNull();
    expect(await verifyPassword(NEW_PASSWORD, (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!)).toBe(true);
    expect((await outboxFor(user.email))[0]!.subject).toBe("Your Tollgate password was changed");
  });

  it("stops guessing the current password after 5 wrong tries", async () => {
    const { session } = await signedInUser();
    for (let i = 0; i < 5; i++)
      await failure(changePassword(session, { currentPassword: `wrong ${i} password`, newPassword: NEW_PASSWORD }));
    expect(await failure(changePassword(session, { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD }))).toMatchObject({
      code: "rate_limited",
    });
  });
});

describe("email change", () => {
  it("takes effect only from the link sent to the new address, which it verifies; the old address is told twice", async () => {
    const { user, sid } = await signedInUser();
    const newEmail = uniqueEmail("moved");
    expect(await failure(requestEmailChange(user.id, { newEmail, currentPassword: "wrong password!" }))).toMatchObject({
      fieldErrors: { currentPassword: expect.any(String) },
    });
    await requestEmailChange(user.id, { newEmail, currentPassword: GOOD_PASSWORD });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect(await pendingEmailChange(user.id)).toMatchObject({ email: newEmail });
    expect((await outboxFor(user.email))[0]!.subject).toBe("A change of your Tollgate address was asked for");

    const token = await confirmTokenFor(newEmail);
    expect(await confirmEmailChange(token)).toEqual({ state: "changed", email: newEmail, previousEmail: user.email });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(newEmail);
    expect(row.emailVerified).toBeInstanceOf(Date);
    expect((await outboxFor(user.email))[0]!.subject).toBe("Your Tollgate address was changed");
    expect(await confirmEmailChange(token)).toEqual({ state: "used" });
    expect(await pendingEmailChange(user.id)).toBeNull();
    // The session carries on, under the new address.
    expect(await findSessionUser({ sub: user.id, sid })).toMatchObject({ email: newEmail, emailVerified: true });
  });

  it("sends an address that has an account a note, not a link, and looks the same to the asker", async () => {
    const { user } = await signedInUser();
    const owner = await createUser();
    await expect(requestEmailChange(user.id, { newEmail: owner.email, currentPassword: GOOD_PASSWORD })).resolves.toBeUndefined();
    const [note] = await outboxFor(owner.email);
    expect(note!.subject).toBe("Someone tried to move a Tollgate account to your address");
    expect(note!.text).not.toContain("confirm-email");
    // The settings page shows the same pending change as for a free address: it reveals nothing.
    expect(await pendingEmailChange(user.id)).toMatchObject({ email: owner.email });
  });

  it("refuses when the address was taken between the request and the click", async () => {
    const { user } = await signedInUser();
    const newEmail = uniqueEmail("race");
    await requestEmailChange(user.id, { newEmail, currentPassword: GOOD_PASSWORD });
    await createUser({ email: newEmail });
    expect(await confirmEmailChange(await confirmTokenFor(newEmail))).toEqual({ state: "taken", email: newEmail });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("is cancelled, and replaced by a newer request", async () => {
    const { user } = await signedInUser();
    const [first, second] = [uniqueEmail("first"), uniqueEmail("second")];
    await requestEmailChange(user.id, { newEmail: first, currentPassword: GOOD_PASSWORD });
    const firstToken = await confirmTokenFor(first);
    await requestEmailChange(user.id, { newEmail: second, currentPassword: GOOD_PASSWORD });
    expect(await confirmEmailChange(firstToken)).toEqual({ state: "invalid" });
    expect(await cancelEmailChange(user.id)).toBe(true);
    expect(await confirmEmailChange(await confirmTokenFor(second))).toEqual({ state: "invalid" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("voids links mailed to the old address", async () => {
    const { user } = await signedInUser();
    const reset = await db.accountToken.create({
      data: {
        userId: user.id,
        purpose: "PASSWORD_RESET",
        email: user.email,
        tokenHash: `h-${user.id}`,
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const newEmail = uniqueEmail("moved");
    await requestEmailChange(user.id, { newEmail, currentPassword: GOOD_PASSWORD });
    await confirmEmailChange(await confirmTokenFor(newEmail));
    expect(await db.accountToken.findUnique({ where: { id: reset.id } })).toBeNull();
  });
});

describe("sessions", () => {
  it("lists the account's sessions with their browser, and ends one, all others, or all", async () => {
    const { user, sid, session } = await signedInUser();
    const second = await startSession(user.id, { userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Firefox/121.0" });
    const third = await startSession(user.id);
    const stranger = await signedInUser();

    const listed = await listUserSessions(user.id);
    expect(listed).toHaveLength(3);
    expect(listed.map((row) => describeUserAgent(row.userAgent)).sort()).toEqual([
      "Chrome on Linux",
      "Firefox on macOS",
      "Unknown browser",
    ]);
    expect(listed.find((row) => row.id === session.sessionId)).toMatchObject({ ipAddress: "10.1.2.3" });

    // One's own sessions only: another account's session id changes nothing.
    expect(await endUserSession(user.id, stranger.session.sessionId)).toBe(false);
    expect(await findSessionUser({ sub: stranger.user.id, sid: stranger.sid })).not.toBeNull();

    const secondId = (await findSessionUser({ sub: user.id, sid: second }))!.sessionId;
    expect(await endUserSession(user.id, secondId)).toBe(true);
    expect(await findSessionUser({ sub: user.id, sid: second })).toBeNull();

    expect(await endUserSessions(user.id, { exceptSessionId: session.sessionId })).toBe(1);
    expect(await findSessionUser({ sub: user.id, sid: third })).toBeNull();
    expect(await findSessionUser({ sub: user.id, sid })).not.toBeNull();

    expect(await endUserSessions(user.id)).toBe(1);
    expect(await findSessionUser({ sub: user.id, sid })).toBeNull();
  });
});

describe("sign-in methods", () => {
  it("never unlinks the last way in", async () => {
    const { user } = await signedInUser({ password: null });
    await db.account.create({ data: { userId: user.id, type: "oauth", provider: "github", providerAccountId: user.id } });
    expect(await failure(unlinkProvider(user.id, "github"))).toMatchObject({ code: "conflict" });
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: user.id } });
    await unlinkProvider(user.id, "github");
    expect(await db.account.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("account deletion", () => {
  async function personalUser() {
    const { user, session } = await signedInUser();
    await provisionNewUser(user.id);
    const personal = (await db.membership.findFirstOrThrow({ where: { userId: user.id }, include: { team: true } })).team;
    return { user, session, personal };
  }
  const remove = (user: { id: string; email: string }) =>
    deleteAccount(user.id, { confirmEmail: user.email, currentPassword: GOOD_PASSWORD });

  it("is refused while the user is the last owner of a team with credit, saying what to do", async () => {
    const { user, personal } = await personalUser();
    await grant(personal.id, 12_500_000n);
    const [blocker] = await accountDeletionBlockers(user.id);
    expect(blocker).toMatchObject({ reason: "balance", team: { slug: personal.slug } });
    expect(blocker!.message).toContain("$12.50 of credit");
    expect(blocker!.message).toMatch(/make them an owner, or ask a platform admin to settle/);
    expect(await failure(remove(user))).toMatchObject({ code: "conflict", message: blocker!.message });
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
    await expectLedgerInvariant(personal.id);
  });

  it("is refused while the user is the last owner of a shared team with credit or with other members", async () => {
    const { user } = await personalUser();
    const shared = await createTeam(user.id, uniqueName("Shared"));
    const { user: member } = await addMember(shared.id, "MEMBER");
    const [members] = await accountDeletionBlockers(user.id);
    expect(members).toMatchObject({ reason: "members", team: { slug: shared.slug } });
    await grant(shared.id, 1_000_000n);
    const [money] = await accountDeletionBlockers(user.id);
    expect(money!.message).toMatch(
      /has \$1\.00 of credit\. To delete your account, first make another member an owner on the team's Members page/,
    );
    // Another owner lifts the block: the team goes on without this user.
    await db.membership.updateMany({ where: { teamId: shared.id, userId: member.id }, data: { role: "OWNER" } });
    expect(await accountDeletionBlockers(user.id)).toEqual([]);
    await remove(user);
    expect(await db.team.count({ where: { id: shared.id } })).toBe(1);
    await expectLedgerInvariant(shared.id);
  });

  it("deletes the account with its sessions and the teams only it held, with their keys", async () => {
    const { user, personal } = await personalUser();
    const sid = await startSession(user.id);
    const { keyRow } = await createRawKey(personal.id);
    expect(await failure(deleteAccount(user.id, { confirmEmail: "someone@else.test", currentPassword: GOOD_PASSWORD }))).toMatchObject({
      fieldErrors: { confirmEmail: `Type ${user.email} to confirm.` },
    });
    expect(await failure(deleteAccount(user.id, { confirmEmail: user.email, currentPassword: "wrong password!" }))).toMatchObject({
      fieldErrors: { currentPassword: expect.any(String) },
    });
    expect(await remove(user)).toEqual({ deletedTeams: [personal.slug] });
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await db.team.count({ where: { id: personal.id } })).toBe(0);
    expect(await db.apiKey.count({ where: { id: keyRow.id } })).toBe(0);
    expect(await findSessionUser({ sub: user.id, sid })).toBeNull();
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "user.deleted" } })).toBe(1);
  });
});
