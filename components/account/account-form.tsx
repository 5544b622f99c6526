"use client";
// A form of the account settings page: labelled fields with their own errors, the action's result
// above them, and the typed values kept after an error (passwords excepted: lib/auth/action.ts).
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export type AccountField = {
  label: string;
  name: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  defaultValue?: string;
  hint?: string;
};

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields?: AccountField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  /** a test id for the form, for pages with several forms of the same shape */
  name?: string;
};

export function AccountForm({ action, fields = [], hidden = {}, submitLabel, pendingLabel, variant = "secondary", name }: Props) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="max-w-md space-y-3" noValidate data-testid={name}>
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <FormMessage state={state} />
      {fields.map((field) => (
        <Field
          key={field.name}
          id={name ? `${name}-${field.name}` : undefined}
          label={field.label}
          name={field.name}
          type={field.type ?? "text"}
          autoComplete={field.autoComplete}
          hint={field.hint}
          defaultValue={field.type === "password" ? undefined : (state.values?.[field.name] ?? field.defaultValue)}
          error={state.fieldErrors?.[field.name]}
        />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
