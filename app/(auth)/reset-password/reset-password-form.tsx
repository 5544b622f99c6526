"use client";
import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import type { ActionState } from "@/lib/auth/action";
import type { ResetLinkState } from "@/lib/auth/password-reset";
import { inspectResetLinkAction, resetPasswordAction } from "../actions";

const linkClass = "font-medium text-brand-600 hover:underline";

const PROBLEMS: Record<Exclude<ResetLinkState["state"], "valid">, { title: string; text: string }> = {
  used: { title: "This link was used already", text: "Each reset link works once. Ask for a new one if you still need it." },
  expired: { title: "This link has expired", text: "Reset links work for 30 minutes. Ask for a new one." },
  invalid: {
    title: "This link is not valid",
    text: "A newer link or a password change replaced it, or it was not copied in full. Ask for a new one.",
  },
};

type ResetLink = { token: string; state: ResetLinkState } | { token: null; state: null };

/** The token from the fragment (`#token=…`), read in the browser only. */
function useResetLink(): ResetLink | undefined {
  const [link, setLink] = useState<ResetLink>();
  useEffect(() => {
    const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
    let current = true;
    const checked = token ? inspectResetLinkAction(token) : Promise.resolve(null);
    void checked.then((state) => current && setLink(token && state ? { token, state } : { token: null, state: null }));
    return () => {
      current = false;
    };
  }, []);
  return link;
}

function Done({ email }: { email?: string }) {
  return (
    <div role="status" className="space-y-4 text-sm text-slate-700">
      <h1 className="text-lg font-semibold text-slate-900">Password changed</h1>
      <p>Your new password is set, and every session of the account was signed out. Sign in with the new password.</p>
      <Link className={linkClass} href={`/sign-in${email ? `?email=${encodeURIComponent(email)}` : ""}`}>
        Sign in
      </Link>
    </div>
  );
}

export function ResetPasswordForm() {
  const link = useResetLink();
  const [state, action] = useActionState<ActionState, FormData>(resetPasswordAction, {});
  if (state.ok) return <Done email={state.values?.email} />;
  if (!link) return <p className="text-sm text-slate-600">Checking your link…</p>;
  if (!link.token || link.state.state !== "valid") {
    const problem = link.token ? PROBLEMS[link.state.state as keyof typeof PROBLEMS] : PROBLEMS.invalid;
    return (
      <div className="space-y-3 text-sm text-slate-700">
        <h1 className="text-lg font-semibold text-slate-900">{problem.title}</h1>
        <p role="alert">{problem.text}</p>
        <Link className={linkClass} href="/forgot-password">
          Get a new reset link
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Choose a new password</h1>
      <p className="text-sm text-slate-700">
        For <strong>{link.state.email}</strong>. Every session of the account will be signed out.
      </p>
      <input type="hidden" name="token" value={link.token} />
      <FormMessage state={state} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. A passphrase works well."
        error={state.fieldErrors?.newPassword}
      />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set new password
      </SubmitButton>
      {state.error && !state.fieldErrors ? (
        <Link className={`${linkClass} block text-center text-sm`} href="/forgot-password">
          Get a new reset link
        </Link>
      ) : null}
    </form>
  );
}
