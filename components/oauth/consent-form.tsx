"use client";
// The consent page's form: who asks (the client's own name, which it chose, and the host the answer
// goes to, which it cannot fake), for what, charged to which team, with an optional cap and expiry.
import type { ActionState } from "@/lib/auth/action";
import { ActionForm } from "@/components/ui/action-form";
import { Field, SelectField, SubmitButton } from "@/components/ui/form";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  clientName: string;
  redirectHost: string;
  apiSlug: string | null;
  userEmail: string;
  teams: { slug: string; name: string }[];
  currency: string;
  expiryChoices: { value: string; label: string }[];
};

export function ConsentForm({ action, hidden, clientName, redirectHost, apiSlug, userEmail, teams, currency, expiryChoices }: Props) {
  return (
    <>
      <h1 className="text-lg font-semibold">
        Allow <span data-testid="consent-client-name">{clientName}</span> to use your team’s APIs?
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        After you decide, you go back to <strong data-testid="consent-redirect-host">{redirectHost}</strong>. Only allow it if you started
        this sign-in there.
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>{apiSlug ? <>It can call the API {apiSlug} as tools.</> : <>It can call every API your team may call, as tools.</>}</li>
        <li>Every call is charged to the team’s credit, like a call with a team key.</li>
        <li>You can revoke it any time on the team’s Keys page.</li>
      </ul>
      <p className="mt-3 text-xs text-slate-500">Signed in as {userEmail}.</p>
      <ActionForm action={action} hidden={hidden} className="mt-4 space-y-4">
        <SelectField label="Team" name="team" defaultValue={teams[0]?.slug}>
          {teams.map((team) => (
            <option key={team.slug} value={team.slug}>
              {team.name}
            </option>
          ))}
        </SelectField>
        <Field
          label={`Spend cap (${currency}, optional)`}
          name="spendCap"
          inputMode="decimal"
          placeholder="No cap"
          hint="Calls stop once this much has been spent."
        />
        <SelectField label="Access ends after" name="expiry" defaultValue="30">
          {expiryChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </SelectField>
        <div className="flex gap-3">
          <SubmitButton name="decision" value="allow" pendingLabel="Allowing…">
            Allow
          </SubmitButton>
          <SubmitButton name="decision" value="deny" variant="secondary" pendingLabel="Working…">
            Deny
          </SubmitButton>
        </div>
      </ActionForm>
    </>
  );
}
