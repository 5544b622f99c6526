"use client";
// Grant or adjust a team's credit. The idempotency key is made by the server for each render of the
// page and posted hidden: two submits of one rendering credit once.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Field, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";

type TeamOption = { slug: string; label: string };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  teams: TeamOption[];
  idempotencyKey: string;
  currency: string;
};

export function GrantCreditForm({ action, teams, idempotencyKey, currency }: Props) {
  const [state, formAction] = useActionState(action, {});
  const values = state.ok ? undefined : state.values;
  const errors = state.fieldErrors ?? {};
  const preselected = values?.team ?? (teams.length === 1 ? teams[0]!.slug : "");
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <SelectField label="Team" name="team" defaultValue={values?.team ?? preselected} error={errors.team} key={`team-${preselected}`}>
        <option value="">Choose a team…</option>
        {teams.map((team) => (
          <option key={team.slug} value={team.slug}>
            {team.label}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={`Amount (${currency})`}
          name="amount"
          inputMode="decimal"
          required
          placeholder="12.50"
          defaultValue={values?.amount}
          error={errors.amount}
          hint="Up to six decimals. An adjustment may be negative, e.g. -5.00."
        />
        <SelectField label="Kind" name="kind" defaultValue={values?.kind ?? "GRANT"} error={errors.kind}>
          <option value="GRANT">Grant (adds credit)</option>
          <option value="ADJUSTMENT">Adjustment (signed correction)</option>
        </SelectField>
      </div>
      <Field
        label="Reason"
        name="reason"
        required
        minLength={3}
        maxLength={500}
        placeholder="e.g. Pilot credit agreed with Acme"
        defaultValue={values?.reason}
        error={errors.reason}
        hint="3 to 500 characters. The team sees it in its ledger."
      />
      {errors.idempotencyKey ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.idempotencyKey}
        </p>
      ) : null}
      <SubmitButton pendingLabel="Applying…">Apply credit</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
