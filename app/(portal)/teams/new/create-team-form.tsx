"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { createTeamAction } from "./actions";

export function CreateTeamForm() {
  const [state, action] = useActionState<ActionState, FormData>(createTeamAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label="Team name"
        name="name"
        required
        maxLength={60}
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
        hint="You can rename it later."
      />
      <SubmitButton pendingLabel="Creating…">Create team</SubmitButton>
    </form>
  );
}
