"use client";
// Change a key's name, spend cap or expiry in place. Only what differs from the key as shown is
// changed (the server compares with the `*Was` fields), so saving a new cap keeps the expiry's time.
import type { ActionState } from "@/lib/auth/action";
import { ActionForm } from "@/components/ui/action-form";
import { Field, SubmitButton } from "@/components/ui/form";
import type { KeyRowView } from "@/components/keys/key-row-view";

type Props = {
  row: KeyRowView & { edit: NonNullable<KeyRowView["edit"]> };
  team: string;
  currency: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

export function EditKeyForm({ row, team, currency, action }: Props) {
  const hidden = { team, id: row.id, expiresWas: row.edit.expiresOn, spendCapWas: row.edit.spendCap };
  return (
    <details className="w-64 text-sm" data-testid="edit-key">
      <summary className="cursor-pointer text-xs font-medium text-brand-700" aria-label={`Edit ${row.name}`}>
        Edit
      </summary>
      <ActionForm action={action} hidden={hidden} className="mt-2 space-y-2">
        <Field label="Name" name="name" id={`name-${row.id}`} maxLength={60} defaultValue={row.name} />
        <Field
          label={`Spend cap (${currency})`}
          name="spendCap"
          id={`spendCap-${row.id}`}
          inputMode="decimal"
          placeholder="No cap"
          defaultValue={row.edit.spendCap}
          hint="Raise, lower, or leave empty for no cap."
        />
        <Field
          label="Expires on (UTC)"
          name="expiresOn"
          id={`expiresOn-${row.id}`}
          type="date"
          defaultValue={row.edit.expiresOn}
          hint="Empty: never. The key stops at the end of that day."
        />
        <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…" aria-label={`Save ${row.name}`}>
          Save
        </SubmitButton>
      </ActionForm>
    </details>
  );
}
