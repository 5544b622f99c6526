// What a form shows after its server action answered: after a refusal, the values the person typed
// (the action echoes them, passwords never) and the message of each field; after a success, the
// saved data again. Every form reads its fields through these, so none can lose what was typed.

/** The part of a server action's answer (lib/auth/action.ts ActionState) a form's fields read. */
export type SubmittedState = { ok?: boolean; values?: Record<string, string>; fieldErrors?: Record<string, string> };

/** The typed values, only when the last submit was refused. */
export const keptValues = (state: SubmittedState): Record<string, string> | undefined => (state.ok === false ? state.values : undefined);

/** A text field's value: what was typed before a refusal, else `fallback` (the saved value). */
export function valueAfterSubmit(state: SubmittedState, name: string, fallback?: string): string | undefined {
  const kept = keptValues(state);
  return kept && Object.hasOwn(kept, name) ? kept[name] : fallback;
}

/** A checkbox: an unticked box is absent from the form, so after a refusal absence means unticked. */
export function checkedAfterSubmit(state: SubmittedState, name: string, fallback?: boolean): boolean | undefined {
  const kept = keptValues(state);
  return kept ? Object.hasOwn(kept, name) : fallback;
}

/** The message for one field, if the last submit was refused because of it. */
export const fieldErrorOf = (state: SubmittedState, name: string): string | undefined =>
  state.ok === false ? state.fieldErrors?.[name] : undefined;
