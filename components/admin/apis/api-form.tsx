"use client";
// Create or edit an API: catalog fields, the upstream (its credential write-only), the OpenAPI
// document and the plans, saved together by one server action. An AI API has no upstream or
// document: it picks the registry's models it publishes, and its plans get token limits. After an
// error the form shows the values that were sent with a message next to each field; after a save
// it shows what is stored.
import { useActionState, useState } from "react";
import type { ApiFormState } from "@/lib/catalog/read-api-form";
import { Field, FormMessage, SelectField, SubmitButton } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { Markdown } from "@/components/markdown/markdown";
import { OpenApiField } from "@/components/admin/apis/openapi-field";
import { PlansEditor } from "@/components/admin/apis/plans-editor";
import type { ApiFormValues } from "@/components/admin/apis/api-form-values";
import { ModelsPicker } from "@/components/admin/apis/models-picker";
import type { ModelOption } from "@/lib/ai/registry/model-options";

type Props = {
  action: (state: ApiFormState, formData: FormData) => Promise<ApiFormState>;
  /** set when editing: the slug is fixed then */
  slug?: string;
  initial: ApiFormValues;
  hasCredential: boolean;
  openapiSummary: string | null;
  limits: { currency: string; maxPrice: string; openapiMaxBytes: number; openapiMaxLabel: string };
  /** fixed once created: set when editing */
  kind?: "REST" | "AI";
  /** the registry's models, for an AI API */
  models: ModelOption[];
};

export function ApiForm({ action, slug, initial, hasCredential, openapiSummary, limits, kind, models }: Props) {
  const [state, formAction] = useActionState(action, {});
  const values = state.ok === false && state.values ? state.values : initial;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-6" noValidate>
      {slug ? <input type="hidden" name="apiSlug" value={slug} /> : null}
      {/* The nonce remounts the fields after each answer, so they show what was sent or saved. */}
      <Fields
        key={state.nonce ?? 0}
        values={values}
        errors={errors}
        editing={Boolean(slug)}
        hasCredential={hasCredential}
        openapiSummary={openapiSummary}
        state={state}
        limits={limits}
        kind={kind}
        models={models}
      />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Saving…">{slug ? "Save changes" : "Create API"}</SubmitButton>
        <div className="min-w-0 flex-1">
          <FormMessage state={state} />
        </div>
      </div>
    </form>
  );
}

type FieldsProps = Omit<Props, "action" | "initial" | "slug"> & {
  values: ApiFormValues;
  errors: Record<string, string>;
  editing: boolean;
  state: ApiFormState;
};

