"use client";
// Create a team key; on success the key is revealed once, right under the form.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import type { ScopeApi } from "@/lib/keys/list-scope-apis";
import { Field, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";
import { KeyReveal } from "@/components/keys/key-reveal";
import { ScopePicker } from "@/components/keys/scope-picker";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  team: string;
  apis: ScopeApi[];
  apiFieldPrefix: string;
  currency: string;
  canGrantManage: boolean;
};

export function CreateKeyForm({ action, team, apis, apiFieldPrefix, currency, canGrantManage }: Props) {
  const [state, formAction] = useActionState(action, {});
  const values = state.ok ? undefined : state.values;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="team" value={team} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Key name"
          name="name"
          required
          maxLength={60}
          placeholder="e.g. Production backend"
          defaultValue={values?.name}
          error={errors.name}
        />
        <SelectField label="Expires" name="expiry" defaultValue={values?.expiry ?? "none"} error={errors.expiresAt}>
          <option value="none">Never</option>
          <option value="30">In 30 days</option>
          <option value="90">In 90 days</option>
          <option value="365">In 1 year</option>
        </SelectField>
        <Field
          label={`Spend cap (${currency})`}
          name="spendCap"
          inputMode="decimal"
          placeholder="No cap"
          defaultValue={values?.spendCap}
          error={errors.spendCap}
          hint="Optional. Calls are refused with 402 once this key has spent this much."
        />
      </div>
      <ScopePicker apis={apis} fieldPrefix={apiFieldPrefix} values={values} error={errors.scopeApiIds} />
      {canGrantManage ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="scopeManage" className="mt-1" defaultChecked={values?.scopeManage === "on"} />
          <span>
            <span className="font-medium text-slate-700">Management API access</span>
            <span className="block text-xs text-slate-500">
              Lets this key call /api/v1 for this team, including creating and revoking keys.
            </span>
          </span>
        </label>
      ) : null}
      <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      <FormMessage state={state} />
      {state.ok && state.reveal ? <KeyReveal value={state.reveal} /> : null}
    </form>
  );
}
