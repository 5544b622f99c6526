"use client";
// A model's deployments: each with its provider, model name, weight and priority, and a form to
// add one. Calls try lower priorities first, by weight among equals, and fall back on failure.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import type { DeploymentView } from "@/lib/ai/registry/get-model";
import { ActionForm } from "@/components/ui/action-form";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { DeploymentFields, type ProviderOption } from "@/components/admin/ai/deployment-fields";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = { model: string; deployments: DeploymentView[]; providers: ProviderOption[]; addAction: Action; removeAction: Action };

export function DeploymentsPanel({ model, deployments, providers, addAction, removeAction }: Props) {
  return (
    <div className="space-y-4">
      {deployments.length === 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No deployment: calls to this model fail until you add one.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="deployments">
          {deployments.map((deployment) => (
            <li key={deployment.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="deployment-row">
              <span>
                <span className="font-medium">{deployment.provider.name}</span> <code className="text-xs">{deployment.providerModel}</code>
                <span className="block text-xs text-slate-500">
                  priority {deployment.priority} · weight {deployment.weight}
                </span>
              </span>
              <ActionForm
                action={removeAction}
                hidden={{ model, deploymentId: deployment.id }}
                confirm={`Remove the deployment on ${deployment.provider.name}?`}
              >
                <SubmitButton variant="ghost" size="sm" pendingLabel="Removing…">
                  Remove
                </SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      <AddDeployment model={model} providers={providers} action={addAction} />
    </div>
  );
}

function AddDeployment({ model, providers, action }: { model: string; providers: ProviderOption[]; action: Action }) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  const values: Record<string, string> = state.ok === false && state.values ? state.values : {};
  if (providers.length === 0) return <p className="text-sm text-slate-600">Register a provider first to add a deployment.</p>;
  return (
    <form action={formAction} className="space-y-3 rounded-md border border-slate-200 p-3" noValidate>
      <input type="hidden" name="model" value={model} />
      <p className="text-sm font-medium text-slate-800">Add a deployment</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <DeploymentFields providers={providers} name={(field) => field} values={values} errors={errors} />
        <Field
          label="Weight"
          name="weight"
          id="add-weight"
          inputMode="numeric"
          defaultValue={values.weight ?? "1"}
          error={errors.weight}
          hint="1 to 1000, among equal priorities."
        />
        <Field
          label="Priority"
          name="priority"
          id="add-priority"
          inputMode="numeric"
          defaultValue={values.priority ?? "0"}
          error={errors.priority}
          hint="0 to 100; lower is tried first, higher ones are fallbacks."
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingLabel="Adding…">
          Add deployment
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
