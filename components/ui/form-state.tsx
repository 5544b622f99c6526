"use client";
// The last answer of a form's server action, shared with the fields inside it: Field, SelectField,
// TextAreaField and CheckboxField take their value and error from here, so a form only provides the
// state (ActionForm does it for you) and every field keeps what was typed and shows its message.
import { createContext, useContext } from "react";
import { checkedAfterSubmit, fieldErrorOf, valueAfterSubmit, type SubmittedState } from "@/lib/forms/form-state";

const FormStateContext = createContext<SubmittedState>({});

export function FormStateProvider({ state, children }: { state: SubmittedState; children: React.ReactNode }) {
  return <FormStateContext.Provider value={state}>{children}</FormStateContext.Provider>;
}

type Given = { defaultValue?: unknown; defaultChecked?: boolean; error?: string };

/** A field's value and error: the explicit props of the page win only where the form has no answer yet. */
export function useSubmittedField(name: string, given: Given) {
  const state = useContext(FormStateContext);
  const fallback = given.defaultValue === undefined || given.defaultValue === null ? undefined : String(given.defaultValue);
  return {
    defaultValue: valueAfterSubmit(state, name, fallback),
    defaultChecked: checkedAfterSubmit(state, name, given.defaultChecked),
    error: given.error ?? fieldErrorOf(state, name),
  };
}
