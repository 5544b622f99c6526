"use client";
// Grant or adjust a team's credit. The idempotency key is made by the server for each render of the
// page and posted hidden: two submits of one rendering credit once. Before anything is sent, the app's
// own dialog restates the amount and the team, so a slip (a wrong team, an extra zero) is caught.
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { decimalToMicros, formatMoney } from "@/lib/money";
import { Field, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";
import { FormStateProvider } from "@/components/ui/form-state";
import { useConfirmedSubmit } from "@/components/ui/confirm-dialog";

type TeamOption = { slug: string; label: string; name: string };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  teams: TeamOption[];
  idempotencyKey: string;
  currency: string;
  /** ADMIN_GRANT_MAX, formatted */
  maxAmount: string;
  /** from a credit request's link: the amount and reason it asked for */
  prefill?: { amount?: string; reason?: string };
};

type Draft = { team: string; amount: string; kind: string };

/** "Grant $12.50 to Acme (/acme)?"; undefined while the form is incomplete (the server then says what is missing). */
function confirmationOf(draft: Draft, teams: TeamOption[], currency: string): string | undefined {
  const team = teams.find((option) => option.slug === draft.team);
  const amount = draft.amount.trim();
  if (!team || !/^-?\d{1,12}(\.\d{1,6})?$/.test(amount)) return undefined;
  const micros = amount.startsWith("-") ? -decimalToMicros(amount.slice(1)) : decimalToMicros(amount);
  const money = formatMoney(micros, currency);
  return draft.kind === "ADJUSTMENT" ? `Adjust the credit of ${team.name} by ${money}?` : `Grant ${money} to ${team.name}?`;
}

export function GrantCreditForm({ action, teams, idempotencyKey, currency, maxAmount, prefill = {} }: Props) {
  const [state, formAction] = useActionState(action, {});
  const prefilled = Object.fromEntries(Object.entries(prefill).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const values: Record<string, string> | undefined = state.ok ? undefined : (state.values ?? prefilled);
  const errors = state.fieldErrors ?? {};
  const preselected = values?.team ?? (teams.length === 1 ? teams[0]!.slug : "");
  const [draft, setDraft] = useState<Draft>({ team: preselected, amount: values?.amount ?? "", kind: values?.kind ?? "GRANT" });
  const confirmation = useConfirmedSubmit(confirmationOf(draft, teams, currency), {
    danger: false,
    detail: "The team's balance changes at once, and the team sees this entry, with your name and reason, in its ledger.",
  });
  const readDraft = (form: HTMLFormElement) => {
    const data = new FormData(form);
    setDraft({ team: String(data.get("team") ?? ""), amount: String(data.get("amount") ?? ""), kind: String(data.get("kind") ?? "GRANT") });
  };
  return (
    <form
      action={formAction}
      className="space-y-4"
      noValidate
      onChange={(event) => readDraft(event.currentTarget)}
      onSubmit={confirmation.onSubmit}
    >
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormStateProvider state={state}>
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
            hint={`Up to six decimals, at most ${maxAmount} at a time. An adjustment may be negative, e.g. -5.00.`}
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
      </FormStateProvider>
      {errors.idempotencyKey ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.idempotencyKey}
        </p>
      ) : null}
      <SubmitButton pendingLabel="Applying…">Apply credit…</SubmitButton>
      <FormMessage state={state} />
      {confirmation.dialog}
    </form>
  );
}
