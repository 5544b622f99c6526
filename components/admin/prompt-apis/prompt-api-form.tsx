"use client";
// Create or edit a Prompt API: the catalog fields, the prompt (model, system prompt, user template
// with {{variables}}, the variables, an optional output JSON Schema, temperature, output cap) and the
// plans, saved together by one server action; a changed prompt is saved as a new version. Errors
// come back per field (placeholders without a variable, variables without a placeholder…).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { PromptFormValues } from "@/lib/prompt-apis/prompt-form";
import type { TryItTeamOption } from "@/lib/try-it/list-try-it-keys";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Select, TextArea, TextInput } from "@/components/admin/prompt-apis/prompt-fields";
import { VariablesEditor } from "@/components/admin/prompt-apis/variables-editor";
import { PromptPlansEditor } from "@/components/admin/prompt-apis/prompt-plans-editor";
import { TestPanel } from "@/components/admin/prompt-apis/test-panel";

type SaveState = { ok: boolean; message?: string; error?: string; fieldErrors?: Record<string, string>; slug?: string };

type Props = {
  initial: PromptFormValues;
  /** set when editing: the slug is fixed then */
  slug?: string;
  models: { publicId: string; displayName: string }[];
  currency: string;
  save: (form: unknown, editing?: string) => Promise<SaveState>;
  test: (input: unknown) => Promise<unknown>;
  teams: TryItTeamOption[];
};

export function PromptApiForm({ initial, slug, models, currency, save, test, teams }: Props) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [state, setState] = useState<SaveState | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = state?.fieldErrors ?? {};
  const error = (field: string) => errors[field];
  const set = (patch: Partial<PromptFormValues>) => setForm((current) => ({ ...current, ...patch }));
  const fixedSlugs = new Set(initial.plans.map((plan) => plan.slug));

  const submit = () =>
    startTransition(async () => {
      const result = await save(form, slug);
      setState(result);
      if (result.ok && !slug && result.slug) router.push(`/admin/apis/${result.slug}?created=1`);
      else if (result.ok) router.refresh();
    });

  return (
    <form className="space-y-6" noValidate onSubmit={(event) => (event.preventDefault(), submit())}>
      <Card title="API">
        <div className="grid gap-4 sm:grid-cols-2">
          {slug ? null : (
            <TextInput
              label="Slug"
              value={form.slug}
              onChange={(value) => set({ slug: value })}
              error={error("slug")}
              hint="In the gateway URL: /api/gateway/<slug>"
            />
          )}
          <TextInput label="Name" value={form.name} onChange={(value) => set({ name: value })} error={error("name")} />
          <TextInput
            className="sm:col-span-2"
            label="Summary"
            value={form.summary}
            onChange={(value) => set({ summary: value })}
            error={error("summary")}
          />
          <TextArea
            className="sm:col-span-2"
            label="Description (Markdown)"
            rows={4}
            value={form.description}
            onChange={(value) => set({ description: value })}
            error={error("description")}
          />
          <TextInput label="Tags (comma-separated)" value={form.tags} onChange={(value) => set({ tags: value })} error={error("tags")} />
          <Select
            label="Visibility"
            value={form.visibility}
            onChange={(value) => set({ visibility: value })}
            options={[
              { value: "PUBLIC", label: "Public" },
              { value: "PRIVATE", label: "Private" },
            ]}
            error={error("visibility")}
          />
        </div>
      </Card>
      <Card
        title="Prompt"
        description="Placeholders are {{name}}; each must be a variable, and each variable must be used. Substitution is plain text."
      >
        <div className="space-y-4">
          <Select
            label="Model"
            value={form.model}
            onChange={(value) => set({ model: value })}
            options={[
              { value: "", label: "Pick a chat model" },
              ...models.map((model) => ({ value: model.publicId, label: `${model.displayName} (${model.publicId})` })),
            ]}
            error={error("prompt.model")}
          />
          <TextArea
            label="System prompt"
            rows={3}
            value={form.systemPrompt}
            onChange={(value) => set({ systemPrompt: value })}
            error={error("prompt.systemPrompt")}
          />
          <TextArea
            label="User message template"
            rows={4}
            value={form.userTemplate}
            onChange={(value) => set({ userTemplate: value })}
            error={error("prompt.userTemplate")}
          />
          <VariablesEditor rows={form.variables} onChange={(variables) => set({ variables })} error={error} />
          <TextArea
            label="Output JSON Schema (optional)"
            rows={5}
            mono
            value={form.outputSchema}
            onChange={(value) => set({ outputSchema: value })}
            error={error("prompt.outputSchema")}
            hint='Empty: the output is text. Otherwise an object schema, e.g. {"type":"object","properties":{"summary":{"type":"string"}}}'
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextInput
              label="Temperature"
              inputMode="decimal"
              value={form.temperature}
              onChange={(value) => set({ temperature: value })}
              error={error("prompt.temperature")}
              hint="0 to 2; empty: the model's default"
            />
            <TextInput
              label="Output token cap"
              inputMode="numeric"
              value={form.maxOutputTokens}
              onChange={(value) => set({ maxOutputTokens: value })}
              error={error("prompt.maxOutputTokens")}
            />
          </div>
        </div>
      </Card>
      <Card title="Plans">
        <PromptPlansEditor
          rows={form.plans}
          fixedSlugs={fixedSlugs}
          currency={currency}
          onChange={(plans) => set({ plans })}
          error={error}
        />
      </Card>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : slug ? "Save changes" : "Create Prompt API"}
        </Button>
        {state ? (
          <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-600"}`}>
            {state.ok ? state.message : state.error}
          </p>
        ) : null}
      </div>
      {slug ? (
        <Card title="Test panel" description="Try the prompt in the form before you save or publish it.">
          <TestPanel
            api={slug}
            form={form}
            teams={teams}
            run={test}
            onFieldErrors={(fieldErrors) => setState({ ok: false, error: "Check the highlighted fields.", fieldErrors })}
          />
        </Card>
      ) : null}
    </form>
  );
}
