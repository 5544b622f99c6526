"use client";
// The plans of a Prompt API: price per call, how a call is priced (per call plus tokens, tokens
// only, per call only), rate limit and approval. Existing plans keep their slug.
import { NEW_PROMPT_PLAN, type PlanRow } from "@/lib/prompt-apis/prompt-form";
import { Checkbox, Select, TextInput } from "@/components/admin/prompt-apis/prompt-fields";
import { Button } from "@/components/ui/button";

const PRICING = [
  { value: "CALL_AND_TOKENS", label: "Price per call plus tokens" },
  { value: "TOKENS", label: "Tokens only" },
  { value: "CALL", label: "Price per call only" },
];

type Props = {
  rows: PlanRow[];
  fixedSlugs: Set<string>;
  currency: string;
  onChange: (rows: PlanRow[]) => void;
  error: (field: string) => string | undefined;
};

export function PromptPlansEditor({ rows, fixedSlugs, currency, onChange, error }: Props) {
  const set = (index: number, patch: Partial<PlanRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Plans</legend>
      {rows.map((row, index) => {
        const at = (field: string) => error(`plans.${index}.${field}`);
        return (
          <div key={index} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-6">
            <TextInput
              className="sm:col-span-2"
              label={`Plan ${index + 1} slug`}
              value={row.slug}
              readOnly={fixedSlugs.has(row.slug)}
              onChange={(slug) => set(index, { slug })}
              error={at("slug")}
            />
            <TextInput
              className="sm:col-span-2"
              label="Plan name"
              value={row.name}
              onChange={(name) => set(index, { name })}
              error={at("name")}
            />
            <TextInput
              className="sm:col-span-2"
              label={`Price per call (${currency})`}
              value={row.price}
              onChange={(price) => set(index, { price })}
              error={at("price")}
            />
            <Select
              className="sm:col-span-3"
              label="Pricing"
              value={row.promptPricing}
              onChange={(promptPricing) => set(index, { promptPricing })}
              options={PRICING}
              error={at("promptPricing")}
            />
            <TextInput
              className="sm:col-span-1"
              label="Requests"
              inputMode="numeric"
              value={row.rateLimit}
              onChange={(rateLimit) => set(index, { rateLimit })}
              error={at("rateLimit")}
            />
            <TextInput
              className="sm:col-span-1"
              label="Per seconds"
              inputMode="numeric"
              value={row.rateLimitWindowSec}
              onChange={(rateLimitWindowSec) => set(index, { rateLimitWindowSec })}
              error={at("rateLimitWindowSec")}
            />
            <TextInput
              className="sm:col-span-1"
              label="Max body bytes"
              inputMode="numeric"
              value={row.maxRequestBytes}
              onChange={(maxRequestBytes) => set(index, { maxRequestBytes })}
              error={at("maxRequestBytes")}
            />
            <div className="sm:col-span-6">
              <Checkbox
                label="Requires approval"
                checked={row.requiresApproval}
                onChange={(requiresApproval) => set(index, { requiresApproval })}
              />
            </div>
          </div>
        );
      })}
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={() => onChange([...rows, { ...NEW_PROMPT_PLAN, slug: `plan-${rows.length + 1}`, name: `Plan ${rows.length + 1}` }])}
      >
        Add plan
      </Button>
    </fieldset>
  );
}
