"use client";
// Create or edit an AI provider. The API key and the extra headers are write-only: the form shows
// only whether they are set, an empty field keeps them, and "remove" clears them. After an error
// the other fields show what was sent, with a message next to each; the key and headers are never
// sent back, so they have to be typed again.
import { useActionState } from "react";
import type { ProviderFormState } from "@/lib/ai/registry/read-provider-form";
import { Card } from "@/components/ui/card";
import { Field, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";
import type { ProviderFormValues } from "@/components/admin/ai/provider-form-values";

type Props = {
  action: (state: ProviderFormState, formData: FormData) => Promise<ProviderFormState>;
  /** set when editing */
  providerId?: string;
  initial: ProviderFormValues;
  hasApiKey: boolean;
  hasExtraHeaders: boolean;
};

export function ProviderForm({ action, providerId, initial, hasApiKey, hasExtraHeaders }: Props) {
  const [state, formAction] = useActionState(action, {});
  const values = state.ok === false && state.values ? state.values : initial;
  const errors = state.fieldErrors ?? {};
  const editing = Boolean(providerId);
  return (
    <form action={formAction} className="space-y-6" noValidate>
      {providerId ? <input type="hidden" name="providerId" value={providerId} /> : null}
      <Card title="Provider" description="Where models run. Tollgate calls it with the key below for every deployment on it.">
        {/* The nonce remounts the fields after each answer, so they show what was sent or saved. */}
        <div key={state.nonce ?? 0} className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" name="name" required maxLength={80} defaultValue={values.name} error={errors.name} />
          {editing ? null : (
            <Field
              label="Slug"
              name="slug"
              defaultValue={values.slug}
              error={errors.slug}
              placeholder="openai"
              hint="Optional: made from the name. Shown in logs and error details."
            />
          )}
          <SelectField label="Kind" name="kind" defaultValue={values.kind ?? "OPENAI"} error={errors.kind}>
            <option value="OPENAI">OpenAI-compatible (OpenAI, vLLM, Ollama, Groq, OpenRouter…)</option>
            <option value="ANTHROPIC">Anthropic (Messages API)</option>
          </SelectField>
          <Field
            label="Base URL"
            name="baseUrl"
            type="url"
            required
            placeholder="https://api.openai.com/v1"
            defaultValue={values.baseUrl}
            error={errors.baseUrl}
            className="sm:col-span-2"
            hint="OpenAI-compatible: the URL before /chat/completions. Anthropic: https://api.anthropic.com (without /v1). Public addresses only."
          />
          <WriteOnly
            label="API key"
            name="apiKey"
            set={hasApiKey}
            editing={editing}
            error={errors.apiKey}
            checked={values["clear-apiKey"] === "on"}
          />
          <Field
            label="Connect timeout (ms)"
            name="connectTimeoutMs"
            inputMode="numeric"
            defaultValue={values.connectTimeoutMs}
            error={errors.connectTimeoutMs}
            hint="100 to 60000."
          />
          <Field
            label="Answer timeout (ms)"
            name="timeoutMs"
            inputMode="numeric"
            defaultValue={values.timeoutMs}
            error={errors.timeoutMs}
            hint="Until the answer starts, and between streamed chunks: 1000 to 600000."
          />
          <div className="sm:col-span-2">
            <label htmlFor="extraHeaders" className="block text-sm font-medium text-slate-700">
              {editing && hasExtraHeaders ? "Replace the extra headers" : "Extra headers"}
            </label>
            <textarea
              id="extraHeaders"
              name="extraHeaders"
              rows={3}
              placeholder={
                editing && hasExtraHeaders ? "Leave empty to keep them" : "OpenAI-Organization: org-…\nHTTP-Referer: https://example.com"
              }
              aria-invalid={errors.extraHeaders ? true : undefined}
              aria-describedby="extraHeaders-hint"
              className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 ${
                errors.extraHeaders ? "border-red-500" : "border-slate-300"
              }`}
            />
            {errors.extraHeaders ? <p className="mt-1 text-sm text-red-600">{errors.extraHeaders}</p> : null}
            <p id="extraHeaders-hint" className="mt-1 text-xs text-slate-500">
              One <code>Name: value</code> per line. Write-only: stored encrypted, never shown again. Currently{" "}
              {hasExtraHeaders ? "set" : "not set"}.
            </p>
            {editing && hasExtraHeaders ? (
              <ClearBox name="clear-extraHeaders" label="Remove the stored extra headers" checked={values["clear-extraHeaders"] === "on"} />
            ) : null}
          </div>
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Saving…">{editing ? "Save changes" : "Create provider"}</SubmitButton>
        <div className="min-w-0 flex-1">
          <FormMessage state={state} />
        </div>
      </div>
    </form>
  );
}

function ClearBox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="mt-2 flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="h-4 w-4 rounded border-slate-300" />
      {label}
    </label>
  );
}

type WriteOnlyProps = { label: string; name: string; set: boolean; editing: boolean; error?: string; checked: boolean };

/** A secret field: typed in, never shown; "set"/"not set", replace and clear. */
function WriteOnly({ label, name, set, editing, error, checked }: WriteOnlyProps) {
  return (
    <div>
      <Field
        label={editing && set ? `Replace the ${label}` : label}
        name={name}
        type="password"
        autoComplete="new-password"
        placeholder={editing && set ? "Leave empty to keep it" : "sk-…"}
        error={error}
        hint={`Write-only: stored encrypted, never shown again. Currently ${set ? "set" : "not set"}.`}
      />
      {editing && set ? <ClearBox name={`clear-${name}`} label={`Remove the stored ${label}`} checked={checked} /> : null}
    </div>
  );
}
