"use client";
// The plans of an API as rows of fields named `plans.<row>.<field>`. Saved plans keep their slug
// and can be archived (subscribers keep them; nobody new can choose them); new rows can be added and
// removed again before saving. Rows are renumbered by position, so field errors (`plans.1.price`)
// land on the row they are about. An AI API's plans add token limits and allowed models.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/form";
import type { ApiFormValues } from "@/components/admin/apis/api-form-values";
import { AiPlanFields } from "@/components/admin/apis/ai-plan-fields";

type Row = { id: number; values: Record<string, string> };

const NEW_PLAN: Record<string, string> = {
  price: "0",
  rateLimit: "60",
  rateLimitWindowSec: "60",
  maxRequestBytes: "1048576",
  chargePolicy: "REFUND_ON_UPSTREAM_FAILURE",
};

function rowsFrom(values: ApiFormValues): Row[] {
  const rows: Row[] = [];
  for (let index = 0; values[`plans.${index}.slug`] !== undefined; index++) {
    const prefix = `plans.${index}.`;
    const row = Object.fromEntries(
      Object.entries(values)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => [key.slice(prefix.length), value]),
    );
    rows.push({ id: index, values: row });
  }
  return rows;
}

type Props = {
  values: ApiFormValues;
  errors: Record<string, string>;
  currency: string;
  maxPrice: string;
  /** set for an AI API: the models it publishes, as chosen in the form */
  aiModels?: string[] | null;
};

export function PlansEditor({ values, errors, currency, maxPrice, aiModels }: Props) {
  const [rows, setRows] = useState<Row[]>(() => {
    const initial = rowsFrom(values);
    return initial.length ? initial : [{ id: 0, values: NEW_PLAN }];
  });
  const addRow = () => setRows((current) => [...current, { id: Math.max(-1, ...current.map((row) => row.id)) + 1, values: NEW_PLAN }]);
  const removeRow = (id: number) => setRows((current) => current.filter((row) => row.id !== id));

  return (
    <div className="space-y-4">
      {errors.plans ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.plans}
        </p>
      ) : null}
      {rows.map((row, index) => (
        <PlanRow
          key={row.id}
          index={index}
          row={row}
          errors={errors}
          currency={currency}
          maxPrice={maxPrice}
          aiModels={aiModels ?? null}
          onRemove={() => removeRow(row.id)}
        />
      ))}
      <Button type="button" variant="secondary" onClick={addRow}>
        Add a plan
      </Button>
    </div>
  );
}

function PlanRow({
  index,
  row,
  errors,
  currency,
  maxPrice,
  aiModels,
  onRemove,
}: {
  index: number;
  row: Row;
  errors: Record<string, string>;
  currency: string;
  maxPrice: string;
  aiModels: string[] | null;
  onRemove: () => void;
}) {
  const existing = row.values.existing === "1";
  const name = (field: string) => `plans.${index}.${field}`;
  const id = (field: string) => `plan-${row.id}-${field}`;
  const field = (key: string) => ({ name: name(key), id: id(key), defaultValue: row.values[key] ?? "", error: errors[name(key)] });
  const subscribers = Number(row.values.subscribers ?? 0);
  return (
    <fieldset className="rounded-md border border-slate-200 p-4" data-testid="plan-row">
      <legend className="px-1 text-sm font-medium text-slate-800">
        {existing ? `Plan ${row.values.slug}` : "New plan"}
        {existing ? (
          <span className="ml-2 font-normal text-slate-500">
            {subscribers === 1 ? "1 active subscription" : `${subscribers} active subscriptions`}
          </span>
        ) : null}
      </legend>
      {existing ? (
        <>
          <input type="hidden" name={name("existing")} value="1" />
          <input type="hidden" name={name("slug")} value={row.values.slug} />
          <input type="hidden" name={name("subscribers")} value={row.values.subscribers ?? "0"} />
        </>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {existing ? null : (
          <Field
            label="Plan slug"
            {...field("slug")}
            required
            placeholder="pro"
            hint="Lowercase letters, digits and dashes; fixed once saved."
          />
        )}
        <Field label="Plan name" {...field("name")} required placeholder="Pro" />
        <Field
          label={aiModels ? `Fee per request (${currency})` : `Price per call (${currency})`}
          {...field("price")}
          inputMode="decimal"
          required
          hint={aiModels ? `Added to the token cost; 0 to ${maxPrice}.` : `0 to ${maxPrice}, up to six decimals.`}
        />
        <Field label="Requests per window" {...field("rateLimit")} inputMode="numeric" required />
        <Field label="Window (seconds)" {...field("rateLimitWindowSec")} inputMode="numeric" required />
        <Field label="Max request body (bytes)" {...field("maxRequestBytes")} inputMode="numeric" required hint="1048576 = 1 MiB." />
        <SelectField
          label="When the upstream fails"
          name={name("chargePolicy")}
          id={id("chargePolicy")}
          defaultValue={row.values.chargePolicy ?? "REFUND_ON_UPSTREAM_FAILURE"}
          error={errors[name("chargePolicy")]}
        >
          <option value="REFUND_ON_UPSTREAM_FAILURE">Refund the call</option>
          <option value="ALWAYS_CHARGE">Charge anyway</option>
        </SelectField>
        {aiModels ? <AiPlanFields name={name} id={id} values={row.values} errors={errors} models={aiModels} /> : null}
        <Field label="Plan description" {...field("description")} className="sm:col-span-2 xl:col-span-3" />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name={name("requiresApproval")}
            defaultChecked={row.values.requiresApproval === "on"}
            className="h-4 w-4 rounded border-slate-300"
          />
          Subscriptions need an admin&apos;s approval
        </label>
        {existing ? (
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name={name("archived")}
              defaultChecked={row.values.archived === "on"}
              className="h-4 w-4 rounded border-slate-300"
            />
            Archived (subscribers keep it; no new subscriptions)
          </label>
        ) : (
          <Button type="button" variant="ghost" size="sm" onClick={onRemove}>
            Remove this plan
          </Button>
        )}
      </div>
    </fieldset>
  );
}
