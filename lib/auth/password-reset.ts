// "Forgot password": a reset link by email. The link's token is single-use, stored as its SHA-256,
// valid for 30 minutes, and void once used, once a newer link is sent, and once the password changes
// any other way (lib/auth/account-password.ts). Asking for a link answers the same whether or not the
// address has an account, in about the same time: the caller runs the lookup and the email after the
// answer (`defer`), so only the throttle, counted for every request alike, happens before it.
// Using a link sets the password, verifies the address (the link came from its mailbox), ends every
// session of the account and clears its sign-in lockout.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { sha256Hex } from "@/lib/crypto";
import { sendEmail } from "@/lib/email/send-email";
import { consumeAccountToken, issueAccountToken } from "@/lib/auth/account-tokens";
import { checkNewPassword, sendPasswordChangedNotice, storePasswordHash } from "@/lib/auth/account-password";
import { markEmailVerified } from "@/lib/auth/email-verification";
import { hashPassword, PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { clearSignInLockout } from "@/lib/auth/sign-in-throttle";
import { takeAttempt } from "@/lib/auth/throttle";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("auth");

export const RESET_TTL_MINUTES = 30;
/** Reset links asked for per address, and per client address, per hour. */
export const RESET_LIMITS = { email: 3, address: 10 } as const;

/** The token travels in the fragment: browsers never send it to a server, so no log or Referer holds it. */
export const resetPasswordUrl = (token: string) => `${appUrl()}/reset-password#token=${token}`;

/** Runs work after the answer has gone out; tests pass one that runs it at once. */
export type Defer = (work: () => Promise<void>) => void | Promise<void>;

async function sendResetLink(address: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email: address }, select: { id: true, email: true, disabledAt: true } });
  if (!user || user.disabledAt) return;
  const token = await issueAccountToken({
    userId: user.id,
    purpose: "PASSWORD_RESET",
    email: user.email,
    ttlMs: RESET_TTL_MINUTES * 60_000,
  });
  await sendEmail({
    to: user.email,
    subject: "Reset your Tollgate password",
    text:
      `Someone (hopefully you) asked to reset the password of your Tollgate account ${user.email}.\n\n` +
      `Open this link to choose a new password:\n\n${resetPasswordUrl(token)}\n\n` +
      `The link works once and expires in ${RESET_TTL_MINUTES} minutes. Resetting signs out every session of the account.\n` +
      `If you did not ask for it, ignore this email: your password stays as it is.`,
  });
}

/**
 * "Send me a reset link". Throws rate_limited past the limits (counted per address and per client
 * address for every request, so the refusal says nothing about accounts either); otherwise hands the
 * lookup and the email to `defer`.
 */
export async function requestPasswordReset(email: string, ip: string | null, defer: Defer): Promise<void> {
  const address = email.trim().toLowerCase();
  const verdict = await takeAttempt([
    { key: `password-reset:${address}`, limit: RESET_LIMITS.email, windowSeconds: 3600 },
    { key: `password-reset-address:${ip ?? "unknown"}`, limit: RESET_LIMITS.address, windowSeconds: 3600 },
  ]);
  if (!verdict.allowed) throw new AppError("rate_limited", "Too many reset links were asked for. Try again in an hour.");
  await defer(async () => {
    try {
      await sendResetLink(address);
    } catch (error) {
      // The answer has gone out already; the failure belongs in the log, never in the response.
      log.error({ err: error }, "password reset email failed");
    }
  });
}

export type ResetLinkState = { state: "valid"; email: string } | { state: "used" | "expired" | "invalid" };

/** What a reset link is worth, without using it (the page says so before asking for a password). */
export async function inspectPasswordResetToken(token: string): Promise<ResetLinkState> {
  if (!/^[A-Za-z0-9_-]{32,100}$/.test(token)) return { state: "invalid" };
  const row = await db.accountToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { purpose: true, email: true, usedAt: true, expiresAt: true, user: { select: { email: true, disabledAt: true } } },
  });
  // A link to an address the account no longer has, or of a disabled account, proves nothing.
  if (!row || row.purpose !== "PASSWORD_RESET" || row.user.email !== row.email || row.user.disabledAt) return { state: "invalid" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt <= new Date()) return { state: "expired" };
  return { state: "valid", email: row.email };
}

export const LINK_PROBLEMS: Record<"used" | "expired" | "invalid", string> = {
  used: "This reset link was used already. Ask for a new one if you still need it.",
  expired: `This reset link has expired (they work for ${RESET_TTL_MINUTES} minutes). Ask for a new one.`,
  invalid: "This reset link is not valid: a newer link or a password change replaced it, or it was not copied in full. Ask for a new one.",
};

export const resetPasswordSchema = z.object({
  token: z.string().max(200),
  newPassword: z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
});

/** Uses a reset link: the new password, a verified address, no session left, no lockout. */
export async function resetPassword(input: z.infer<typeof resetPasswordSchema>): Promise<{ email: string }> {
  const link = await inspectPasswordResetToken(input.token);
  if (link.state !== "valid") throw new AppError("conflict", LINK_PROBLEMS[link.state]);
  // Checked before the link is used, so a weak password does not cost the link.
  checkNewPassword(input.newPassword, link.email);
  const passwordHash = await hashPassword(input.newPassword);
  const email = await db.$transaction(async (tx) => {
    const use = await consumeAccountToken(input.token, "PASSWORD_RESET", tx);
    if (use.state !== "consumed") throw new AppError("conflict", LINK_PROBLEMS[use.state === "invalid" ? "invalid" : use.state]);
    const user = await tx.user.findUnique({ where: { id: use.userId }, select: { email: true, disabledAt: true } });
    if (!user || user.email !== use.email || user.disabledAt) throw new AppError("conflict", LINK_PROBLEMS.invalid);
    await storePasswordHash(use.userId, passwordHash, tx);
    await markEmailVerified(use.userId, user.email, tx);
    await tx.session.deleteMany({ where: { userId: use.userId } });
    return user.email;
  });
  await clearSignInLockout(email);
  await sendPasswordChangedNotice(email);
  return { email };
}
