"use client";
// Shown across the portal while the account's address is not verified, with a button that sends a
// new link (the action is passed in by the layout; components do not import app/).
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { SubmitButton } from "@/components/ui/form";

type Props = {
  email: string;
  /** REQUIRE_VERIFIED_EMAIL is on: say what waits for the verification */
  required: boolean;
  resendAction: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

export function UnverifiedEmailBanner({ email, required, resendAction }: Props) {
  const [state, action] = useActionState(resendAction, {});
  return (
    <div role="region" aria-label="Email verification" className="border-b border-amber-200 bg-amber-50">
      <form action={action} className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 text-sm text-amber-900">
        <p className="min-w-0 flex-1">
          Verify your email address <strong className="break-all">{email}</strong>: open the link we emailed you.
          {required ? " Until then you cannot create API keys, top up or accept invitations." : ""}
        </p>
        {state.message || state.error ? (
          <p role={state.error ? "alert" : "status"} className={state.error ? "text-red-700" : "text-emerald-800"}>
            {state.error ?? state.message}
          </p>
        ) : null}
        <SubmitButton size="sm" variant="secondary" pendingLabel="Sending…">
          Send a new link
        </SubmitButton>
      </form>
    </div>
  );
}
