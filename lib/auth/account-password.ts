// Storing a new password, from the settings page (current password required) or a reset link.
// Every password change voids the account's outstanding reset links, so a link mailed before the
// change cannot undo it.
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalid } from "@/lib/validation";
import { hashPassword, passwordWeakness, verifyPassword, PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { clearAttempts, takeAttempt } from "@/lib/auth/throttle";
import { sendEmail } from "@/lib/email/send-email";
import { appUrl } from "@/lib/env";

/** One field's error, with the form-wide line every form shows above its fields. */
export const fieldError = (field: string, message: string) => invalid({ [field]: message }, "Check the highlighted fields.");

/** Writes the hash and voids unused reset links, in the caller's transaction. */
export async function storePasswordHash(userId: string, passwordHash: string, tx: Prisma.TransactionClient): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  await tx.accountToken.deleteMany({ where: { userId, purpose: "PASSWORD_RESET", usedAt: null } });
}

/** The policy's verdict as a field error on `field`, or nothing. */
export function checkNewPassword(password: string, email: string, field = "newPassword"): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw fieldError(field, weakness);
}

/** Tells the owner their password changed, with the way back if it was not them. */
export function sendPasswordChangedNotice(email: string): Promise<unknown> {
  return sendEmail({
    to: email,
    subject: "Your Tollgate password was changed",
    text:
      `The password of your Tollgate account ${email} was just changed, and its other sessions were signed out.\n\n` +
      `If you did not do this, reset your password now: ${appUrl()}/forgot-password`,
  });
}

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH).optional().default(""),
  newPassword: z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
});

/**
 * Changes a signed-in user's password. The current password is required; the session asking stays
 * signed in and every other session of the account ends.
 */
export async function changePassword(
  user: { id: string; sessionId: string },
  input: z.infer<typeof changePasswordSchema>,
): Promise<{ endedSessions: number }> {
  const account = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, passwordHash: true } });
  if (!account.passwordHash)
    throw new AppError("conflict", "This account signs in without a password. Use “Email me a link to set a password” instead.");
  if (!input.currentPassword) throw fieldError("currentPassword", "Enter your current password.");
  // A stolen session must not become a way to guess the password: 5 wrong tries per 15 minutes.
  const throttleKey = `password-change:${user.id}`;
  if (!(await takeAttempt([{ key: throttleKey, limit: 5, windowSeconds: 900 }])).allowed)
    throw new AppError(
      "rate_limited",
      "Too many tries with a wrong current password. Wait 15 minutes, or reset your password from the sign-in page.",
    );
  if (!(await verifyPassword(input.currentPassword, account.passwordHash)))
    throw fieldError("currentPassword", "This is not your current password.");
  checkNewPassword(input.newPassword, account.email);
  if (input.newPassword === input.currentPassword) throw fieldError("newPassword", "Choose a password different from the current one.");
  await clearAttempts(throttleKey);
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction((tx) => storePasswordHash(user.id, passwordHash, tx));
  const endedSessions = await endUserSessions(user.id, { exceptSessionId: user.sessionId });
  await sendPasswordChangedNotice(account.email);
  return { endedSessions };
}
