"use client";
// For owners and admins: subscribe the team to one of an API's plans, move it to another plan, or
// cancel. One result line under both forms shows whichever was submitted last, so the message of a
// cancel survives its button going away.
import { useActionState, useState } from "react";
import Link from "next/link";
import type { ActionState } from "@/lib/auth/action";
import type { PlanOption } from "@/components/subscriptions/catalog-item-view";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useConfirmedSubmit } from "@/components/ui/confirm-dialog";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = {
  team: string;
  api: { slug: string; name: string };
  plans: PlanOption[];
  /** slug of the plan the team holds (ACTIVE or PENDING), or null when it holds none */
  current: string | null;
  /** why new subscriptions are closed, or null */
  closed: string | null;
  actions: { subscribe: Action; cancel: Action };
  /** the team can already call: no "Next: create a key" after subscribing */
  teamHasKeys: boolean;
  /** the plan a link from the public catalog chose, preselected when the team holds none */
  chosenPlan?: string | null;
};

export function SubscriptionForm({ team, api, plans, current, closed, actions, teamHasKeys, chosenPlan = null }: Props) {
  const [subscribed, subscribe] = useActionState(actions.subscribe, {});
  const [cancelled, cancel] = useActionState(actions.cancel, {});
  const [last, setLast] = useState<"subscribe" | "cancel">("subscribe");
  // The key hint is for a team that just subscribed, not for a plan change.
  const [wasNew, setWasNew] = useState(false);
  const result = last === "cancel" ? cancelled : subscribed;
  const confirmCancel = useConfirmedSubmit(`Cancel this team's subscription to ${api.name}?`, {
    detail: "Calls to it with the team's keys are refused from then on.",
  });
  const hidden = (
    <>
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="api" value={api.slug} />
    </>
  );

  return (
    <div className="space-y-2">
      {closed ? (
        <p className="text-xs text-slate-600">{closed}</p>
      ) : (
        <form
          action={subscribe}
          onSubmit={() => {
            setLast("subscribe");
            setWasNew(!current);
          }}
          className="space-y-2"
          aria-label={`Subscription to ${api.name}`}
        >
          {hidden}
          <div>
            <label htmlFor={`plan-${api.slug}`} className="block text-xs font-medium text-slate-700">
              Plan
            </label>
            {/* Keyed on the held plan: after a change the select starts from the new plan. */}
            <select
              key={current ?? ""}
              id={`plan-${api.slug}`}
              name="plan"
              defaultValue={current ?? (plans.some((plan) => plan.slug === chosenPlan) ? chosenPlan! : plans[0]?.slug)}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-xs"
            >
              {plans.map((plan) => (
                <option key={plan.slug} value={plan.slug}>
                  {plan.label}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton size="sm" pendingLabel="Saving…">
            {current ? "Change plan" : "Subscribe"}
          </SubmitButton>
        </form>
      )}
      {current ? (
        <form
          action={cancel}
          onSubmit={(event) => {
            if (confirmCancel.onSubmit(event)) setLast("cancel");
          }}
        >
          {hidden}
          <SubmitButton size="sm" variant="ghost" pendingLabel="Cancelling…">
            Cancel subscription
          </SubmitButton>
          {confirmCancel.dialog}
        </form>
      ) : null}
      <FormMessage state={result} />
      {last === "subscribe" && wasNew && result.ok && !teamHasKeys ? (
        <p className="text-xs text-slate-600">
          Next: create a key on the{" "}
          <Link href={`/${team}/keys`} className="text-brand-600 hover:underline">
            Keys page
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}
