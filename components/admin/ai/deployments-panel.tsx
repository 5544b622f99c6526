"use client";
// A model's deployments: each with its provider and model name, a form to change its weight,
// priority and on/off switch, and a form to add one. Calls try lower priorities first, by weight
// among equals, and fall back on failure; a disabled deployment gets no calls.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import type { DeploymentView } from "@/lib/ai/registry/get-model";
import { ActionForm } from "@/components/ui/action-form";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { Badge } from "@/components/ui/card";
import { DeploymentFields, type ProviderOption } from "@/components/admin/ai/deployment-fields";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = {
  model: string;
  deployments: DeploymentView[];
  providers: ProviderOption[];
  addAction: Action;
  updateAction: Action;
  removeAction: Action;
};

export function DeploymentsPanel({ model, deployments, providers, addAction, updateAction, removeAction }: Props) {
  const enabled = deployments.filter((deployment) => deployment.enabled).length;
  return (
    <div className="space-y-4">
      {enabled === 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="no-enabled-deployment">
          {deployments.length === 0 ? "No deployment" : "Every deployment is disabled"}: calls to this model fail, and an AI API publishing
          only such models cannot be published, until you add or enable one.
        </p>
      ) : null}
      {deployments.length === 0 ? null : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="deployments">
          {deployments.map((deployment) => (
            <li key={deployment.id} className="space-y-2 py-3" data-testid="deployment-row">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{deployment.provider.name}</span> <code className="text-xs">{deployment.providerModel}</code>
                {deployment.enabled ? null : <Badge tone="amber">disabled</Badge>}
              </p>
              <EditDeployment model={model} deployment={deployment} action={updateAction} />
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

const SETTINGS = [
  { field: "weight", label: "Weight", range: "1-1000" },
  { field: "priority", label: "Priority", range: "0-100" },
] as const;

/** Weight, priority and the on/off switch of one deployment; its provider and model name are fixed. */
function EditDeployment({ model, deployment, action }: { model: string; deployment: DeploymentView; action: Action }) {
  const id = (field: string) => `deployment-${deployment.id}-${field}`;
  return (
    <ActionForm action={action} hidden={{ model, deploymentId: deployment.id }} className="flex flex-wrap items-end gap-3">
      {SETTINGS.map(({ field, label, range }) => (
        <Field
          key={field}
          label={label}
          name={field}
          id={id(field)}
          inputMode="numeric"
          defaultValue={String(deployment[field])}
          className="w-24"
          hint={range}
        />
      ))}
      <label htmlFor={id("enabled")} className="flex items-center gap-2 pb-7 text-sm font-medium text-slate-700">
        <input id={id("enabled")} type="checkbox" name="enabled" defaultChecked={deployment.enabled} />
        Enabled
      </label>
      <div className="pb-5">
        <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
          Save
        </SubmitButton>
      </div>
    </ActionForm>
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
