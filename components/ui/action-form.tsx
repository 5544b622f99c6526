"use client";
// A form bound to a server action that shows the action's result next to it. Hidden fields carry
// ids (the server re-checks every one of them). Its fields (components/ui/form.tsx) keep what was
// typed and show their message after a refusal. `confirm` asks in the app's own dialog first.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { FormMessage } from "@/components/ui/form";
import { FormStateProvider } from "@/components/ui/form-state";
import { useConfirmedSubmit } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden?: Record<string, string>;
  confirm?: string;
  /** a second sentence under the confirmation's question */
  confirmDetail?: string;
  className?: string;
  revealLabel?: string;
  children: React.ReactNode;
};

export function ActionForm({ action, hidden = {}, confirm, confirmDetail, className = "", revealLabel, children }: Props) {
  const [state, formAction] = useActionState(action, {});
  const confirmation = useConfirmedSubmit(confirm, { detail: confirmDetail });
  return (
    <form action={formAction} className={className} onSubmit={confirmation.onSubmit}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormStateProvider state={state}>{children}</FormStateProvider>
      {state.error || state.message ? (
        <div className="mt-2">
          <FormMessage state={state} />
        </div>
      ) : null}
      {state.reveal ? <CopyField label={revealLabel ?? "Copy"} value={state.reveal} /> : null}
      {confirmation.dialog}
    </form>
  );
}
