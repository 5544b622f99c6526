"use server";
// Sign-in, sign-up and sign-out. Credentials are checked in lib/auth/credentials.ts; these
// actions turn Auth.js outcomes into messages a person can act on.
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/config";
import { signUpSchema, signUpWithPassword } from "@/lib/auth/sign-up";
import { parseInput, runAction, type ActionState } from "@/lib/auth/action";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { AppError } from "@/lib/errors";

const SIGN_IN_MESSAGES: Record<string, string> = {
  invalid: "Incorrect email or password.",
  throttled: "Too many failed sign-in attempts. Wait 15 minutes, then try again.",
  disabled: "This account has been disabled. Contact your platform admin.",
};

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
    const email = String(formData.get("email") ?? "").trim().toLowerCase();
    const password = String(formData.get("password") ?? "");
    const fieldErrors: Record<string, string> = {};
    if (!email) fieldErrors.email = "Enter your email address.";
    if (!password) fieldErrors.password = "Enter your password.";
    if (Object.keys(fieldErrors).length) throw new AppError("validation_failed", "Check the highlighted fields.", fieldErrors);
    await signInWithPassword(email, password, safeCallbackPath(formData.get("callbackUrl")));
  });
}

export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const input = parseInput(signUpSchema, formData);
    await signUpWithPassword(input);
    await signInWithPassword(input.email, input.password, safeCallbackPath(formData.get("callbackUrl")));
  });
}

export async function oauthSignInAction(formData: FormData) {
  await signIn(String(formData.get("provider")), { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
