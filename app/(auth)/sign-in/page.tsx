import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { SignInForm } from "../auth-forms";
import { OAuthButtons } from "../oauth-buttons";

export const metadata: Metadata = { title: "Sign in" };

const OAUTH_ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: "An account with this email already exists. Sign in with your password.",
  AccessDenied: "Access was denied.",
};

const NOTICES: Record<string, string> = {
  "account-deleted": "Your account was deleted.",
  "signed-out-everywhere": "Every session of your account was signed out. Sign in again here.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { callbackUrl, email, error, notice } = await searchParams;
  if (await getCurrentUser()) redirect(safeCallbackPath(callbackUrl));
  return (
    <>
      <h1 className="mb-6 text-lg font-semibold">Sign in to Tollgate</h1>
      {error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {OAUTH_ERRORS[error] ?? "Sign-in failed. Try again."}
        </p>
      ) : null}
      {notice && NOTICES[notice] ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {NOTICES[notice]}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} email={email} />
      <OAuthButtons callbackUrl={callbackUrl} />
    </>
  );
}
