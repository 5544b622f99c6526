"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Field, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";
import { CopyField } from "@/components/ui/copy-field";
import { inviteMemberAction } from "./actions";

export function InviteForm({ team, canInviteOwner }: { team: string; canInviteOwner: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(inviteMemberAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="team" value={team} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <Field
          label="Email address"
          name="email"
          type="email"
          required
          defaultValue={state.ok ? "" : state.values?.email}
          error={state.fieldErrors?.email}
        />
        <SelectField label="Role" name="role" defaultValue={state.values?.role ?? "MEMBER"} error={state.fieldErrors?.role}>
          <option value="MEMBER">Member</option>
          <option value="ADMIN">Admin</option>
          {canInviteOwner ? <option value="OWNER">Owner</option> : null}
        </SelectField>
        <SubmitButton pendingLabel="Inviting…">Send invitation</SubmitButton>
      </div>
      <FormMessage state={state} />
      {state.ok && state.reveal ? <CopyField label="Invitation link" value={state.reveal} /> : null}
    </form>
  );
}
