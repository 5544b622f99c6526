"use client";
// Choose a preset or type an amount, then continue to Stripe's hosted Checkout. The server looks
// the amount up again and checks the bounds; nothing here is trusted as a price.
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export type TopUpFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  team: string;
  currency: string;
  /** value sent (e.g. "25") and label shown (e.g. "$25.00") */
  presets: { value: string; label: string }[];
  bounds: { min: string; max: string };
  canSaveCard: boolean;
};

export function TopUpForm({ action, team, currency, presets, bounds, canSaveCard }: TopUpFormProps) {
  const [state, formAction] = useActionState(action, {});
  const values = state.ok ? undefined : state.values;
  const [choice, setChoice] = useState(values?.amount ?? presets[1]?.value ?? presets[0]?.value ?? "custom");
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="team" value={team} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Amount ({currency})</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {[...presets, { value: "custom", label: "Other amount" }].map((preset) => (
            <label
              key={preset.value}
              className={`cursor-pointer rounded-md border px-4 py-2 text-sm ${choice === preset.value ? "border-brand-600 bg-brand-50 font-medium text-brand-700" : "border-slate-300 bg-white"}`}
            >
              <input
                type="radio"
                name="amount"
                value={preset.value}
                checked={choice === preset.value}
                onChange={() => setChoice(preset.value)}
                className="sr-only"
              />
              {preset.label}
            </label>
          ))}
        </div>
      </fieldset>
      {choice === "custom" ? (
        <Field
          label={`Custom amount (${currency})`}
          name="customAmount"
          inputMode="decimal"
          autoFocus
          defaultValue={values?.customAmount}
          error={state.fieldErrors?.amount}
          hint={`Between ${bounds.min} and ${bounds.max}.`}
          className="max-w-xs"
        />
      ) : state.fieldErrors?.amount ? (
        <p className="text-sm text-red-600">{state.fieldErrors.amount}</p>
      ) : null}
      {canSaveCard ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="saveCard" className="mt-1" defaultChecked={values?.saveCard === "on"} />
          <span>
            <span className="font-medium text-slate-700">Save this card for auto-recharge</span>
            <span className="block text-xs text-slate-500">
              Stripe keeps the card so the team can be recharged automatically when credit runs low.
            </span>
          </span>
        </label>
      ) : null}
      <SubmitButton pendingLabel="Opening Stripe…">Continue to payment</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
