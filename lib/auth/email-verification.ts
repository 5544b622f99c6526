// Email verification: a single-use link valid for 24 hours, sent at sign-up and on request. Opening
// it marks the address verified, which is when ADMIN_EMAILS and the first-account rule may apply
// (lib/auth/platform-admin-grant.ts). Without SMTP_URL the email, link included, goes to the server
// log and the admin outbox (lib/email), so the first account of a new install can be verified there.
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { sendEmail } from "@/lib/email/send-email";
import { consumeAccountToken, issueAccountToken } from "@/lib/auth/account-tokens";
import { grantPlatformAdminByRule } from "@/lib/auth/platform-admin-grant";
import { takeAttempt } from "@/lib/auth/throttle";

export const VERIFICATION_TTL_HOURS = 24;
/** New links per address, and per client address, per hour. */
export const RESEND_LIMITS = { email: 3, address: 10 } as const;

export const verificationUrl = (token: string) => `${appUrl()}/verify-email?token=${token}`;

/** Sends `user` a fresh verification link (earlier links stop working). */
export async function sendVerificationEmail(user: { id: string; email: string }): Promise<void> {
  const token = await issueAccountToken({
    userId: user.id,
    purpose: "VERIFY_EMAIL",
    email: user.email,
    ttlMs: VERIFICATION_TTL_HOURS * 3_600_000,
  });
  await sendEmail({
    to: user.email,
    subject: "Verify your email address for Tollgate",
    text:
      `Open this link to verify your email address for Tollgate:\n\n${verificationUrl(token)}\n\n` +
      `The link works once and expires in ${VERIFICATION_TTL_HOURS} hours. If you did not sign up for Tollgate, ignore this email.`,
  });
}

/**
 * Records that the user proved `email` (a link from that mailbox, or an OAuth provider vouching for
 * it) while it is still their address, then applies the platform-admin rules.
 */
export async function markEmailVerified(userId: string, email: string, tx: Prisma.TransactionClient): Promise<{ madeAdmin: boolean }> {
  await tx.user.updateMany({ where: { id: userId, email: email.toLowerCase(), emailVerified: null }, data: { emailVerified: new Date() } });
  return { madeAdmin: (await grantPlatformAdminByRule(userId, tx)) !== null };
}

export type VerificationResult =
  | { state: "verified"; email: string; madeAdmin: boolean }
  | { state: "already-verified"; email: string }
  | { state: "expired"; email: string }
  | { state: "invalid" };

/** What opening a verification link does. Safe to call twice: the second time it says so. */
export async function verifyEmail(token: string, client: typeof db = db): Promise<VerificationResult> {
  return client.$transaction(async (tx) => {
    const use = await consumeAccountToken(token, "VERIFY_EMAIL", tx);
    if (use.state === "invalid") return use;
    const user = await tx.user.findUnique({ where: { id: use.userId }, select: { email: true, emailVerified: true } });
    // The account's address changed since the link was sent: the link proves nothing about it.
    if (!user || user.email !== use.email) return { state: "invalid" };
    if (use.state === "consumed") return { state: "verified", email: user.email, ...(await markEmailVerified(use.userId, user.email, tx)) };
    if (user.emailVerified) return { state: "already-verified", email: user.email };
    return use.state === "expired" ? { state: "expired", email: user.email } : { state: "invalid" };
  });
}

/**
 * The resend form: a new link when `email` has an account that is not verified yet. The answer is
 * the same either way, and the throttle counts every request, so it tells nobody which addresses
 * have accounts, and cannot be used to flood a mailbox.
 */
export async function resendVerificationEmail(email: string, ip: string | null): Promise<void> {
  const address = email.trim().toLowerCase();
  const verdict = await takeAttempt([
    { key: `verify-resend:${address}`, limit: RESEND_LIMITS.email, windowSeconds: 3600 },
    { key: `verify-resend-address:${ip ?? "unknown"}`, limit: RESEND_LIMITS.address, windowSeconds: 3600 },
  ]);
  if (!verdict.allowed) throw new AppError("rate_limited", "Too many requests for a new link. Try again in an hour.");
  const user = await db.user.findUnique({
    where: { email: address },
    select: { id: true, email: true, emailVerified: true, disabledAt: true },
  });
  if (user && !user.emailVerified && !user.disabledAt) await sendVerificationEmail(user);
}
