"use client";
// The lifecycle of one API: its status and dates, and a form for each move the lifecycle allows
// from here (the server checks the move again). Deprecating asks for the sunset date the gateway
// announces; retiring asks for confirmation, because it cannot be undone.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import type { ApiStatus } from "@/lib/ui-types";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { FormStateProvider } from "@/components/ui/form-state";
import { useConfirmedSubmit } from "@/components/ui/confirm-dialog";
import { ApiStatusBadge } from "@/components/admin/apis/api-status-badge";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = {
  action: Action;
  slug: string;
  status: ApiStatus;
  next: readonly ApiStatus[];
  dates: { label: string; value: string }[];
  deprecationNote: string | null;
  /** yyyy-mm-dd of tomorrow (UTC): the earliest sunset */
  minSunset: string;
};

export function LifecyclePanel({ action, slug, status, next, dates, deprecationNote, minSunset }: Props) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  const confirmRetire = useConfirmedSubmit("Retire this API?", {
    detail: "Every call will get 410 Gone and it leaves the catalog. This cannot be undone.",
  });
  return (
    <FormStateProvider state={state}>
      <div className="space-y-4">
        <p className="flex items-center gap-2 text-sm">
          Status: <ApiStatusBadge status={status} />
        </p>
        {dates.length ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {dates.map((date) => (
              <div key={date.label} className="contents">
                <dt className="text-slate-500">{date.label}</dt>
                <dd className="tabular-nums">{date.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {deprecationNote ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Deprecation note: {deprecationNote}</p>
        ) : null}
        {next.length === 0 ? (
          <p className="text-sm text-slate-600">Retired for good: the gateway answers 410 Gone and the catalog no longer lists it.</p>
        ) : null}

        {next.includes("PUBLISHED") ? (
          <form action={formAction}>
            <input type="hidden" name="apiSlug" value={slug} />
            <input type="hidden" name="status" value="PUBLISHED" />
            <SubmitButton pendingLabel="Publishing…">{status === "DEPRECATED" ? "Undo the deprecation" : "Publish"}</SubmitButton>
            <p className="mt-1 text-xs text-slate-500">
              {status === "DEPRECATED"
                ? "Back to published: the Deprecation and Sunset headers stop."
                : "Lists the API in the catalog; teams can subscribe and call it."}
            </p>
          </form>
        ) : null}

        {next.includes("DEPRECATED") ? (
          <form action={formAction} className="space-y-3 rounded-md border border-amber-200 p-3">
            <input type="hidden" name="apiSlug" value={slug} />
            <input type="hidden" name="status" value="DEPRECATED" />
            <Field
              label="Sunset date"
              name="sunsetDate"
              type="date"
              min={minSunset}
              error={errors.sunsetAt ?? errors.sunsetDate}
              hint="Sent as the Sunset header; must be in the future. Leave empty when not decided."
            />
            <Field
              label="Deprecation note (optional)"
              name="deprecationMessage"
              maxLength={500}
              placeholder="Use weather-v2 instead."
              error={errors.deprecationMessage}
            />
            <SubmitButton variant="secondary" pendingLabel="Deprecating…">
              Deprecate
            </SubmitButton>
          </form>
        ) : null}

        {next.includes("RETIRED") ? (
          <form action={formAction} onSubmit={confirmRetire.onSubmit}>
            <input type="hidden" name="apiSlug" value={slug} />
            <input type="hidden" name="status" value="RETIRED" />
            <SubmitButton variant="danger" pendingLabel="Retiring…">
              Retire…
            </SubmitButton>
            <p className="mt-1 text-xs text-slate-500">Irreversible: calls get 410 Gone.</p>
            {confirmRetire.dialog}
          </form>
        ) : null}
        <FormMessage state={state} />
      </div>
    </FormStateProvider>
  );
}
