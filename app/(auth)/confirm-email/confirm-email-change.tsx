"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { EmailChangeResult } from "@/lib/auth/email-change";
import { confirmEmailChangeAction } from "../actions";

const linkClass = "font-medium text-brand-600 hover:underline";

const PROBLEMS: Record<Exclude<EmailChangeResult["state"], "changed" | "taken">, { title: string; text: string }> = {
  used: { title: "This link was used already", text: "The address change it confirms has been made." },
  expired: {
    title: "This link has expired",
    text: "Links to confirm a new address work for 24 hours. Ask for the change again on your account page.",
  },
  invalid: {
    title: "This link is not valid",
    text: "A newer request or a cancellation replaced it, or it was not copied in full. Ask for the change again on your account page.",
  },
};

function Outcome({ result }: { result: EmailChangeResult }) {
  if (result.state === "changed") {
    return (
      <div role="status" className="space-y-4 text-sm text-slate-700">
        <h1 className="text-lg font-semibold text-slate-900">Address changed</h1>
        <p>
          Your account&apos;s address is now <strong>{result.email}</strong>, and it is verified. Sign in with it from now on.
        </p>
        <Link className={linkClass} href="/account">
          Go to your account
        </Link>
      </div>
    );
  }
  const problem =
    result.state === "taken"
      ? { title: "This address is taken", text: `${result.email} now belongs to another account, so your address did not change.` }
      : PROBLEMS[result.state];
  return (
    <div className="space-y-3 text-sm text-slate-700">
      <h1 className="text-lg font-semibold text-slate-900">{problem.title}</h1>
      <p role="alert">{problem.text}</p>
      <Link className={linkClass} href="/account">
        Go to your account
      </Link>
    </div>
  );
}

export function ConfirmEmailChange() {
  const [result, setResult] = useState<EmailChangeResult>();
  const [pending, startTransition] = useTransition();
  if (result) return <Outcome result={result} />;
  const confirm = () =>
    startTransition(async () => {
      const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
      setResult(await confirmEmailChangeAction(token));
    });
  return (
    <div className="space-y-4 text-sm text-slate-700">
      <h1 className="text-lg font-semibold text-slate-900">Confirm your new address</h1>
      <p>Press the button to make this mailbox&apos;s address the address of your Tollgate account.</p>
      <Button type="button" className="w-full" onClick={confirm} disabled={pending}>
        {pending ? "Confirming…" : "Confirm new address"}
      </Button>
    </div>
  );
}
