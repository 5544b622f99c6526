"use client";
// The test panel: runs the form's current prompt (saved or not) with sample variables through the
// real path, charged to a team the admin picks (named before running, at the model's token prices),
// and shows the output, the tokens and the cost.
import { useState, useTransition } from "react";
import type { PromptFormValues } from "@/lib/prompt-apis/prompt-form";
import { sampleValue } from "@/lib/prompt-apis/sample-value";
import type { DraftTestResult } from "@/lib/prompt-apis/call/test-draft";
import type { TryItTeamOption } from "@/lib/try-it/list-try-it-keys";
import { Button } from "@/components/ui/button";
import { Select, TextArea } from "@/components/admin/prompt-apis/prompt-fields";

type Outcome = (DraftTestResult & { ok: true }) | { ok: false; error?: string; fieldErrors?: Record<string, string> };

type Props = {
  api: string;
  form: PromptFormValues;
  teams: TryItTeamOption[];
  run: (input: unknown) => Promise<unknown>;
  onFieldErrors: (errors: Record<string, string>) => void;
};

/** Sample input with a placeholder value of each variable's type. */
export function sampleVariables(form: PromptFormValues): string {
  const sample: Record<string, unknown> = {};
  for (const row of form.variables) {
    if (!row.name) continue;
    sample[row.name] = sampleValue(
      row.type,
      row.values.split(",").map((value) => value.trim()),
    );
  }
  return JSON.stringify(sample, null, 2);
}

export function TestPanel({ api, form, teams, run, onFieldErrors }: Props) {
  const [team, setTeam] = useState(teams[0]?.slug ?? "");
  const keys = teams.find((option) => option.slug === team)?.keys ?? [];
  const [keyId, setKeyId] = useState(keys[0]?.id ?? "");
  const [variables, setVariables] = useState(() => sampleVariables(form));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [inputError, setInputError] = useState<string>();
  const [pending, startTransition] = useTransition();
  if (teams.length === 0)
    return <p className="text-sm text-slate-600">Tests are charged to one of your teams: join or create a team with a key to test here.</p>;
  const teamName = teams.find((option) => option.slug === team)?.name ?? team;

  const submit = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(variables);
      setInputError(undefined);
    } catch {
      return setInputError("The sample input must be a JSON object of the variables.");
    }
    startTransition(async () => {
      const result = (await run({ form, api, team, keyId, variables: parsed })) as Outcome;
      setOutcome(result);
      if (!result.ok && result.fieldErrors) onFieldErrors(result.fieldErrors);
    });
  };

  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Select
          label="Team to charge"
          value={team}
          onChange={(slug) => {
            setTeam(slug);
            setKeyId(teams.find((option) => option.slug === slug)?.keys[0]?.id ?? "");
          }}
          options={teams.map((option) => ({ value: option.slug, label: option.name }))}
        />
        <Select
          label="Key"
          value={keyId}
          onChange={setKeyId}
          options={
            keys.length
              ? keys.map((key) => ({ value: key.id, label: `${key.name} (${key.masked})` }))
              : [{ value: "", label: "This team has no active key" }]
          }
        />
      </div>
      <TextArea label="Sample input (JSON)" rows={5} mono value={variables} onChange={setVariables} error={inputError} />
      <p className="text-sm text-slate-600">
        Runs the prompt as it is in the form, unsaved changes included. <strong>{teamName}</strong> is charged the model&apos;s token cost
        (no plan fee).
      </p>
      <Button type="button" onClick={submit} disabled={pending || !keyId}>
        {pending ? "Running…" : "Run test"}
      </Button>
      {outcome ? <TestOutcome outcome={outcome} /> : null}
    </div>
  );
}

function TestOutcome({ outcome }: { outcome: Outcome }) {
  if (!outcome.ok)
    return (
      <p className="text-sm text-red-600" role="alert">
        {outcome.error ?? "The test could not run."}
      </p>
    );
  if (outcome.problem)
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        <p>
          {outcome.status} {outcome.problem.code}: {outcome.problem.detail}
        </p>
        {outcome.problem.errors ? (
          <ul className="mt-1 list-disc pl-5">
            {Object.entries(outcome.problem.errors).map(([field, message]) => (
              <li key={field}>
                <code>{field}</code>: {message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  return (
    <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="test-result">
      <pre className="whitespace-pre-wrap break-words font-mono text-xs text-slate-900">
        {typeof outcome.output === "string" ? outcome.output : JSON.stringify(outcome.output, null, 2)}
      </pre>
      <p className="text-slate-700">
        {outcome.model} · {outcome.usage?.inputTokens} input tokens ({outcome.usage?.cachedInputTokens} cached) ·{" "}
        {outcome.usage?.outputTokens} output tokens · cost {outcome.charged} {outcome.currency} · balance {outcome.balance}{" "}
        {outcome.currency}
      </p>
    </div>
  );
}
