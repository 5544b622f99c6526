// Changing the account's address. The new address takes effect only when a link sent to it is
// opened (single-use, stored hashed, 24 hours, replaced by a newer request); until then the account
// keeps its old address. The old address is told when a change is asked for and when it is done.
// An address that already has an account gets a note instead of a link, and the person asking gets
// the same answer either way, so the form tells nobody which addresses have accounts.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { fieldError } from "@/lib/auth/account-password";
import { isUniqueViolation } from "@/lib/db-errors";
import { sha256Hex } from "@/lib/crypto";
import { sendEmail } from "@/lib/email/send-email";
import { consumeAccountToken, issueAccountToken } from "@/lib/auth/account-tokens";
import { verifyPassword } from "@/lib/auth/password";
import { grantPlatformAdminByRule } from "@/lib/auth/platform-admin-grant";
import { takeAttempt } from "@/lib/auth/throttle";

export const EMAIL_CHANGE_TTL_HOURS = 24;
/** Change requests per account per hour (each sends two emails). */
export const EMAIL_CHANGE_LIMIT_PER_HOUR = 5;

export const confirmEmailUrl = (token: string) => `${appUrl()}/confirm-email#token=${token}`;

export const emailChangeSchema = z.object({
  newEmail: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address."))
    .pipe(z.string().max(254, "Use at most 254 characters.")),
  currentPassword: z.string().max(200).optional().default(""),
});

/** Asks for `newEmail` to become the account's address; the caller says "check the new mailbox". */
export async function requestEmailChange(userId: string, input: z.infer<typeof emailChangeSchema>): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, passwordHash: true } });
  if (input.newEmail === user.email) throw fieldError("newEmail", "This is already your address.");
  if (!(await takeAttempt([{ key: `email-change:${userId}`, limit: EMAIL_CHANGE_LIMIT_PER_HOUR, windowSeconds: 3600 }])).allowed)
    throw new AppError("rate_limited", "Too many address changes were asked for. Try again in an hour.");
  // Who holds only a session (a borrowed laptop) must not move the account to their own mailbox.
  if (user.passwordHash) {
    if (!input.currentPassword) throw fieldError("currentPassword", "Enter your current password.");
    if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
      throw fieldError("currentPassword", "This is not your current password.");
  }
  const taken = await db.user.findUnique({ where: { email: input.newEmail }, select: { id: true } });
  // The pending change is recorded either way, so the settings page shows the same thing for a taken
  // address; its token is never sent, and confirming it would fail anyway.
  const token = await issueAccountToken({
    userId,
    purpose: "CHANGE_EMAIL",
    email: input.newEmail,
    ttlMs: EMAIL_CHANGE_TTL_HOURS * 3_600_000,
  });
  if (taken) {
    await sendEmail({
      to: input.newEmail,
      subject: "Someone tried to move a Tollgate account to your address",
      text:
        `Someone asked to change the address of a Tollgate account to ${input.newEmail}, which already has an account of its own, so nothing changed.\n\n` +
        `If it was you, sign in to the account that has this address: ${appUrl()}/sign-in`,
    });
  } else {
    await sendEmail({
      to: input.newEmail,
      subject: "Confirm your new address for Tollgate",
      text:
        `Open this link to make ${input.newEmail} the address of your Tollgate account (now ${user.email}):\n\n${confirmEmailUrl(token)}\n\n` +
        `The link works once and expires in ${EMAIL_CHANGE_TTL_HOURS} hours. If you did not ask for this, ignore this email.`,
    });
  }
  await sendEmail({
    to: user.email,
    subject: "A change of your Tollgate address was asked for",
    text:
      `Someone signed in to your Tollgate account asked to change its address from ${user.email} to ${input.newEmail}. ` +
      `Nothing changes until the link sent to the new address is opened.\n\n` +
      `If it was not you, change your password now (${appUrl()}/account), which also signs out every other session, ` +
      `and cancel the change there.`,
  });
}

/** The change waiting for confirmation, if any. */
export async function pendingEmailChange(userId: string): Promise<{ email: string; expiresAt: Date } | null> {
  return db.accountToken.findFirst({
    where: { userId, purpose: "CHANGE_EMAIL", usedAt: null, expiresAt: { gt: new Date() } },
    select: { email: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Withdraws a pending change: its link stops working. */
export async function cancelEmailChange(userId: string): Promise<boolean> {
  const { count } = await db.accountToken.deleteMany({ where: { userId, purpose: "CHANGE_EMAIL", usedAt: null } });
  return count > 0;
}

export type EmailChangeResult =
  | { state: "changed"; email: string; previousEmail: string }
  | { state: "used" | "expired" | "invalid" }
  | { state: "taken"; email: string };

/** Opens a confirmation link: the address changes once, and counts as verified (it came from that mailbox). */
export async function confirmEmailChange(token: string): Promise<EmailChangeResult> {
  let result: EmailChangeResult;
  try {
    result = await db.$transaction(async (tx): Promise<EmailChangeResult> => {
      const use = await consumeAccountToken(token, "CHANGE_EMAIL", tx);
      if (use.state === "invalid") return use;
      if (use.state !== "consumed") return { state: use.state };
      const user = await tx.user.findUnique({ where: { id: use.userId }, select: { email: true, disabledAt: true } });
      if (!user || user.disabledAt) return { state: "invalid" };
      await tx.user.update({ where: { id: use.userId }, data: { email: use.email, emailVerified: new Date() } });
      // Links mailed to the old address (verification, password reset) stop proving anything.
      await tx.accountToken.deleteMany({ where: { userId: use.userId, usedAt: null } });
      await grantPlatformAdminByRule(use.userId, tx);
      return { state: "changed", email: use.email, previousEmail: user.email };
    });
  } catch (error) {
    // Someone signed up with the address after the link was sent.
    if (!isUniqueViolation(error)) throw error;
    const row = await db.accountToken.findUnique({ where: { tokenHash: sha256Hex(token) }, select: { email: true } });
    return { state: "taken", email: row?.email ?? "that address" };
  }
  if (result.state === "changed") {
    await sendEmail({
      to: result.previousEmail,
      subject: "Your Tollgate address was changed",
      text:
        `The address of your Tollgate account was changed from ${result.previousEmail} to ${result.email}. ` +
        `Emails about the account now go to the new address.\n\nIf you did not do this, contact your platform admin.`,
    });
  }
  return result;
}
