// /verify-email?token=… - where the verification link lands: uses the link once and says what
// happened; without a token (or after a bad one) it offers a new link.
import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth/session";
import { verifyEmail, type VerificationResult } from "@/lib/auth/email-verification";
import { textParam, type SearchParamValue } from "@/lib/http/search-params";
import { ButtonLink } from "@/components/ui/button";
import { ResendVerificationForm } from "../auth-forms";

export const metadata: Metadata = { title: "Verify your email" };

const PROBLEMS: Record<"expired" | "invalid", { title: string; text: string }> = {
  expired: { title: "This link has expired", text: "Verification links work for 24 hours. Ask for a new one below." },
  invalid: {
    title: "This link is not valid",
    text: "It may have been replaced by a newer link, or not copied in full. Ask for a new one below.",
  },
};

async function Done({ result }: { result: Extract<VerificationResult, { email: string }> }) {
  const user = await getCurrentUser();
  const signedInHere = user?.email === result.email;
  return (
    <div role="status" className="space-y-4 text-sm text-slate-700">
      <h1 className="text-lg font-semibold text-slate-900">{result.state === "verified" ? "Email verified" : "Already verified"}</h1>
      <p>
        <strong>{result.email}</strong> is verified{result.state === "verified" ? "" : "; this link was used before"}.
      </p>
      {result.state === "verified" && result.madeAdmin ? <p>This account is now a platform admin of this Tollgate installation.</p> : null}
      {signedInHere ? (
        <ButtonLink href="/teams">Continue</ButtonLink>
      ) : (
        <ButtonLink href={`/sign-in?email=${encodeURIComponent(result.email)}`}>Sign in</ButtonLink>
      )}
    </div>
  );
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, SearchParamValue>> }) {
  const token = textParam((await searchParams).token, 200);
  const result = token ? await verifyEmail(token) : null;
  if (result && (result.state === "verified" || result.state === "already-verified")) return <Done result={result} />;
  const problem = result ? PROBLEMS[result.state] : null;
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">{problem?.title ?? "Verify your email"}</h1>
      {problem ? (
        <p role="alert" className="mb-6 text-sm text-slate-700">
          {problem.text}
        </p>
      ) : (
        <p className="mb-6 text-sm text-slate-700">Enter the address you signed up with and we will send a new verification link.</p>
      )}
      <ResendVerificationForm email={result && "email" in result ? result.email : undefined} />
    </>
  );
}
