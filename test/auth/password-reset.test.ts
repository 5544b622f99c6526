// lib/auth/password-reset.ts: reset links are single-use, stored as their SHA-256, good for 30
// minutes, voided by a newer link and by any password change; asking answers the same for every
// address (nothing is looked up before the answer); asking is throttled per address and per client;
// using a link sets the password, verifies the address, ends every session and clears the lockout.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { verifyPassword } from "@/lib/auth/password";
import { inspectPasswordResetToken, requestPasswordReset, resetPassword, RESET_LIMITS, RESET_TTL_MINUTES } from "@/lib/auth/password-reset";
import { changePassword } from "@/lib/auth/account-password";
import { clearSignInLockout, signInLockedUntil, takeSignInAttempt, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-throttle";
import { startSession, findSessionUser } from "@/lib/auth/sessions";
import { createUser, GOOD_PASSWORD, randomIp, uniqueEmail } from "../factories";
import { outboxFor } from "./outbox";

const NEW_PASSWORD = "a brand new passphrase 7";
const runNow = (work: () => Promise<void>) => work();

/** The token of the newest reset link sent to `to`. */
async function resetTokenFor(to: string): Promise<string> {
  for (const email of await outboxFor(to)) {
    const token = /\/reset-password#token=([\w-]+)/.exec(email.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no reset link was sent to ${to}`);
}

async function userWithResetLink() {
  const user = await createUser({ password: GOOD_PASSWORD });
  await requestPasswordReset(user.email, randomIp(), runNow);
  return { user, token: await resetTokenFor(user.email) };
}

const resetError = (token: string, newPassword = NEW_PASSWORD) =>
  resetPassword({ token, newPassword }).then(
    () => null,
    (error: Error) => error,
  );

describe("asking for a reset link", () => {
  it("stores only the token's SHA-256, for 30 minutes, and mails a link whose token is in the fragment", async () => {
    const { user, token } = await userWithResetLink();
    const [row] = await db.accountToken.findMany({ where: { userId: user.id, purpose: "PASSWORD_RESET" } });
    expect(row).toMatchObject({ email: user.email, tokenHash: sha256Hex(token), usedAt: null });
    expect(JSON.stringify(row)).not.toContain(token);
    const ttl = row!.expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(RESET_TTL_MINUTES * 60_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(RESET_TTL_MINUTES * 60_000);
    const [email] = await outboxFor(user.email);
    expect(email!.subject).toBe("Reset your Tollgate password");
    expect(email!.text).toContain(`/reset-password#token=${token}`);
    expect(email!.text).not.toContain("?token=");
  });

  it("looks nothing up before the answer: known and unknown addresses take the same path until the deferred work", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const nobody = uniqueEmail("nobody");
    const deferred: (() => Promise<void>)[] = [];
    const defer = (work: () => Promise<void>) => void deferred.push(work);
    await requestPasswordReset(user.email, randomIp(), defer);
    await requestPasswordReset(nobody, randomIp(), defer);
    // Both answered; neither wrote a token or an email before its deferred work ran.
    expect(deferred).toHaveLength(2);
    expect(await db.accountToken.count({ where: { userId: user.id } })).toBe(0);
    expect(await outboxFor(user.email)).toHaveLength(0);
    for (const work of deferred) await work();
    expect(await outboxFor(user.email)).toHaveLength(1);
    expect(await outboxFor(nobody)).toHaveLength(0);
  });

  it("sends nothing to a disabled account", async () => {
    const user = await createUser({ password: GOOD_PASSWORD, disabled: true });
    await requestPasswordReset(user.email, randomIp(), runNow);
    expect(await outboxFor(user.email)).toHaveLength(0);
  });

  it(`is throttled per address (${RESET_LIMITS.email} an hour) whatever the client, and per client (${RESET_LIMITS.address} an hour)`, async () => {
    const user = await createUser();
    for (let i = 0; i < RESET_LIMITS.email; i++) await requestPasswordReset(user.email, randomIp(), runNow);
    await expect(requestPasswordReset(user.email, randomIp(), runNow)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await outboxFor(user.email)).toHaveLength(RESET_LIMITS.email);

    const ip = randomIp();
    for (let i = 0; i < RESET_LIMITS.address; i++) await requestPasswordReset(uniqueEmail("spray"), ip, runNow);
    // The refusal is the same for an address without an account: it tells nothing.
    await expect(requestPasswordReset(user.email.replace("@", "+x@"), ip, runNow)).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("using a reset link", () => {
  it("sets the password once; the same link then says it was used", async () => {
    const { user, token } = await userWithResetLink();
    expect(await inspectPasswordResetToken(token)).toEqual({ state: "valid", email: user.email });
    expect(await resetPassword({ token, newPassword: NEW_PASSWORD })).toEqual({ email: user.email });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(NEW_PASSWORD, row.passwordHash!)).toBe(true);
    expect(await inspectPasswordResetToken(token)).toEqual({ state: "used" });
    expect(await resetError(token, "another fine passphrase")).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/used already/),
    });
    expect((await outboxFor(user.email))[0]!.subject).toBe("Your Tollgate password was changed");
  });

  it("lets only one of several racing uses through", async () => {
    const { token } = await userWithResetLink();
    const results = await Promise.allSettled([1, 2, 3].map(() => resetPassword({ token, newPassword: NEW_PASSWORD })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("is voided by a newer link", async () => {
    const { user, token: first } = await userWithResetLink();
    await requestPasswordReset(user.email, randomIp(), runNow);
    const second = await resetTokenFor(user.email);
    expect(second).not.toBe(first);
    expect(await inspectPasswordResetToken(first)).toEqual({ state: "invalid" });
    expect(await resetError(first)).toMatchObject({ code: "conflict" });
    await resetPassword({ token: second, newPassword: NEW_PASSWORD });
  });

  it("is voided by a password change on the settings page", async () => {
    const { user, token } = await userWithResetLink();
    const sessionId = (await findSessionUser({ sub: user.id, sid: await startSession(user.id) }))!.sessionId;
    await changePassword({ id: user.id, sessionId }, { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD });
    expect(await inspectPasswordResetToken(token)).toEqual({ state: "invalid" });
    expect(await resetError(token, "attacker chosen passphrase")).toMatchObject({ code: "conflict" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(NEW_PASSWORD, row.passwordHash!)).toBe(true);
  });

  it("expires after 30 minutes", async () => {
    const { user, token } = await userWithResetLink();
    await db.accountToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectPasswordResetToken(token)).toEqual({ state: "expired" });
    expect(await resetError(token)).toMatchObject({ code: "conflict", message: expect.stringMatching(/expired/) });
  });

  it("refuses a weak password without using up the link", async () => {
    const { token } = await userWithResetLink();
    expect(await resetError(token, "short")).toMatchObject({ code: "validation_failed", fieldErrors: { newPassword: expect.any(String) } });
    expect((await inspectPasswordResetToken(token)).state).toBe("valid");
  });

  it("proves nothing once the account's address has changed", async () => {
    const { user, token } = await userWithResetLink();
    await db.user.update({ where: { id: user.id }, data: { email: uniqueEmail("moved") } });
    expect(await inspectPasswordResetToken(token)).toEqual({ state: "invalid" });
    expect(await inspectPasswordResetToken("not-a-token")).toEqual({ state: "invalid" });
  });

  it("ends every session of the account, verifies the address and clears the sign-in lockout", async () => {
    const { user, token } = await userWithResetLink();
    const sids = [await startSession(user.id), await startSession(user.id)];
    const ip = randomIp();
    for (let i = 0; i <= SIGN_IN_LIMITS.account; i++) await takeSignInAttempt({ email: user.email, ip });
    expect(await signInLockedUntil({ email: user.email, ip })).toBeInstanceOf(Date);

    await resetPassword({ token, newPassword: NEW_PASSWORD });

    for (const sid of sids) expect(await findSessionUser({ sub: user.id, sid })).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBeInstanceOf(Date);
    expect(await signInLockedUntil({ email: user.email, ip })).toBeNull();
    expect((await takeSignInAttempt({ email: user.email, ip })).allowed).toBe(true);
  });

  it("clears only that address's lockout, even when the address has LIKE wildcards", async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const [wild, other] = [`a_${tag}@example.test`, `ab${tag}@example.test`];
    const ip = randomIp();
    for (let i = 0; i <= SIGN_IN_LIMITS.account; i++) await takeSignInAttempt({ email: other, ip });
    await clearSignInLockout(wild);
    expect(await signInLockedUntil({ email: other, ip })).toBeInstanceOf(Date);
  });
});
