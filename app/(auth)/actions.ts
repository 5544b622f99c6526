"use server";
// Sign-in, sign-up, sign-out, new verification links, password resets and email-change links.
// Credentials are checked in lib/auth/credentials.ts; these actions turn Auth.js outcomes into
// messages a person can act on.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { after } from "next/server";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { signUpSchema, signUpWithPassword } from "@/lib/auth/sign-up";
import { resendVerificationEmail, VERIFICATION_TTL_HOURS } from "@/lib/auth/email-verification";
import { parseInput, runAction, type ActionState } from "@/lib/auth/action";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { signInLockedUntil } from "@/lib/auth/sign-in-throttle";
import {
  inspectPasswordResetToken,
  requestPasswordReset,
  resetPassword,
  resetPasswordSchema,
  RESET_TTL_MINUTES,
  type ResetLinkState,
} from "@/lib/auth/password-reset";
import { confirmEmailChange, type EmailChangeResult } from "@/lib/auth/email-change";
import { clientFromHeaders } from "@/lib/http/client-address";
import { AppError } from "@/lib/errors";

const SIGN_IN_MESSAGES: Record<string, string> = {
  invalid: "Incorrect email or password.",
  disabled: "This account has been disabled. Contact your platform admin.",
};

const clientIp = async () => clientFromHeaders(await headers()).ip;

const emailSchema = z.object({ email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")) });

/** The lockout says how long it lasts; the form links to the reset, which ends it at once. */
async function lockoutMessage(email: string): Promise<string> {
  const until = await signInLockedUntil({ email, ip: await clientIp() });
  const minutes = Math.max(1, Math.ceil(((until?.getTime() ?? Date.now()) - Date.now()) / 60_000));
  return (
    `Too many sign-in attempts for this account from your network. Sign-in is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}. ` +
    `Forgot your password? Resetting it unlocks sign-in at once.`
  );
}

async function signInWithPassword(email: string, password: string, callbackUrl: string) {
  try {
    await signIn("credentials", { email, password, redirectTo: callbackUrl });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "invalid";
      if (code === "throttled") throw new AppError("rate_limited", await lockoutMessage(email));
      throw new AppError("unauthorized", SIGN_IN_MESSAGES[code] ?? SIGN_IN_MESSAGES.invalid);
    }
    throw error; // NEXT_REDIRECT on success
  }
}

export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const email = String(formData.get("email") ?? "")
      .trim()
      .toLowerCase();
    const password = String(formData.get("password") ?? "");
    const fieldErrors: Record<string, string> = {};
    if (!email) fieldErrors.email = "Enter your email address.";
    if (!password) fieldErrors.password = "Enter your password.";
    if (Object.keys(fieldErrors).length) throw new AppError("validation_failed", "Check the highlighted fields.", fieldErrors);
    await signInWithPassword(email, password, safeCallbackPath(formData.get("callbackUrl")));
  });
}

/** The same answer whether or not the address has an account (lib/auth/sign-up.ts). */
export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const input = parseInput(signUpSchema, formData);
    await signUpWithPassword(input, await clientIp());
    return {
      message: `We sent an email to ${input.email}. Open the link in it to verify your address (it expires in ${VERIFICATION_TTL_HOURS} hours), then sign in.`,
      values: { email: input.email },
    };
  });
}

export async function resendVerificationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const { email } = parseInput(emailSchema, formData);
    await resendVerificationEmail(email, await clientIp());
    return {
      message: `If ${email} has an account waiting for verification, a new link is on its way. It expires in ${VERIFICATION_TTL_HOURS} hours.`,
    };
  });
}

/** "Forgot password": the same answer, in about the same time, whether or not the address has an account. */
export async function forgotPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const { email } = parseInput(emailSchema, formData);
    await requestPasswordReset(email, await clientIp(), (work) => after(work));
    return {
      message: `If ${email} has an account, a link to reset its password is on its way. It works for ${RESET_TTL_MINUTES} minutes.`,
      values: { email },
    };
  });
}

/** The reset page asks what its link is worth before showing the form (the token is in its fragment). */
export async function inspectResetLinkAction(token: string): Promise<ResetLinkState> {
  return inspectPasswordResetToken(typeof token === "string" ? token.slice(0, 200) : "");
}

export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const { email } = await resetPassword(parseInput(resetPasswordSchema, formData));
    return { message: "Your password was changed and every session of the account was signed out.", values: { email } };
  });
}

/** Opens an email-change link (the token comes from the page's fragment, posted by the button). */
export async function confirmEmailChangeAction(token: string): Promise<EmailChangeResult> {
  return confirmEmailChange(typeof token === "string" ? token.slice(0, 200) : "");
}

export async function oauthSignInAction(formData: FormData) {
  await signIn(String(formData.get("provider")), { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
