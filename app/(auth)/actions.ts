"use server";
// Sign-in, sign-up, sign-out and new verification links. Credentials are checked in
// lib/auth/credentials.ts; these actions turn Auth.js outcomes into messages a person can act on.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { signUpSchema, signUpWithPassword } from "@/lib/auth/sign-up";
import { resendVerificationEmail, VERIFICATION_TTL_HOURS } from "@/lib/auth/email-verification";
import { parseInput, runAction, type ActionState } from "@/lib/auth/action";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { SIGN_IN_WINDOW_MINUTES } from "@/lib/auth/sign-in-throttle";
import { clientFromHeaders } from "@/lib/http/client-address";
import { AppError } from "@/lib/errors";

const SIGN_IN_MESSAGES: Record<string, string> = {
  invalid: "Incorrect email or password.",
  throttled: `Too many sign-in attempts for this account from your network. Wait ${SIGN_IN_WINDOW_MINUTES} minutes, then try again.`,
  disabled: "This account has been disabled. Contact your platform admin.",
};

const clientIp = async () => clientFromHeaders(await headers()).ip;

async function signInWithPassword(email: string, password: string, callbackUrl: string) {
  try {
    await signIn("credentials", { email, password, redirectTo: callbackUrl });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "invalid";
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

const resendSchema = z.object({ email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")) });

export async function resendVerificationAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const { email } = parseInput(resendSchema, formData);
    await resendVerificationEmail(email, await clientIp());
    return {
      message: `If ${email} has an account waiting for verification, a new link is on its way. It expires in ${VERIFICATION_TTL_HOURS} hours.`,
    };
  });
}

export async function oauthSignInAction(formData: FormData) {
  await signIn(String(formData.get("provider")), { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
