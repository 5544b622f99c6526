// /forgot-password - asks for a reset link; the answer never says whether the address has an account.
import type { Metadata } from "next";
import { textParam, type SearchParamValue } from "@/lib/http/search-params";
import { ForgotPasswordForm } from "../auth-forms";

export const metadata: Metadata = { title: "Reset your password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<Record<string, SearchParamValue>> }) {
  const email = textParam((await searchParams).email, 254);
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Reset your password</h1>
      <p className="mb-6 text-sm text-slate-700">
        Enter your account&apos;s email address and we will send you a link to choose a new password.
      </p>
      <ForgotPasswordForm email={email || undefined} />
    </>
  );
}
