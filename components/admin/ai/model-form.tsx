"use client";
// Create or edit a model: its public id (fixed once created), name, kind, limits, capabilities and
// prices per 1M tokens; on create, optionally its first deployment. After an error the form shows
// what was sent with a message next to each field.
import { useActionState } from "react";
import type { ModelFormState } from "@/lib/ai/registry/read-model-form";
import { Card } from "@/components/ui/card";
import { Field, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";
import type { ModelFormValues } from "@/components/admin/ai/model-form-values";
import { DeploymentFields, type ProviderOption } from "@/components/admin/ai/deployment-fields";

type Props = {
  action: (state: ModelFormState, formData: FormData) => Promise<ModelFormState>;
  /** set when editing: the public id is fixed then */
  publicId?: string;
  initial: ModelFormValues;
  currency: string;
  maxPrice: string;
  /** on create: the providers the first deployment can use */
  providers?: ProviderOption[];
};

const CAPABILITIES = [
  ["supportsTools", "Tools (function calling)"],
  ["supportsVision", "Vision (image inputs)"],
  ["supportsJsonOutput", "JSON output (response_format)"],
] as const;

export function ModelForm({ action, publicId, initial, currency, maxPrice, providers }: Props) {
  const [state, formAction] = useActionState(action, {});
  const values = state.ok === false && state.values ? state.values : initial;
  const errors = state.fieldErrors ?? {};
  const price = (name: string, label: string, hint: string) => (
    <Field
      label={`${label} (${currency} per 1M tokens)`}
      name={name}
      inputMode="decimal"
      defaultValue={values[name]}
      error={errors[name]}
      hint={hint}
    />
  );
  return (
    <form action={formAction} className="space-y-6" noValidate>
      {publicId ? <input type="hidden" name="model" value={publicId} /> : null}
      <div key={state.nonce ?? 0} className="space-y-6">
        <Card title="Model" description="What teams call: the public id is what they send as `model`.">
          <div className="grid gap-4 sm:grid-cols-2">
            {publicId ? null : (
              <Field
                label="Public id"
                name="publicId"
                required
                placeholder="gpt-4o-mini"
                defaultValue={values.publicId}
                error={errors.publicId}
                hint="Lowercase letters, digits and . _ : / -; fixed once created."
              />
            )}
            <Field label="Display name" name="displayName" required defaultValue={values.displayName} error={errors.displayName} />
            <SelectField label="Kind" name="kind" defaultValue={values.kind ?? "CHAT"} error={errors.kind}>
              <option value="CHAT">Chat (chat completions, messages)</option>
              <option value="EMBEDDINGS">Embeddings</option>
            </SelectField>
            <Field
              label="Context window (tokens)"
              name="contextWindow"
              inputMode="numeric"
              defaultValue={values.contextWindow}
              error={errors.contextWindow}
            />
            <Field
              label="Max output tokens"
              name="maxOutputTokens"
              inputMode="numeric"
              defaultValue={values.maxOutputTokens}
              error={errors.maxOutputTokens}
              hint="Chat: the longest answer, at most the context window. Embeddings: 0."
            />
          </div>
          <fieldset className="mt-4">
            <legend className="text-sm font-medium text-slate-700">Capabilities</legend>
            <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {CAPABILITIES.map(([name, label]) => (
                <label key={name} className="flex items-center gap-2">
                  <input type="checkbox" name={name} defaultChecked={values[name] === "on"} className="h-4 w-4 rounded border-slate-300" />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        </Card>
        <Card title="Prices" description={`Per 1,000,000 tokens, 0 to ${maxPrice}; a call's cost is rounded up to the micro-unit once.`}>
          <div className="grid gap-4 sm:grid-cols-3">
            {price("inputPrice", "Input", "e.g. 2.50")}
            {price("cachedInputPrice", "Cached input", "Empty on create: the input price.")}
            {price("outputPrice", "Output", "Chat models; embeddings have none.")}
          </div>
        </Card>
        {providers ? <FirstDeployment providers={providers} values={values} errors={errors} /> : null}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Saving…">{publicId ? "Save changes" : "Create model"}</SubmitButton>
        <div className="min-w-0 flex-1">
          <FormMessage state={state} />
        </div>
      </div>
    </form>
  );
}

type FirstDeploymentProps = { providers: ProviderOption[]; values: ModelFormValues; errors: Record<string, string> };

function FirstDeployment({ providers, values, errors }: FirstDeploymentProps) {
  return (
    <Card
      title="Deployment"
      description="Where the model runs: a provider and the model name it expects. Add more (fallbacks) on the model's page."
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <DeploymentFields providers={providers} name={(field) => `deployments.0.${field}`} values={values} errors={errors} optional />
      </div>
    </Card>
  );
}
