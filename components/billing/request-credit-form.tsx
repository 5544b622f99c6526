"use client";
// Without Stripe top-ups, a member asks the platform admins for credit: an amount and a note, which
// reach every platform admin as a notice with a link to grant it. The values stay after a refusal.
import type { ActionState } from "@/lib/auth/action";
import { ActionForm } from "@/components/ui/action-form";
import { Field, SubmitButton, TextAreaField } from "@/components/ui/form";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  team: string;
  currency: string;
  /** the most one request may ask for, formatted (ADMIN_GRANT_MAX) */
  maxAmount: string;
};

export function RequestCreditForm({ action, team, currency, maxAmount }: Props) {
  return (
    <ActionForm action={action} hidden={{ team }} className="mt-4 space-y-4">
      <Field
        label={`Amount (${currency})`}
        name="amount"
        id="credit-request-amount"
        inputMode="decimal"
        required
        placeholder="25.00"
        className="max-w-xs"
        hint={`Up to ${maxAmount}.`}
      />
      <TextAreaField
        label="Note for the admins"
        name="note"
        id="credit-request-note"
        rows={3}
        maxLength={500}
        placeholder="e.g. For the pilot with Acme, about 10,000 calls in March."
        hint="Optional. What the credit is for helps them decide."
      />
      <SubmitButton pendingLabel="Sending…">Request credit</SubmitButton>
    </ActionForm>
  );
}
