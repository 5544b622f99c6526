"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import type { ActionState } from "@/lib/auth/action";
import { forgotPasswordAction, resendVerificationAction, signInAction, signUpAction } from "./actions";

const linkClass = "font-medium text-brand-600 hover:underline";

function signInHref(callbackUrl?: string, email?: string) {
  const query = new URLSearchParams({ ...(email ? { email } : {}), ...(callbackUrl ? { callbackUrl } : {}) }).toString();
  return `/sign-in${query ? `?${query}` : ""}`;
}

const forgotHref = (email?: string) => `/forgot-password${email ? `?email=${encodeURIComponent(email)}` : ""}`;

export function SignInForm({ callbackUrl, email }: { callbackUrl?: string; email?: string }) {
  const [state, action] = useActionState<ActionState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <FormMessage state={state} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? email}
        error={state.fieldErrors?.email}
      />
      {state.code === "rate_limited" ? (
        <p className="text-sm">
          <Link className={linkClass} href={forgotHref(state.values?.email)}>
            Reset your password
          </Link>
        </p>
      ) : null}
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <p className="-mt-2 text-right text-sm">
        <Link className={linkClass} href={forgotHref(state.values?.email ?? email)}>
          Forgot password?
        </Link>
      </p>
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New here?{" "}
        <Link className={linkClass} href={`/sign-up${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>
          Create an account
        </Link>
      </p>
    </form>
  );
}

/** After sign-up, whether the address was new or not: the same words (lib/auth/sign-up.ts). */
function CheckYourEmail({ message, email, callbackUrl }: { message: string; email?: string; callbackUrl?: string }) {
  return (
    <div role="status" className="space-y-3 text-sm text-slate-700">
      <h2 className="text-base font-semibold text-slate-900">Check your email</h2>
      <p>{message}</p>
      <p>
        <Link className={linkClass} href={signInHref(callbackUrl, email)}>
          Sign in
        </Link>{" "}
        · No email?{" "}
        <Link className={linkClass} href="/verify-email">
          Get a new link
        </Link>
      </p>
    </div>
  );
}

export function SignUpForm({ callbackUrl, email }: { callbackUrl?: string; email?: string }) {
  const [state, action] = useActionState<ActionState, FormData>(signUpAction, {});
  if (state.ok && state.message) return <CheckYourEmail message={state.message} email={state.values?.email} callbackUrl={callbackUrl} />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <FormMessage state={state} />
      <Field label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? email}
        error={state.fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. A passphrase works well."
        error={state.fieldErrors?.password}
      />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link className={linkClass} href={signInHref(callbackUrl)}>
          Sign in
        </Link>
      </p>
    </form>
  );
}

type EmailRequestProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  variant?: "primary" | "secondary";
  email?: string;
  children?: React.ReactNode;
};

/** One email field and a button: the forms that mail a link and answer the same for any address. */
function EmailRequestForm({ action: requestAction, submitLabel, variant, email, children }: EmailRequestProps) {
  const [state, action] = useActionState<ActionState, FormData>(requestAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? email}
        error={state.fieldErrors?.email}
      />
      <SubmitButton className="w-full" variant={variant} pendingLabel="Sending…">
        {submitLabel}
      </SubmitButton>
      {children}
    </form>
  );
}

/** "Send me a new link": answers the same whether or not the address has an account. */
export function ResendVerificationForm({ email }: { email?: string }) {
  return <EmailRequestForm action={resendVerificationAction} submitLabel="Send a new link" variant="secondary" email={email} />;
}

/** "Forgot password": the same answer whether or not the address has an account (lib/auth/password-reset.ts). */
export function ForgotPasswordForm({ email }: { email?: string }) {
  return (
    <EmailRequestForm action={forgotPasswordAction} submitLabel="Send reset link" email={email}>
      <p className="text-center text-sm text-slate-600">
        <Link className={linkClass} href="/sign-in">
          Back to sign in
        </Link>
      </p>
    </EmailRequestForm>
  );
}