function Fields({ values, errors, editing, hasCredential, openapiSummary, state, limits, kind: fixedKind, models }: FieldsProps) {
  const [description, setDescription] = useState(values.description ?? "");
  const [preview, setPreview] = useState(false);
  const [kind, setKind] = useState(fixedKind ?? (values.kind === "AI" ? "AI" : "REST"));
  const [chosen, setChosen] = useState<string[]>(() => (values.models ?? "").split(",").filter(Boolean));
  return (
    <>
      <Card title="Catalog entry" description="What developers see in the catalog and on the API's page.">
        <div className="grid gap-4 sm:grid-cols-2">
          {editing ? null : (
            <SelectField
              label="Kind"
              name="kind"
              value={kind}
              onChange={(event) => setKind(event.target.value === "AI" ? "AI" : "REST")}
              error={errors.kind}
            >
              <option value="REST">REST: forwards calls to an upstream</option>
              <option value="AI">AI: publishes models of the registry</option>
            </SelectField>
          )}
          {editing ? null : (
            <Field
              label="Slug"
              name="slug"
              required
              defaultValue={values.slug}
              error={errors.slug}
              hint="Part of every gateway URL: /api/gateway/<slug>/…. Lowercase letters, digits and dashes; fixed once created."
            />
          )}
          <Field label="Name" name="name" required maxLength={100} defaultValue={values.name} error={errors.name} />
          <Field label="Version" name="version" required maxLength={40} defaultValue={values.version} error={errors.version} />
          <SelectField label="Visibility" name="visibility" defaultValue={values.visibility ?? "PUBLIC"} error={errors.visibility}>
            <option value="PUBLIC">Public: listed for everyone</option>
            <option value="PRIVATE">Private: only teams subscribed to it see it</option>
          </SelectField>
          <Field
            label="Summary"
            name="summary"
            maxLength={300}
            defaultValue={values.summary}
            error={errors.summary}
            className="sm:col-span-2"
            hint="One sentence for the catalog card."
          />
          <Field
            label="Tags"
            name="tags"
            defaultValue={values.tags}
            error={errors.tags}
            className="sm:col-span-2"
            hint="Comma separated, e.g. weather, forecasts."
          />
          <div className="sm:col-span-2">
            <div className="flex items-end justify-between gap-2">
              <label htmlFor="description" className="block text-sm font-medium text-slate-700">
                Description (Markdown)
              </label>
              <button
                type="button"
                className="text-sm text-brand-700 hover:underline"
                aria-pressed={preview}
                onClick={() => setPreview((shown) => !shown)}
              >
                {preview ? "Edit" : "Preview"}
              </button>
            </div>
            <textarea
              id="description"
              name="description"
              rows={8}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              hidden={preview}
              aria-invalid={errors.description ? true : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
            />
            {preview ? (
              <div
                className="prose-sm mt-1 min-h-24 rounded-md border border-slate-200 bg-white px-4 py-2 text-sm text-slate-700"
                data-testid="description-preview"
              >
                {description.trim() ? <Markdown>{description}</Markdown> : <p className="text-slate-500">Nothing to preview yet.</p>}
              </div>
            ) : null}
            {errors.description ? <p className="mt-1 text-sm text-red-600">{errors.description}</p> : null}
          </div>
        </div>
      </Card>

      {kind === "AI" ? (
        <Card
          title="Models"
          description="The models this API publishes under /api/ai/v1. Calls go to each model's deployments; prices are the model's, per 1M tokens."
        >
          <ModelsPicker options={models} chosen={chosen} onChange={setChosen} error={errors.models} currency={limits.currency} />
        </Card>
      ) : (
        <RestFields
          values={values}
          errors={errors}
          editing={editing}
          hasCredential={hasCredential}
          openapiSummary={openapiSummary}
          state={state}
          limits={limits}
        />
      )}

      <Card
        title="Plans"
        description={
          kind === "AI"
            ? "What a team can subscribe to: a fee per request on top of the tokens, rate and token limits per key, the longest answer and the models allowed."
            : "What a team can subscribe to: price per call, rate limit per key and the largest request body."
        }
      >
        <PlansEditor
          values={values}
          errors={errors}
          currency={limits.currency}
          maxPrice={limits.maxPrice}
          aiModels={kind === "AI" ? chosen : null}
        />
      </Card>
    </>
  );
}

type RestFieldsProps = Omit<FieldsProps, "kind" | "models">;

/** A REST API's upstream (credential write-only) and OpenAPI document. */
function RestFields({ values, errors, editing, hasCredential, openapiSummary, state, limits }: RestFieldsProps) {
  return (
    <>
      <Card
        title="Upstream"
        description="Where the gateway forwards calls. Only http and https; private, loopback and link-local addresses are refused."
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Upstream base URL"
            name="upstreamBaseUrl"
            type="url"
            required
            placeholder="https://api.example.com/v1"
            defaultValue={values.upstreamBaseUrl}
            error={errors.upstreamBaseUrl}
            className="sm:col-span-2"
          />
          <Field
            label="Credential header"
            name="upstreamAuthHeader"
            placeholder="Authorization"
            defaultValue={values.upstreamAuthHeader}
            error={errors.upstreamAuthHeader}
            hint="The header the gateway adds with the credential."
          />
          <div>
            <Field
              label={hasCredential ? "Replace the credential" : "Credential"}
              name="upstreamCredential"
              type="password"
              autoComplete="new-password"
              placeholder={hasCredential ? "Leave empty to keep it" : "e.g. Bearer sk_live_…"}
              error={errors.upstreamCredential}
              hint={`Write-only: stored encrypted, never shown again. Currently ${hasCredential ? "set" : "not set"}.`}
            />
            {editing && hasCredential ? (
              <label className="mt-2 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="clearUpstreamCredential"
                  defaultChecked={values.clearUpstreamCredential === "on"}
                  className="h-4 w-4 rounded border-slate-300"
                />
                Remove the stored credential
              </label>
            ) : null}
          </div>
          <Field
            label="Connect timeout (ms)"
            name="upstreamConnectTimeoutMs"
            inputMode="numeric"
            defaultValue={values.upstreamConnectTimeoutMs}
            error={errors.upstreamConnectTimeoutMs}
            hint="100 to 60000."
          />
          <Field
            label="Response timeout (ms)"
            name="upstreamTimeoutMs"
            inputMode="numeric"
            defaultValue={values.upstreamTimeoutMs}
            error={errors.upstreamTimeoutMs}
            hint="1000 to 300000."
          />
          <div className="sm:col-span-2">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input
                type="checkbox"
                name="relayCookies"
                defaultChecked={values.relayCookies === "on"}
                className="h-4 w-4 rounded border-slate-300"
              />
              Relay cookies
            </label>
            <p className="mt-1 text-sm text-slate-500">
              Off: the gateway drops the upstream&apos;s Set-Cookie and sends it no cookies. On: its cookies reach callers under
              /api/gateway/&lt;slug&gt; only (never the portal&apos;s own), and callers&apos; other cookies reach it.
            </p>
          </div>
        </div>
      </Card>

      <Card
        title="OpenAPI document"
        description="Shown as the API's reference docs. Validated against the official OpenAPI schema; an invalid document is never saved."
      >
        <OpenApiField
          editing={editing}
          current={openapiSummary}
          defaultMode={values.openapiMode}
          defaultText={values.openapiText}
          error={errors.openapi}
          problems={state.openapiProblems}
          maxLabel={limits.openapiMaxLabel}
        />
      </Card>
    </>
  );
}
