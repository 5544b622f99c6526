// Self-service sign-up with email and password. The answer never says whether an address already
// has an account: a new address gets a verification link, an existing account gets a note that
// someone tried to sign up with it, and the person signing up is told to check their email.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appUrl, signUpLimitPerHour } from "@/lib/env";
import { sendEmail } from "@/lib/email/send-email";
import { hashPassword, passwordWeakness, PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { sendVerificationEmail } from "@/lib/auth/email-verification";
import { takeAttempt } from "@/lib/auth/throttle";
import { provisionNewUser } from "@/lib/teams/provision-new-user";
import { isUniqueViolation } from "@/lib/db-errors";

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254)),
    password: z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  })
  .superRefine((value, ctx) => {
    const weakness = passwordWeakness(value.password, value.email);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

type SignUpInput = z.infer<typeof signUpSchema>;

/** The account, or null when the address has one already. */
async function createAccount(input: SignUpInput, passwordHash: string) {
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name: input.name, email: input.email, passwordHash } });
      await provisionNewUser(user.id, tx);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** At most one note an hour per account, however often someone tries its address. */
async function sendSignUpAttemptNote(email: string) {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user || !(await takeAttempt([{ key: `sign-up-note:${user.id}`, limit: 1, windowSeconds: 3600 }])).allowed) return;
  await sendEmail({
    to: user.email,
    subject: "Someone tried to sign up to Tollgate with your address",
    text:
      `Someone just tried to create a Tollgate account with ${user.email}, which already has one.\n\n` +
      `If it was you, sign in instead: ${appUrl()}/sign-in\n\n` +
      `If it was not you, ignore this email: nothing about your account changed.`,
  });
}

/** Signs up `input` from client address `ip` (throttled per address); the caller says "check your email". */
export async function signUpWithPassword(input: SignUpInput, ip: string | null): Promise<void> {
  const verdict = await takeAttempt([{ key: `sign-up-address:${ip ?? "unknown"}`, limit: signUpLimitPerHour(), windowSeconds: 3600 }]);
  if (!verdict.allowed) throw new AppError("rate_limited", "Too many sign-ups from your network. Try again in an hour.");
  // Hashed whether or not the address is taken, so both answers take about as long.
  const user = await createAccount(input, await hashPassword(input.password));
  if (user) await sendVerificationEmail(user);
  else await sendSignUpAttemptNote(input.email);
}
