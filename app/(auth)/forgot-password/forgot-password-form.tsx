"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import type { ActionState } from "@/lib/auth/action";
import { forgotPasswordAction } from "../actions";

export function ForgotPasswordForm({ email }: { email?: string }) {
  const [state, action] = useActionState<ActionState, FormData>(forgotPasswordAction, {});
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
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Send reset link
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        <Link className="font-medium text-brand-600 hover:underline" href="/sign-in">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
