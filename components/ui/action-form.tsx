"use client";
// A form bound to a server action that shows the action's result next to it. Hidden fields carry
// ids (the server re-checks every one of them); `confirm` asks before destructive actions.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { FormMessage } from "@/components/ui/form";
import { CopyField } from "@/components/ui/copy-field";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden?: Record<string, string>;
  confirm?: string;
  className?: string;
  revealLabel?: string;
  children: React.ReactNode;
};

export function ActionForm({ action, hidden = {}, confirm, className = "", revealLabel, children }: Props) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className={className}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {state.error || state.message ? (
        <div className="mt-2">
          <FormMessage state={state} />
        </div>
      ) : null}
      {state.reveal ? <CopyField label={revealLabel ?? "Copy"} value={state.reveal} /> : null}
    </form>
  );
}
