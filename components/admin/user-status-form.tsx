"use client";
// Disable, enable, or change the platform admin role of one account: a reason is required and the
// app's own dialog asks for confirmation first. The server re-checks every rule (lib/admin/set-user-status.ts).
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/auth/action";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useConfirmedSubmit } from "@/components/ui/confirm-dialog";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  userId: string;
  email: string;
  verb: string;
  confirm: string;
  danger?: boolean;
};

export function UserStatusForm({ action, userId, email, verb, confirm, danger = false }: Props) {
  const [state, formAction] = useActionState(action, {});
  const id = useId();
  const confirmation = useConfirmedSubmit(confirm, { danger });
  const reasonError = state.ok ? undefined : state.fieldErrors?.reason;
  return (
    <form action={formAction} noValidate className="flex flex-wrap items-start gap-2" onSubmit={confirmation.onSubmit}>
      <input type="hidden" name="userId" value={userId} />
      <div className="min-w-44 flex-1">
        <label htmlFor={`${id}-reason`} className="sr-only">
          Reason to {verb.toLowerCase()} {email}
        </label>
        <input
          id={`${id}-reason`}
          name="reason"
          required
          minLength={3}
          maxLength={500}
          placeholder="Reason (required)"
          defaultValue={state.ok ? "" : state.values?.reason}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-error` : undefined}
          className={`block w-full rounded-md border bg-white px-2 py-1.5 text-xs ${reasonError ? "border-red-500" : "border-slate-300"}`}
        />
        {reasonError ? (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
            {reasonError}
          </p>
        ) : null}
      </div>
      <SubmitButton size="sm" variant={danger ? "danger" : "secondary"} pendingLabel="Saving…" aria-label={`${verb} ${email}`}>
        {verb}
      </SubmitButton>
      {state.error && !reasonError ? (
        <div className="basis-full">
          <FormMessage state={state} />
        </div>
      ) : null}
      {confirmation.dialog}
    </form>
  );
}
