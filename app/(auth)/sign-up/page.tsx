import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { SignUpForm } from "../auth-forms";
import { OAuthButtons } from "../oauth-buttons";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { callbackUrl, email } = await searchParams;
  if (await getCurrentUser()) redirect(safeCallbackPath(callbackUrl));
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Create your account</h1>
      <p className="mb-6 text-sm text-slate-600">You get a personal team right away; invite others or create more teams later.</p>
      <SignUpForm callbackUrl={callbackUrl} email={email} />
      <OAuthButtons callbackUrl={callbackUrl} />
    </>
  );
}
